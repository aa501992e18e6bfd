// POST/PUT bodies through the compatibility layers (compat-layer.ts, scope "resource" or "both").
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { enterpriseUrn, userCtx } from "../patch/patch-testing.js";
import type { JsonObject } from "../resource/json.js";
import { validateForCreate } from "../schema/validate-resource.js";
import { compatLayerNames } from "./compat-layer.js";
import { rewriteResourceBody } from "./rewrite-resource.js";

const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const entraBody: JsonObject = {
  schemas: [userUrn, enterpriseUrn],
  userName: "bjensen",
  active: "True",
  title: "True",
  displayName: { value: "Babs" },
  emails: [{ value: "b@example.com", type: "work", primary: "true" }],
  [enterpriseUrn]: { manager: "26118915-6090-4610-87e4-49d8ca9f808d", department: "" },
};

describe("rewriteResourceBody", () => {
  it("rewrites Entra shapes where the schema says what they should be (entra.string-booleans, bare-complex-value, wrapped-simple-value)", () => {
    const out = rewriteResourceBody(compatLayerNames, entraBody, userCtx) as JsonObject;
    assert.equal(out.active, true);
    assert.equal(out.title, "True", "a string attribute keeps the string");
    assert.equal(out.displayName, "Babs");
    assert.deepEqual(out.emails, [{ value: "b@example.com", type: "work", primary: true }]);
    assert.deepEqual((out[enterpriseUrn] as JsonObject).manager, {
      value: "26118915-6090-4610-87e4-49d8ca9f808d",
    });
    assert.equal(
      (out[enterpriseUrn] as JsonObject).department,
      "",
      'POST/PUT keep "" (entra.empty-string-clears is PATCH-only)',
    );
  });

  it("makes the Entra body valid for POST, which it is not strictly", () => {
    assert.equal(validateForCreate(userCtx.registry, userCtx.resourceType, entraBody).ok, false);
    const rewritten = rewriteResourceBody(compatLayerNames, entraBody, userCtx);
    assert.equal(validateForCreate(userCtx.registry, userCtx.resourceType, rewritten).ok, true);
  });

  it("returns the body untouched with no layer, or with only Okta's", () => {
    assert.equal(rewriteResourceBody([], entraBody, userCtx), entraBody);
    assert.equal(rewriteResourceBody(["okta"], entraBody, userCtx), entraBody);
  });

  it("passes non-objects through for validation to refuse", () => {
    assert.equal(rewriteResourceBody(compatLayerNames, "x", userCtx), "x");
  });

  it("does not change the input", () => {
    const input = structuredClone(entraBody);
    rewriteResourceBody(compatLayerNames, input, userCtx);
    assert.deepEqual(input, entraBody);
  });

  it("copies only what it rewrites: a body no quirk applies to comes back as the same object", () => {
    const strict: JsonObject = {
      schemas: [userUrn, enterpriseUrn],
      userName: "bjensen",
      active: true,
      name: { givenName: "Barbara" },
      emails: [{ value: "b@example.com", type: "work", primary: true }],
      [enterpriseUrn]: { department: "Tour" },
    };
    assert.equal(rewriteResourceBody(compatLayerNames, strict, userCtx), strict);
    const oneQuirk = { ...strict, emails: [{ value: "b@example.com", primary: "True" }] };
    const out = rewriteResourceBody(compatLayerNames, oneQuirk, userCtx) as JsonObject;
    assert.notEqual(out, oneQuirk);
    assert.deepEqual(Object.keys(out), Object.keys(oneQuirk), "key order is kept");
    assert.deepEqual(out.emails, [{ value: "b@example.com", primary: true }]);
    assert.equal(out.name, strict.name, "an untouched value is shared, not copied");
    assert.deepEqual(
      oneQuirk.emails,
      [{ value: "b@example.com", primary: "True" }],
      "the input is unchanged",
    );
  });
});
