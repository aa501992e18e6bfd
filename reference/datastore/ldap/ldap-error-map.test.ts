import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AlreadyExistsError, InvalidCredentialsError, NoSuchObjectError } from "ldapts";
import { ScimError } from "../../protocol/errors/scim-error.js";
import { ldapResultCodes, translateLdapError } from "./ldap-error-map.js";

function resultError(code: number): Error {
  return Object.assign(new Error(`directory says ${code}: uid=secret,ou=people`), { code });
}

describe("translateLdapError (RFC 4511 result codes → RFC 7644 §3.12)", () => {
  const table: readonly [number, { status: number; scimType: string | undefined }][] = [
    [3, { status: 400, scimType: "tooMany" }],
    [4, { status: 400, scimType: "tooMany" }],
    [11, { status: 400, scimType: "tooMany" }],
    [19, { status: 400, scimType: "invalidValue" }],
    [20, { status: 400, scimType: "invalidValue" }],
    [21, { status: 400, scimType: "invalidValue" }],
    [32, { status: 404, scimType: undefined }],
    [34, { status: 400, scimType: "invalidValue" }],
    [50, { status: 403, scimType: undefined }],
    [51, { status: 503, scimType: undefined }],
    [52, { status: 503, scimType: undefined }],
    [53, { status: 400, scimType: "invalidValue" }],
    [64, { status: 400, scimType: "invalidValue" }],
    [65, { status: 400, scimType: "invalidValue" }],
    [67, { status: 400, scimType: "invalidValue" }],
    [68, { status: 409, scimType: "uniqueness" }],
    [69, { status: 400, scimType: "invalidValue" }],
    [122, { status: 412, scimType: undefined }],
  ];
  for (const [code, want] of table) {
    it(`maps result code ${code} to ${want.status}${want.scimType ? ` ${want.scimType}` : ""}`, () => {
      const translated = translateLdapError(resultError(code));
      assert.ok(translated instanceof ScimError);
      assert.equal(translated.status, want.status);
      assert.equal(translated.scimType, want.scimType);
      assert.ok(!translated.detail.includes("secret"), "the directory's message never reaches a client");
    });
  }

  for (const code of [1, 2, 17, 48, 49, 80, 9999]) {
    it(`turns result code ${code} into an opaque fault that keeps the cause`, () => {
      const original = resultError(code);
      const translated = translateLdapError(original);
      assert.ok(!(translated instanceof ScimError));
      assert.equal(translated.cause, original);
      assert.match(translated.message, new RegExp(`result code ${code}`));
    });
  }

  it("reads the codes ldapts' error classes carry", () => {
    assert.equal((translateLdapError(new AlreadyExistsError("x")) as ScimError).status, 409);
    assert.equal((translateLdapError(new NoSuchObjectError("x")) as ScimError).status, 404);
    assert.ok(!(translateLdapError(new InvalidCredentialsError("x")) instanceof ScimError));
  });

  it("says 503 when the directory cannot be reached", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3389"), { code: "ECONNREFUSED" });
    assert.equal((translateLdapError(refused) as ScimError).status, 503);
  });

  it("lets a caller name the attribute of a conflict, and passes ScimErrors and other errors through", () => {
    assert.equal(
      (translateLdapError(resultError(68), "userName is taken") as ScimError).detail,
      "userName is taken",
    );
    const scim = new ScimError(404, undefined, "gone");
    assert.equal(translateLdapError(scim), scim);
    const bug = new TypeError("bug");
    assert.equal(translateLdapError(bug), bug);
  });

  it("has one entry per code, each fault-free entry with a client-facing detail", () => {
    for (const [code, t] of Object.entries(ldapResultCodes)) {
      assert.ok(t.detail.length > 0, code);
      if (t.fault !== true) assert.ok(t.status >= 400 && t.status < 600, code);
    }
  });
});
