// Values the server must keep exactly or keep unique (RFC 7643 §2.2 caseExact and uniqueness, §4.1.1
// userName), type mismatches (RFC 7644 §3.12 invalidValue), and password changes (RFC 7643 §4.1.1,
// RFC 7644 §3.5: changePassword).
import type { ScimResponse } from "../../client/client.js";
import { describeResponse } from "../expect.js";
import type { JsonObject } from "../support/json.js";
import { attr, getCi, show } from "../support/json.js";
import { patch, patchSucceeded } from "../support/patch.js";
import { makeUser, readBack, usersEndpoint } from "../support/resources.js";
import { findStringAttribute, fragment, schemasFor } from "../support/schema-attributes.js";
import { need, scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";

export const caseExactPreserved = scimCheck({
  id: "schema.case-exact.preserved",
  title: "caseExact values come back with exactly the case sent",
  area: "schema",
  requirements: ["rfc7643.schema.case-exact-preserved"],
  expectation:
    "a User created with a mixed-case externalId and profileUrl returns both byte for byte, and its id and meta.version are identical on two reads",
  async run(ctx) {
    const externalId = `${ctx.unique.externalId()}-AbC-xYz`;
    const profileUrl = `https://Example.org/Profiles/${ctx.run.id}/MiXeD`;
    const user = await makeUser(ctx, { externalId, profileUrl });
    const first = (await readBack(ctx, user.path)).body;
    const second = (await readBack(ctx, user.path)).body;
    const e = ctx.expect();
    e.equal(getCi(first, "externalId"), externalId, "externalId");
    const url = getCi(first, "profileUrl");
    if (url !== undefined) e.equal(url, profileUrl, "profileUrl (a reference, case exact)");
    e.equal(getCi(second, "id"), getCi(first, "id"), "id on a second read");
    e.equal(attr(second, "meta.version"), attr(first, "meta.version"), "meta.version on a second read");
    return e.done();
  },
});

function refusedAsDuplicate(res: ScimResponse): boolean {
  return (res.status === 409 || res.status === 400) && getCi(res.body, "scimType") === "uniqueness";
}

export const userNameUniqueOnUpdate = scimCheck({
  id: "schema.user-name.unique-on-update",
  title: "PUT and PATCH cannot give a User another User's userName",
  area: "schema",
  requirements: ["rfc7643.schema.username-unique"],
  expectation:
    'renaming a User to the upper-cased userName of another User with PUT, and with PATCH, is refused with scimType "uniqueness"; the second User keeps its name',
  async run(ctx) {
    const a = await makeUser(ctx);
    const b = await makeUser(ctx);
    const taken = String(a.body.userName).toUpperCase();
    const e = ctx.expect();
    const put = await ctx.client.send({ method: "PUT", path: b.path, body: { ...b.body, userName: taken } });
    e.that(refusedAsDuplicate(put), `PUT renaming to ${taken} answered ${describeResponse(put)}`);
    const patched = await patch(ctx, b.path, [{ op: "replace", path: "userName", value: taken }]);
    e.that(refusedAsDuplicate(patched), `PATCH renaming to ${taken} answered ${describeResponse(patched)}`);
    const { body } = await readBack(ctx, b.path);
    e.that(
      String(getCi(body, "userName")).toLowerCase() === String(b.body.userName).toLowerCase(),
      `the User is now named ${show(getCi(body, "userName"))}`,
    );
    return e.done();
  },
});

export const uniquenessServer = scimCheck({
  id: "schema.uniqueness.server",
  title: "A uniqueness=server attribute other than userName is enforced",
  area: "schema",
  requirements: ["rfc7643.schema.uniqueness-server"],
  expectation:
    'a second User with the same value for a declared uniqueness=server attribute is refused (409 or 400, scimType "uniqueness")',
  async run(ctx) {
    const found = findStringAttribute(
      ctx,
      "User",
      (d) => d.uniqueness === "server" || d.uniqueness === "global",
    );
    need(
      found !== undefined,
      "the target declares no writable string attribute other than userName with uniqueness server or global",
    );
    const value = `${ctx.run.prefix}unique-${ctx.unique.name("u")}`;
    const body = (): JsonObject => {
      const b = ctx.resources.userBody(fragment(found, value));
      b.schemas = schemasFor(urn.user, found);
      return b;
    };
    await makeUser(ctx, body());
    const res = await ctx.client.send({ method: "POST", path: usersEndpoint(ctx), body: body() });
    const e = ctx.expect();
    e.that(
      refusedAsDuplicate(res),
      `a second User with ${found.path}=${value} answered ${describeResponse(res)}`,
    );
    return e.done();
  },
});

export const typeMismatch = scimCheck({
  id: "schema.type-mismatch.invalid-value",
  title: "A value of the wrong JSON type is a 400 invalidValue",
  area: "schema",
  requirements: ["rfc7644.schema.type-mismatch-invalid-value"],
  expectation:
    'POST {Users} with displayName as an object, active as a number, and name as a string each answers 400 with scimType "invalidValue"',
  async run(ctx) {
    const e = ctx.expect();
    for (const wrong of [{ displayName: { nested: "object" } }, { active: 42 }, { name: "Just A String" }]) {
      const res = await ctx.client.send({
        method: "POST",
        path: usersEndpoint(ctx),
        body: ctx.resources.userBody(wrong),
      });
      e.scimError(res, 400, "invalidValue");
    }
    return e.done();
  },
});

export const changePassword = scimCheck({
  id: "schema.password.change",
  title: "The password can be replaced with PATCH and PUT and is never returned",
  area: "schema",
  requirements: ["rfc7643.schema.change-password"],
  expectation:
    "with changePassword.supported, PATCH replace password and PUT with a new password both succeed, and no answer contains the password",
  async run(ctx) {
    const tag = ctx.unique.name("cpw");
    const user = await makeUser(ctx, { password: `Old-${tag}-1!aA` });
    const e = ctx.expect();
    const patched = await patch(ctx, user.path, [
      { op: "replace", path: "password", value: `New-${tag}-2!bB` },
    ]);
    e.that(patchSucceeded(patched), `PATCH replace password answered ${describeResponse(patched)}`);
    const put = await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: { ...user.body, password: `Newer-${tag}-3!cC` },
    });
    e.status(put, 200);
    for (const res of [patched, put])
      e.that(!/"password"\s*:/i.test(res.text), `an answer contains the password (HTTP ${res.status})`);
    return e.done();
  },
});
