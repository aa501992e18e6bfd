// POST /Users (RFC 7644 §3.3): 201 with the new resource, readOnly input ignored, every writable
// value stored, and userName unique ignoring case (RFC 7643 §4.1.1, RFC 7644 §3.3 409 uniqueness).
import { describeResponse } from "../expect.js";
import { caseExactFrom, comparable, differences } from "../support/compare.js";
import { asArray, attr, getCi, sameCi, show } from "../support/json.js";
import { makeUser, readBack, richUserBody, usersEndpoint } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";

export const createUser201 = scimCheck({
  id: "create.user.status-201",
  title: "POST of a minimal User answers 201 Created",
  area: "create",
  requirements: ["rfc7644.create.status-201"],
  expectation: "POST {Users} with schemas and a fresh userName answers 201 (RFC 7644 §3.3: SHALL)",
  async run(ctx) {
    const res = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: ctx.resources.userBody(),
    });
    const e = ctx.expect();
    e.status(res, 201);
    return e.done();
  },
});

export const createUserBody = scimCheck({
  id: "create.user.response-body",
  title: "The 201 answer holds the created User",
  area: "create",
  requirements: ["rfc7644.create.response-body"],
  expectation: "the body of the 201 answer is the new User: a JSON object with its id and the userName sent",
  async run(ctx) {
    const body = ctx.resources.userBody();
    const res = await ctx.client.send({ method: "POST", path: usersEndpoint(ctx), body });
    const e = ctx.expect();
    if (!e.status(res, [201, 200])) return e.done();
    const id = getCi(res.body, "id");
    e.that(typeof id === "string" && id.length > 0, `no id in the body: ${describeResponse(res)}`);
    e.that(
      sameCi(getCi(res.body, "userName"), body.userName),
      `userName is ${show(getCi(res.body, "userName"))}`,
    );
    return e.done();
  },
});

export const createUserReadOnlyIgnored = scimCheck({
  id: "create.user.read-only-ignored",
  title: "readOnly attributes in a POST are ignored, not applied and not an error",
  area: "create",
  requirements: ["rfc7644.create.read-only-ignored"],
  expectation:
    'POST {Users} with "groups" naming a Group and a client "id" answers 201; the new User is in no group and has a server-assigned id (RFC 7644 §3.3: readOnly SHALL be ignored)',
  async run(ctx) {
    const clientId = `${ctx.run.prefix}client-chosen-id`;
    const body = ctx.resources.userBody({
      id: clientId,
      groups: [{ value: ctx.unique.missingId(), display: "not a real group" }],
    });
    const res = await ctx.client.send({ method: "POST", path: usersEndpoint(ctx), body });
    const e = ctx.expect();
    // 200 instead of 201 is create.user.status-201's finding; here only an error status counts.
    if (!e.status(res, [201, 200])) return e.done();
    const id = getCi(res.body, "id");
    e.that(id !== clientId, `the client-supplied id ${clientId} was used`);
    if (typeof id === "string") {
      const { body: read } = await readBack(ctx, `${usersEndpoint(ctx)}/${encodeURIComponent(id)}`);
      const groups = asArray(getCi(read, "groups"));
      e.that(groups.length === 0, `the POSTed groups were applied: groups is ${show(groups)}`);
    }
    return e.done();
  },
});

export const createUserRoundTrip = scimCheck({
  id: "create.user.round-trip",
  title: "Every writable value of a created User reads back",
  area: "create",
  requirements: ["rfc7644.create.round-trip"],
  expectation:
    "a User POSTed with externalId, name, displayName, title, emails and active (those /Schemas lists) reads back with those values (caseExact=false values in any case; multi-valued as sets)",
  async run(ctx) {
    const tag = ctx.unique.name("rt");
    // makeUser sends, and so this compares, only what the target lists (RFC 7643 §7).
    const user = await makeUser(ctx, richUserBody(ctx, tag));
    const { body: read } = await readBack(ctx, user.path);
    const e = ctx.expect();
    for (const problem of differences(comparable(user.body), read, "", caseExactFrom(ctx, urn.user)))
      e.fail(problem);
    return e.done();
  },
});

export const duplicateUserName = scimCheck({
  id: "create.user.duplicate-409",
  title: "A second User with the same userName is refused with 409 uniqueness",
  area: "create",
  requirements: ["rfc7644.create.duplicate-username-409"],
  expectation:
    'POST {Users} with a userName already in use answers 409 with scimType "uniqueness" (RFC 7644 §3.3)',
  async run(ctx) {
    const first = await makeUser(ctx);
    const res = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: ctx.resources.userBody({ userName: first.body.userName }),
    });
    const e = ctx.expect();
    e.scimError(res, 409, "uniqueness");
    return e.done();
  },
});

export const duplicateUserNameCase = scimCheck({
  id: "create.user.duplicate-case-variant-409",
  title: "A userName differing only in case is a duplicate",
  area: "create",
  requirements: ["rfc7644.create.duplicate-username-case-variant"],
  expectation:
    'POST {Users} with the upper-cased userName of an existing User answers 409 "uniqueness" (userName is caseExact=false, RFC 7643 §4.1.1)',
  async run(ctx) {
    const first = await makeUser(ctx);
    const res = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: ctx.resources.userBody({ userName: String(first.body.userName).toUpperCase() }),
    });
    const e = ctx.expect();
    e.scimError(res, 409, "uniqueness");
    return e.done();
  },
});

export const unknownAttributes = scimCheck({
  id: "create.user.unknown-attribute",
  title: "An attribute no schema defines is ignored or refused with 400",
  area: "create",
  requirements: ["rfc7644.create.unknown-attributes"],
  expectation:
    "POST {Users} with an undefined attribute either answers 201 without that attribute in the User, or 400 invalidSyntax/invalidValue; never a 5xx",
  async run(ctx) {
    const name = "scimcUndefinedAttribute";
    const res = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: ctx.resources.userBody({ [name]: "should not be stored" }),
    });
    const e = ctx.expect();
    if (res.status === 400) {
      const scimType = getCi(res.body, "scimType");
      e.that(
        scimType === "invalidSyntax" || scimType === "invalidValue",
        `400 with scimType ${show(scimType)}`,
      );
      ctx.note("the target rejects undefined attributes with 400");
      return e.done();
    }
    if (!e.status(res, [201, 200])) return e.done();
    ctx.note("the target ignores undefined attributes");
    e.that(
      attr(res.body, name) === undefined,
      `the undefined attribute was stored and returned: ${describeResponse(res)}`,
    );
    return e.done();
  },
});
