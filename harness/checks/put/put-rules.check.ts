// What a PUT must not do (RFC 7644 §3.5.1): apply readOnly input, change anything when a GET body is
// PUT back, change a set immutable value, create a resource, or drop a required attribute.
import { describeResponse } from "../expect.js";
import type { JsonObject } from "../support/json.js";
import { asArray, attr, getCi, sameCi, show } from "../support/json.js";
import { get, makeGroup, makeUser, readBack, resourcePath, usersEndpoint } from "../support/resources.js";
import { findStringAttribute, fragment, schemasFor } from "../support/schema-attributes.js";
import { need, scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";

export const putReadOnlyIgnored = scimCheck({
  id: "put.read-only.ignored",
  title: "readOnly values in a PUT are ignored",
  area: "put",
  requirements: ["rfc7644.put.read-only-ignored"],
  expectation:
    "PUT with another id, a made-up meta and groups naming a Group answers 200; id, meta.created and the User's groups are unchanged",
  async run(ctx) {
    const user = await makeUser(ctx);
    const group = ctx.discovery.resourceType("Group") !== undefined ? await makeGroup(ctx) : undefined;
    const before = (await readBack(ctx, user.path)).body;
    const res = await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: {
        ...user.body,
        id: `${ctx.run.prefix}other-id`,
        meta: { created: "2001-01-01T00:00:00Z", resourceType: "Bogus" },
        groups: group ? [{ value: group.id }] : [],
      },
    });
    const e = ctx.expect();
    if (!e.status(res, [200, 204])) return e.done();
    const after = (await readBack(ctx, user.path)).body;
    e.equal(getCi(after, "id"), user.id, "id");
    e.equal(attr(after, "meta.created"), attr(before, "meta.created"), "meta.created");
    if (group) {
      e.that(
        !asArray(getCi(after, "groups")).some((g) => getCi(g, "value") === group.id),
        "the User joined the Group through its groups attribute",
      );
    }
    return e.done();
  },
});

export const putEchoOfGet = scimCheck({
  id: "put.echo-of-get.no-change",
  title: "PUTting back a GET body succeeds and changes nothing",
  area: "put",
  requirements: ["rfc7644.put.echo-of-get"],
  expectation:
    "the unmodified body of a GET (with schemas, id, meta) PUT back answers 200, and the next GET differs only in meta.lastModified and meta.version",
  async run(ctx) {
    const tag = ctx.unique.name("echo");
    const user = await makeUser(ctx, {
      displayName: "Echo",
      title: "Same",
      emails: [{ value: `${tag}@example.org`, type: "work" }],
    });
    const before = (await readBack(ctx, user.path)).body;
    const res = await ctx.client.send({ method: "PUT", path: user.path, body: before });
    const e = ctx.expect();
    if (!e.status(res, [200, 204])) return e.done();
    const after = (await readBack(ctx, user.path)).body;
    const strip = (b: JsonObject) => {
      const copy = structuredClone(b);
      const meta = getCi(copy, "meta") as JsonObject | undefined;
      if (meta) for (const k of Object.keys(meta)) if (/^(lastModified|version)$/i.test(k)) delete meta[k];
      return copy;
    };
    e.equal(strip(after), strip(before), "the User after PUTting back its GET body");
    return e.done();
  },
});

export const putImmutableMismatch = scimCheck({
  id: "put.immutable.mismatch-400",
  title: "Changing a set immutable value with PUT is a 400 mutability",
  area: "put",
  requirements: ["rfc7644.put.immutable-mismatch-400"],
  expectation:
    'PUT with a new value for an immutable attribute that already has one answers 400 with scimType "mutability"',
  async run(ctx) {
    const found = findStringAttribute(ctx, "User", (d) => d.mutability === "immutable");
    need(found !== undefined, "the target declares no writable immutable string attribute on User");
    const body = ctx.resources.userBody(fragment(found, `${ctx.run.prefix}once`));
    body.schemas = schemasFor(urn.user, found);
    const user = await makeUser(ctx, body);
    const res = await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: { ...body, ...fragment(found, `${ctx.run.prefix}twice`) },
    });
    const e = ctx.expect();
    e.scimError(res, 400, "mutability");
    return e.done();
  },
});

export const putImmutableFirst = scimCheck({
  id: "put.immutable.first-value",
  title: "PUT can set an immutable attribute that has no value yet",
  area: "put",
  requirements: ["rfc7644.put.immutable-first-value"],
  expectation:
    "a User without a value for an immutable attribute, PUT with one, answers 200 and reads back with it",
  async run(ctx) {
    const found = findStringAttribute(ctx, "User", (d) => d.mutability === "immutable");
    need(found !== undefined, "the target declares no writable immutable string attribute on User");
    const user = await makeUser(ctx);
    const value = `${ctx.run.prefix}first-${ctx.unique.name("imm")}`;
    const body = { ...user.body, ...fragment(found, value), schemas: schemasFor(urn.user, found) };
    const res = await ctx.client.send({ method: "PUT", path: user.path, body });
    const e = ctx.expect();
    if (!e.status(res, [200, 204])) return e.done();
    e.equal(attr((await readBack(ctx, user.path)).body, found.path), value, found.path);
    return e.done();
  },
});

export const putNoCreate = scimCheck({
  id: "put.unknown-id.no-create",
  title: "PUT to an unknown id creates nothing",
  area: "put",
  requirements: ["rfc7644.put.no-create"],
  expectation:
    "PUT {Users}/{an id that cannot exist} is refused (404 expected) and the id still answers 404 to GET",
  async run(ctx) {
    const path = resourcePath(usersEndpoint(ctx), ctx.unique.missingId());
    const res = await ctx.client.send({ method: "PUT", path, body: ctx.resources.userBody() });
    const e = ctx.expect();
    e.that(res.status === 404, `PUT answered ${describeResponse(res)}`);
    const after = await get(ctx, path);
    e.that(after.status === 404, `GET of the id after the PUT answered ${describeResponse(after)}`);
    return e.done();
  },
});

export const putMissingRequired = scimCheck({
  id: "put.required.missing-400",
  title: "A PUT without userName is refused and changes nothing",
  area: "put",
  requirements: ["rfc7644.put.missing-required-400"],
  expectation:
    'PUT without userName answers 400 with scimType "invalidValue", and the User keeps its userName',
  async run(ctx) {
    const user = await makeUser(ctx, { displayName: "Keep" });
    const { userName: _dropped, ...rest } = user.body;
    const res = await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: { ...rest, displayName: "Lost" },
    });
    const e = ctx.expect();
    e.scimError(res, 400, "invalidValue");
    const { body } = await readBack(ctx, user.path);
    e.that(
      sameCi(getCi(body, "userName"), user.body.userName),
      `userName is now ${show(getCi(body, "userName"))}`,
    );
    return e.done();
  },
});
