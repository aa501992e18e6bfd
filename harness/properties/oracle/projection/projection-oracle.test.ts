// The projection oracle on RFC 7644 §3.9 and RFC 7643 §7: returned always/never/default/request under
// attributes and excludedAttributes, sub-attribute paths, URN-qualified names and any letter case.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rfcEnterpriseUser, rfcFullUser } from "../../testing/rfc-examples.js";
import { customExtensionUrn, customModel, specModel } from "../../testing/spec-model.js";
import type { Presence, ProjectionParams } from "./projection-oracle.js";
import { presenceOf, projectionViolations } from "./projection-oracle.js";

const user = specModel().resourceType("User") ?? assert.fail("no User");
const custom = customModel().resourceType("User") ?? assert.fail("no custom User");
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

function presence(type: typeof user, params: ProjectionParams, path: string): Presence {
  const resolved = type.resolve(path) ?? assert.fail(path);
  return presenceOf(type, params, resolved.attribute, resolved.sub);
}

const table: [string, { params: ProjectionParams; path: string; want: Presence; type?: typeof user }][] = [
  ["a default attribute without parameters", { params: {}, path: "title", want: "must" }],
  ["a never-returned attribute", { params: { attributes: ["password"] }, path: "password", want: "mustNot" }],
  [
    "id under attributes (returned always)",
    { params: { attributes: ["userName"] }, path: "id", want: "must" },
  ],
  [
    "id under excludedAttributes (no effect on always)",
    { params: { excludedAttributes: ["id"] }, path: "id", want: "must" },
  ],
  ["an attribute attributes names", { params: { attributes: ["userName"] }, path: "userName", want: "must" }],
  [
    "an attribute attributes does not name",
    { params: { attributes: ["userName"] }, path: "title", want: "mustNot" },
  ],
  [
    "meta under attributes (returned default, RFC 7643 §3.1)",
    { params: { attributes: ["userName"] }, path: "meta.created", want: "mustNot" },
  ],
  [
    "a named sub-attribute",
    { params: { attributes: ["name.givenName"] }, path: "name.givenName", want: "must" },
  ],
  [
    "a sibling of a named sub-attribute",
    { params: { attributes: ["name.givenName"] }, path: "name.familyName", want: "mustNot" },
  ],
  [
    "a sub-attribute of a named attribute",
    { params: { attributes: ["emails"] }, path: "emails.type", want: "must" },
  ],
  [
    "names in another case",
    { params: { attributes: ["NAME.GIVENNAME"] }, path: "name.givenName", want: "must" },
  ],
  [
    "a URN-qualified core name",
    {
      params: { attributes: ["urn:ietf:params:scim:schemas:core:2.0:User:title"] },
      path: "title",
      want: "must",
    },
  ],
  [
    "an extension attribute",
    { params: { attributes: [`${enterprise}:costCenter`] }, path: `${enterprise}:costCenter`, want: "must" },
  ],
  ["an excluded attribute", { params: { excludedAttributes: ["title"] }, path: "title", want: "mustNot" }],
  [
    "an attribute not excluded",
    { params: { excludedAttributes: ["title"] }, path: "nickName", want: "must" },
  ],
  [
    "an excluded sub-attribute",
    { params: { excludedAttributes: ["name.givenName"] }, path: "name.givenName", want: "mustNot" },
  ],
  [
    "the sibling of an excluded sub-attribute",
    { params: { excludedAttributes: ["name.givenName"] }, path: "name.familyName", want: "must" },
  ],
  [
    "a returned=request attribute by default",
    { type: custom, params: {}, path: `${customExtensionUrn}:onRequest`, want: "mustNot" },
  ],
  [
    "a returned=request attribute that attributes names",
    {
      type: custom,
      params: { attributes: [`${customExtensionUrn}:onRequest`] },
      path: `${customExtensionUrn}:onRequest`,
      want: "must",
    },
  ],
];

describe("presenceOf", () => {
  for (const [name, { params, path, want, type }] of table) {
    it(`says ${want} for ${name}`, () => assert.equal(presence(type ?? user, params, path), want));
  }
});

describe("projectionViolations", () => {
  it("accepts the exact projection of attributes=userName,name.givenName", () => {
    const projected = {
      schemas: rfcFullUser.schemas,
      id: rfcFullUser.id,
      userName: rfcFullUser.userName,
      name: { givenName: "Barbara" },
    };
    assert.deepEqual(
      projectionViolations(user, { attributes: ["userName", "name.givenName"] }, rfcFullUser, projected),
      [],
    );
  });

  it("reports an attribute returned although not requested, and one missing though requested", () => {
    const projected = { id: rfcFullUser.id, title: "Tour Guide" };
    assert.deepEqual(
      projectionViolations(user, { attributes: ["userName"] }, rfcFullUser, projected).map(
        (v) => `${v.path}:${v.presence}`,
      ),
      ["userName:must", "title:mustNot"],
    );
  });

  it("reports an excluded sub-attribute still present in a multi-valued attribute", () => {
    const { password: _, ...full } = rfcFullUser;
    assert.deepEqual(
      projectionViolations(user, { excludedAttributes: ["emails.type"] }, full, full).map(
        (v) => `${v.path}:${v.got}`,
      ),
      ["emails.type:2"],
    );
  });

  it("reports a dropped extension attribute and a password that was returned", () => {
    const { [enterprise]: _, ...withoutExtension } = rfcEnterpriseUser;
    const paths = projectionViolations(user, {}, rfcEnterpriseUser, withoutExtension).map((v) => v.path);
    assert.ok(paths.includes(`${enterprise}:costCenter`));
    assert.ok(paths.includes("password"));
  });
});
