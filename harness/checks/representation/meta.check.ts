// The "meta" attribute (RFC 7643 §3.1, RFC 7644 §3.3.1): assigned by the server and never taken from
// the client, resourceType matching the endpoint, lastModified equal to created until a change and
// advancing after one, and a location that really is the resource's URI.
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import { getCi, show } from "../support/json.js";
import { makeGroup, makeUser, readBack, waitPastTimestampResolution } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";

function meta(body: unknown, key: string): unknown {
  return getCi(getCi(body, "meta"), key);
}

function instant(value: unknown): number {
  return typeof value === "string" ? Date.parse(value) : Number.NaN;
}

const bogusMeta = {
  resourceType: "Bogus",
  created: "2001-02-03T04:05:06Z",
  lastModified: "2001-02-03T04:05:06Z",
  location: "https://invalid.example/not/here",
  version: 'W/"client-chosen"',
};

export const metaAssigned = scimCheck({
  id: "representation.meta.assigned",
  title: "A created resource has meta with resourceType, created, lastModified and location",
  area: "representation",
  requirements: ["rfc7643.representation.meta-assigned"],
  expectation:
    "GET of a created User has meta.resourceType, meta.created, meta.lastModified and meta.location, all strings",
  async run(ctx) {
    const user = await makeUser(ctx);
    const { body } = await readBack(ctx, user.path);
    const e = ctx.expect();
    for (const key of ["resourceType", "created", "lastModified", "location"]) {
      e.that(typeof meta(body, key) === "string", `meta.${key} is ${show(meta(body, key))}`);
    }
    return e.done();
  },
});

export const metaFromClientIgnored = scimCheck({
  id: "representation.meta.client-values-ignored",
  title: "meta sent by a client is ignored on POST and PUT",
  area: "representation",
  requirements: ["rfc7643.representation.meta-from-client-ignored"],
  expectation:
    "POST and PUT {Users} carrying a made-up meta (resourceType, created, lastModified, location, version) succeed, and the User's meta keeps the server's values",
  async run(ctx) {
    const user = await makeUser(ctx, { meta: bogusMeta });
    const e = ctx.expect();
    const check = (where: string, body: unknown) => {
      for (const [key, bogus] of Object.entries(bogusMeta)) {
        e.that(meta(body, key) !== bogus, `${where}: meta.${key} is the client's ${show(bogus)}`);
      }
    };
    check("after POST", (await readBack(ctx, user.path)).body);
    const put = await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: { ...user.body, meta: bogusMeta },
    });
    if (
      e.that(
        put.status === 200 || put.status === 204,
        `PUT with a client meta answered ${describeResponse(put)}`,
      )
    ) {
      check("after PUT", (await readBack(ctx, user.path)).body);
    }
    return e.done();
  },
});

export const metaResourceType = scimCheck({
  id: "representation.meta.resource-type",
  title: "meta.resourceType names the resource type of the endpoint",
  area: "representation",
  requirements: ["rfc7644.representation.meta-resource-type"],
  expectation:
    'a User reads back with meta.resourceType "User" and a Group with "Group" (the ResourceType names)',
  async run(ctx) {
    const e = ctx.expect();
    const user = await makeUser(ctx);
    e.equal(
      meta((await readBack(ctx, user.path)).body, "resourceType"),
      ctx.discovery.resourceType("User")?.name ?? "User",
      "a User's meta.resourceType",
    );
    if (ctx.discovery.resourceType("Group") !== undefined) {
      const group = await makeGroup(ctx);
      e.equal(
        meta((await readBack(ctx, group.path)).body, "resourceType"),
        ctx.discovery.resourceType("Group")?.name ?? "Group",
        "a Group's meta.resourceType",
      );
    }
    return e.done();
  },
});

export const lastModifiedInitial = scimCheck({
  id: "representation.meta.last-modified-initial",
  title: "A new resource has lastModified equal to created",
  area: "representation",
  requirements: ["rfc7643.representation.last-modified-initial"],
  expectation: "GET of a just-created User has meta.lastModified equal (as an instant) to meta.created",
  async run(ctx) {
    const user = await makeUser(ctx);
    const { body } = await readBack(ctx, user.path);
    const e = ctx.expect();
    const created = instant(meta(body, "created"));
    const modified = instant(meta(body, "lastModified"));
    need(!Number.isNaN(created), `meta.created is ${show(meta(body, "created"))}`);
    e.that(
      created === modified,
      `meta.created is ${show(meta(body, "created"))} but meta.lastModified is ${show(meta(body, "lastModified"))}`,
    );
    return e.done();
  },
});

async function modified(ctx: CheckContext): Promise<{ before: unknown; after: unknown }> {
  const user = await makeUser(ctx, { displayName: "Before" });
  const before = (await readBack(ctx, user.path)).body;
  await waitPastTimestampResolution(ctx, meta(before, "lastModified"));
  const put = await ctx.client.send({
    method: "PUT",
    path: user.path,
    body: { ...user.body, displayName: "After" },
  });
  need(
    put.status === 200 || put.status === 204,
    `the PUT that modifies the User answered ${describeResponse(put)}`,
  );
  return { before, after: (await readBack(ctx, user.path)).body };
}

export const lastModifiedAdvances = scimCheck({
  id: "representation.meta.last-modified-advances",
  title: "lastModified advances when the resource changes",
  area: "representation",
  requirements: ["rfc7643.representation.last-modified-advances"],
  expectation:
    "a PUT one second after the create leaves meta.lastModified later than before and not earlier than meta.created",
  async run(ctx) {
    const { before, after } = await modified(ctx);
    const e = ctx.expect();
    const was = instant(meta(before, "lastModified"));
    const now = instant(meta(after, "lastModified"));
    e.that(
      now > was,
      `meta.lastModified went from ${show(meta(before, "lastModified"))} to ${show(meta(after, "lastModified"))}`,
    );
    e.that(
      now >= instant(meta(after, "created")),
      `meta.lastModified ${show(meta(after, "lastModified"))} is before meta.created`,
    );
    return e.done();
  },
});

export const metaLocation = scimCheck({
  id: "representation.meta.location",
  title: "meta.location is the resource's URI and matches Content-Location",
  area: "representation",
  requirements: ["rfc7643.representation.meta-location"],
  expectation:
    "GET of a User's meta.location answers 200 with that User; a Content-Location header, when sent, equals meta.location",
  async run(ctx) {
    const user = await makeUser(ctx);
    const { res, body } = await readBack(ctx, user.path);
    const e = ctx.expect();
    const location = meta(body, "location");
    if (!e.that(typeof location === "string", `meta.location is ${show(location)}`)) return e.done();
    const contentLocation = res.header("content-location");
    if (contentLocation !== undefined)
      e.that(
        contentLocation === location,
        `Content-Location is ${contentLocation}, meta.location is ${location}`,
      );
    const target = new URL(String(location), `${ctx.run.baseUrl}/`);
    if (
      !e.that(
        target.origin === new URL(ctx.run.baseUrl).origin,
        `meta.location ${location} is not on the target's origin`,
      )
    ) {
      return e.done();
    }
    const again = await ctx.client.send({ method: "GET", path: target.href });
    e.that(
      again.status === 200 && getCi(again.body, "id") === user.id,
      `GET ${location} answered ${describeResponse(again)}`,
    );
    return e.done();
  },
});
