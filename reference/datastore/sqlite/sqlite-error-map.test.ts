import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScimError } from "../../protocol/errors/scim-error.js";
import { translateSqliteError } from "./sqlite-error-map.js";

function driverError(code: string): Error {
  return Object.assign(new Error(`driver says ${code}`), { code });
}

describe("translateSqliteError", () => {
  const table: readonly [string, { status: number; scimType: string | undefined }][] = [
    ["SQLITE_CONSTRAINT_UNIQUE", { status: 409, scimType: "uniqueness" }],
    ["SQLITE_CONSTRAINT_PRIMARYKEY", { status: 409, scimType: "uniqueness" }],
    ["SQLITE_BUSY", { status: 503, scimType: undefined }],
    ["SQLITE_BUSY_TIMEOUT", { status: 503, scimType: undefined }],
    ["SQLITE_LOCKED", { status: 503, scimType: undefined }],
    ["SQLITE_FULL", { status: 507, scimType: undefined }],
    ["SQLITE_READONLY_DBMOVED", { status: 503, scimType: undefined }],
    ["SQLITE_IOERR_WRITE", { status: 503, scimType: undefined }],
  ];
  for (const [code, want] of table) {
    it(`maps ${code} to ${want.status}`, () => {
      const translated = translateSqliteError(driverError(code));
      assert.ok(translated instanceof ScimError);
      assert.equal(translated.status, want.status);
      assert.equal(translated.scimType, want.scimType);
      assert.ok(!translated.detail.includes("driver says"), "the driver's message never reaches a client");
    });
  }

  it("names the attribute on a uniqueness conflict when the caller knows it", () => {
    const translated = translateSqliteError(
      driverError("SQLITE_CONSTRAINT_UNIQUE"),
      "userName is already used",
    );
    assert.equal((translated as ScimError).detail, "userName is already used");
    const busy = translateSqliteError(driverError("SQLITE_BUSY"), "userName is already used");
    assert.notEqual((busy as ScimError).detail, "userName is already used");
  });

  it("hides any other driver error behind a plain Error that keeps it as the cause", () => {
    const original = driverError("SQLITE_CORRUPT");
    const translated = translateSqliteError(original);
    assert.ok(!(translated instanceof ScimError));
    assert.equal(translated.cause, original);
    assert.match(translated.message, /SQLITE_CORRUPT/);
  });

  it("passes ScimErrors and non-driver errors through", () => {
    const scim = new ScimError(404, undefined, "gone");
    assert.equal(translateSqliteError(scim), scim);
    const bug = new TypeError("bug");
    assert.equal(translateSqliteError(bug), bug);
  });
});
