import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScimError } from "../../protocol/errors/scim-error.js";
import { translatePostgresError } from "./postgres-error-map.js";

function driverError(code: string): Error {
  return Object.assign(new Error(`driver says ${code}: Key (userName)=(secret) exists`), { code });
}

describe("translatePostgresError", () => {
  const table: readonly [string, { status: number; scimType: string | undefined }][] = [
    ["23505", { status: 409, scimType: "uniqueness" }],
    ["40001", { status: 503, scimType: undefined }],
    ["40P01", { status: 503, scimType: undefined }],
    ["55P03", { status: 503, scimType: undefined }],
    ["57014", { status: 503, scimType: undefined }],
    ["22021", { status: 400, scimType: "invalidValue" }],
    ["22P05", { status: 400, scimType: "invalidValue" }],
    ["54000", { status: 400, scimType: "invalidValue" }],
    ["53100", { status: 507, scimType: undefined }],
    ["53300", { status: 503, scimType: undefined }], // too_many_connections, by its class
    ["08006", { status: 503, scimType: undefined }],
    ["57P01", { status: 503, scimType: undefined }],
    ["25006", { status: 503, scimType: undefined }],
  ];
  for (const [code, want] of table) {
    it(`maps SQLSTATE ${code} to ${want.status}`, () => {
      const translated = translatePostgresError(driverError(code));
      assert.ok(translated instanceof ScimError);
      assert.equal(translated.status, want.status);
      assert.equal(translated.scimType, want.scimType);
      assert.ok(!translated.detail.includes("secret"), "the driver's message never reaches a client");
    });
  }

  it("names the attribute on a uniqueness conflict when the caller knows it", () => {
    const translated = translatePostgresError(driverError("23505"), "userName is already used");
    assert.equal((translated as ScimError).detail, "userName is already used");
    const busy = translatePostgresError(driverError("40P01"), "userName is already used");
    assert.notEqual((busy as ScimError).detail, "userName is already used");
  });

  it("answers 503 when the server cannot be reached", () => {
    for (const error of [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
    ]) {
      const translated = translatePostgresError(error);
      assert.ok(translated instanceof ScimError);
      assert.equal(translated.status, 503);
    }
  });

  it("hides any other driver error behind a plain Error that keeps it as the cause", () => {
    const original = driverError("XX001");
    const translated = translatePostgresError(original);
    assert.ok(!(translated instanceof ScimError));
    assert.equal(translated.cause, original);
    assert.match(translated.message, /XX001/);
  });

  it("passes ScimErrors and non-driver errors through", () => {
    const scim = new ScimError(404, undefined, "gone");
    assert.equal(translatePostgresError(scim), scim);
    const bug = new TypeError("bug");
    assert.equal(translatePostgresError(bug), bug);
  });
});
