// GET of one resource (RFC 7644 §3.4.1) and its default attribute set (RFC 7643 §2.2 "returned").
import type { CheckContext } from "../check-context.js";
import type { JsonObject } from "../support/json.js";
import { getCi, keyCi, sameCi, show } from "../support/json.js";
import { get, makeGroup, makeUser, readBack, richUserBody } from "../support/resources.js";
import { attributesOf, findStringAttribute, fragment, schemasFor } from "../support/schema-attributes.js";
import { scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";

export const getUser = scimCheck({
  id: "read.user.get-by-id",
  title: "GET of a User by id answers 200 with that User",
  area: "read",
  requirements: ["rfc7644.read.get-by-id"],
  expectation: "GET {Users}/{id} of a created User answers 200 with its id and userName",
  async run(ctx) {
    const user = await makeUser(ctx);
    const res = await get(ctx, user.path);
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.equal(getCi(res.body, "id"), user.id, "id");
    e.that(
      sameCi(getCi(res.body, "userName"), user.body.userName),
      `userName is ${show(getCi(res.body, "userName"))}`,
    );
    return e.done();
  },
});

export const getGroup = scimCheck({
  id: "read.group.get-by-id",
  title: "GET of a Group by id answers 200 with that Group",
  area: "read",
  requirements: ["rfc7644.read.get-by-id"],
  expectation: "GET {Groups}/{id} of a created Group answers 200 with its id and displayName",
  async run(ctx) {
    const group = await makeGroup(ctx);
    const res = await get(ctx, group.path);
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.equal(getCi(res.body, "id"), group.id, "id");
    e.that(
      sameCi(getCi(res.body, "displayName"), group.body.displayName),
      `displayName is ${show(getCi(res.body, "displayName"))}`,
    );
    return e.done();
  },
});

async function unknown(ctx: CheckContext, type: string) {
  const endpoint = ctx.discovery.endpoint(type);
  if (endpoint === undefined || ctx.discovery.resourceType(type) === undefined) {
    return { kind: "skip" as const, reason: `the target has no ${type} resource type` };
  }
  const res = await get(ctx, `${endpoint}/${encodeURIComponent(ctx.unique.missingId())}`);
  const e = ctx.expect();
  e.status(res, 404);
  return e.done();
}

export const unknownUser = scimCheck({
  id: "read.user.unknown-id-404",
  title: "GET of an unknown User id answers 404",
  area: "read",
  requirements: ["rfc7644.read.unknown-id-404"],
  expectation: "GET {Users}/{an id that cannot exist} answers 404 (RFC 7644 §3.12 Table 8)",
  run: (ctx) => unknown(ctx, "User"),
});

export const unknownGroup = scimCheck({
  id: "read.group.unknown-id-404",
  title: "GET of an unknown Group id answers 404",
  area: "read",
  requirements: ["rfc7644.read.unknown-id-404"],
  expectation: "GET {Groups}/{an id that cannot exist} answers 404",
  run: (ctx) => unknown(ctx, "Group"),
});

export const defaultAttributes = scimCheck({
  id: "read.default-attributes",
  title: "A plain GET returns the default attributes, never password or returned=request ones",
  area: "read",
  requirements: ["rfc7644.read.default-attributes"],
  expectation:
    "GET {Users}/{id} without attributes= holds every returned=default attribute the create answer showed, and no returned=never (password) or returned=request attribute, even when the User has values for them",
  async run(ctx) {
    const tag = ctx.unique.name("def");
    const request = findStringAttribute(ctx, "User", (d) => d.returned === "request");
    const body: JsonObject = {
      ...richUserBody(ctx, tag),
      password: `Pw-${tag}-9!xQ`,
      ...(request ? fragment(request, `${tag}-request-only`) : {}),
    };
    body.schemas = schemasFor(urn.user, request);
    const user = await makeUser(ctx, body);
    const { body: read } = await readBack(ctx, user.path);
    const e = ctx.expect();
    for (const { def, container, path } of attributesOf(ctx, "User")) {
      const holder = container === undefined ? read : getCi(read, container);
      const present = getCi(holder, def.name) !== undefined;
      if (def.returned === "never" || def.returned === "request") {
        e.that(!present, `${path} (returned=${def.returned}) is in the answer`);
      } else if (
        getCi(container === undefined ? user.resource : getCi(user.resource, container), def.name) !==
        undefined
      ) {
        e.that(present, `${path} (returned=${def.returned}) was in the create answer but is not in GET`);
      }
    }
    e.that(keyCi(read, "password") === undefined, "password is in the answer");
    return e.done();
  },
});
