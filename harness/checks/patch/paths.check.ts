// PATCH paths and their rules (RFC 7644 §3.5.2, §3.10): URN-qualified and case-insensitive names,
// extension paths that add the URN to schemas, primary exclusivity, invalid paths, and mutability.
import { describeResponse } from "../expect.js";
import { attr, getCi, sameCi, show } from "../support/json.js";
import { patch } from "../support/patch.js";
import { hasExtension, makeUser, readBack } from "../support/resources.js";
import { findStringAttribute, fragment, schemasFor } from "../support/schema-attributes.js";
import { need, scimCheck } from "../support/scim-check.js";
import { hasUrn, urn } from "../support/urns.js";
import { applied, emails, patchUser, stringToChange } from "./patch-support.js";

export const primaryExclusive = scimCheck({
  id: "patch.primary.exclusive",
  title: "Setting primary on one value clears it on the others",
  area: "patch",
  requirements: ["rfc7644.patch.primary-exclusive"],
  attributes: {
    User: ["emails.value", "emails.primary", "emails.type=work", "emails.type=home", "emails.type=other"],
  },
  expectation:
    'replace emails[value eq "<home>"].primary true makes the home email the only primary; add of a new email with primary true makes it the only one',
  async run(ctx) {
    const user = await patchUser(ctx);
    const e = ctx.expect();
    const first = await applied(ctx, e, user.path, [
      { op: "replace", path: `emails[value eq "${user.home}"].primary`, value: true },
    ]);
    if (first) {
      const primaries = emails(first)
        .filter((m) => m.primary === true)
        .map((m) => m.value);
      e.equal(primaries, [user.home], "the primary emails after making home primary");
    }
    const extra = `${ctx.unique.name("prim")}@example.org`;
    const second = await applied(ctx, e, user.path, [
      { op: "add", path: "emails", value: [{ value: extra, type: "other", primary: true }] },
    ]);
    if (second) {
      const primaries = emails(second)
        .filter((m) => m.primary === true)
        .map((m) => m.value);
      e.equal(primaries, [extra.toLowerCase()], "the primary emails after adding a primary one");
    }
    return e.done();
  },
});

export const extensionAddsSchema = scimCheck({
  id: "patch.extension.adds-schema-urn",
  title: "Adding an extension attribute by its URN path adds the URN to schemas",
  area: "patch",
  requirements: ["rfc7644.patch.extension-adds-schema"],
  attributes: { User: [`${urn.enterprise}:department`] },
  expectation:
    'add with path "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department" on a User without enterprise data stores it and lists the enterprise URN in schemas',
  async run(ctx) {
    need(
      hasExtension(ctx, "User", urn.enterprise),
      "the User resource type declares no enterprise extension",
    );
    const user = await makeUser(ctx);
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "add", path: `${urn.enterprise}:department`, value: "Patched In" },
    ]);
    if (after) {
      e.that(
        sameCi(attr(after, `${urn.enterprise}:department`), "Patched In"),
        `department is ${show(attr(after, `${urn.enterprise}:department`))}`,
      );
      e.that(hasUrn(getCi(after, "schemas"), urn.enterprise), `schemas is ${show(getCi(after, "schemas"))}`);
    }
    return e.done();
  },
});

export const pathNotation = scimCheck({
  id: "patch.path.urn-and-case",
  title: "Paths accept URN-qualified names and any letter case",
  area: "patch",
  requirements: ["rfc7644.patch.path-notation"],
  attributes: { User: ["name.givenName", "name.familyName"] },
  expectation:
    'replace "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName", replace "NAME.FAMILYNAME", and a no-path replace with key "DisplayName" ("ExternalId" where the target lists no displayName) each set their attribute',
  async run(ctx) {
    const user = await patchUser(ctx);
    const key = stringToChange(ctx, "displayName");
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [
      { op: "replace", path: `${urn.user}:name.givenName`, value: "Urna" },
      { op: "replace", path: "NAME.FAMILYNAME", value: "Casewise" },
      { op: "replace", value: { [key.charAt(0).toUpperCase() + key.slice(1)]: "Key Case" } },
    ]);
    if (after) {
      e.that(
        sameCi(attr(after, "name.givenName"), "Urna"),
        `name.givenName is ${show(attr(after, "name.givenName"))}`,
      );
      e.that(
        sameCi(attr(after, "name.familyName"), "Casewise"),
        `name.familyName is ${show(attr(after, "name.familyName"))}`,
      );
      e.that(sameCi(getCi(after, key), "Key Case"), `${key} is ${show(getCi(after, key))}`);
    }
    return e.done();
  },
});

export const invalidPath = scimCheck({
  id: "patch.path.invalid-400",
  title: "A malformed or unknown path is a 400 invalidPath",
  area: "patch",
  requirements: ["rfc7644.patch.invalid-path-400"],
  expectation:
    'paths "emails[0].value", "name..givenName" and "scimcNoSuchAttribute" each answer 400 with scimType "invalidPath" (or "invalidFilter" for the bracket)',
  async run(ctx) {
    const user = await patchUser(ctx);
    const e = ctx.expect();
    for (const [path, types] of [
      ["emails[0].value", ["invalidPath", "invalidFilter"]],
      ["name..givenName", ["invalidPath"]],
      ["scimcNoSuchAttribute", ["invalidPath"]],
    ] as const) {
      const res = await patch(ctx, user.path, [{ op: "replace", path, value: "x" }]);
      if (!e.status(res, 400)) continue;
      const type = getCi(res.body, "scimType");
      e.that(
        (types as readonly string[]).includes(String(type)),
        `path ${path}: scimType is ${show(type)}, expected ${types.join(" or ")}`,
      );
    }
    return e.done();
  },
});

export const mutabilityError = scimCheck({
  id: "patch.mutability.refused",
  title: "Changing a readOnly or set immutable value fails with mutability",
  area: "patch",
  requirements: ["rfc7644.patch.mutability-error"],
  expectation:
    'replace "id", replace "meta.created" (and replace a set immutable attribute) each fail with scimType "mutability"; a displayName (externalId where the target lists no displayName) change in the same PATCH is not applied',
  async run(ctx) {
    const immutable = findStringAttribute(ctx, "User", (d) => d.mutability === "immutable");
    const other = stringToChange(ctx, "displayName");
    const kept = ctx.unique.name("fixed");
    const body = ctx.resources.userBody({
      [other]: kept,
      ...(immutable ? fragment(immutable, `${ctx.run.prefix}set`) : {}),
    });
    body.schemas = schemasFor(urn.user, immutable);
    const user = await makeUser(ctx, body);
    const e = ctx.expect();
    const attempts: [string, unknown][] = [
      ["id", `${ctx.run.prefix}new-id`],
      ["meta.created", "2001-01-01T00:00:00Z"],
    ];
    if (immutable) attempts.push([immutable.path, `${ctx.run.prefix}changed`]);
    for (const [path, value] of attempts) {
      const res = await patch(ctx, user.path, [
        { op: "replace", path: other, value: "Should Not Stick" },
        { op: "replace", path, value },
      ]);
      if (!e.that(res.status >= 400, `replace ${path} answered ${describeResponse(res)}`)) continue;
      e.that(
        getCi(res.body, "scimType") === "mutability",
        `replace ${path}: scimType is ${show(getCi(res.body, "scimType"))}`,
      );
    }
    const { body: after } = await readBack(ctx, user.path);
    e.equal(getCi(after, "id"), user.id, "id");
    e.that(sameCi(getCi(after, other), kept), `${other} is ${show(getCi(after, other))}`);
    return e.done();
  },
});

export const immutableAddWhenUnset = scimCheck({
  id: "patch.immutable.add-when-unset",
  title: "add on an unset immutable attribute succeeds",
  area: "patch",
  requirements: ["rfc7644.patch.immutable-add-when-unset"],
  expectation:
    "add of a declared immutable attribute that has no value yet succeeds and the value reads back",
  async run(ctx) {
    const found = findStringAttribute(ctx, "User", (d) => d.mutability === "immutable");
    need(found !== undefined, "the target declares no writable immutable string attribute on User");
    const user = await makeUser(ctx);
    const value = `${ctx.run.prefix}${ctx.unique.name("imm")}`;
    const e = ctx.expect();
    const after = await applied(ctx, e, user.path, [{ op: "add", path: found.path, value }]);
    if (after) e.equal(attr(after, found.path), value, found.path);
    return e.done();
  },
});
