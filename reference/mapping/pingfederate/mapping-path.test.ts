// Mapping paths (mapping-path.ts): PingFederate's flattened notation and SCIM paths, resolved against the
// RFC 7643 schemas.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { specRegistry } from "../../protocol/testing/spec-registry.js";
import { parseMappingPath } from "./mapping-path.js";

const registry = specRegistry();
const user = registry.resourceType("User");
const group = registry.resourceType("Group");
if (user === undefined || group === undefined) throw new Error("spec registry lacks User or Group");

const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("parseMappingPath", () => {
  const valid: [string, { kind: string; text: string; key: string; type?: string }][] = [
    ["userName", { kind: "attribute", text: "userName", key: "username" }],
    ["USERNAME", { kind: "attribute", text: "userName", key: "username" }],
    ["name.givenName", { kind: "sub", text: "name.givenName", key: "name.givenname" }],
    ["emails", { kind: "attribute", text: "emails", key: "emails" }],
    ["emails.value", { kind: "sub", text: "emails.value", key: "emails.value" }],
    [
      "emails.work.value",
      { kind: "typed", text: "emails.work.value", key: "emails.work.value", type: "work" },
    ],
    [
      "Emails.WORK.Value",
      { kind: "typed", text: "emails.WORK.value", key: "emails.work.value", type: "WORK" },
    ],
    [
      'emails[type eq "work"].value',
      { kind: "typed", text: "emails.work.value", key: "emails.work.value", type: "work" },
    ],
    [
      "addresses.work.locality",
      { kind: "typed", text: "addresses.work.locality", key: "addresses.work.locality", type: "work" },
    ],
    [
      "photos.photo.value",
      { kind: "typed", text: "photos.photo.value", key: "photos.photo.value", type: "photo" },
    ],
    [
      `${enterprise}:manager.value`,
      { kind: "sub", text: `${enterprise}:manager.value`, key: `${enterprise}:manager.value`.toLowerCase() },
    ],
    [
      `${enterprise}:manager.$ref`,
      { kind: "sub", text: `${enterprise}:manager.$ref`, key: `${enterprise}:manager.$ref`.toLowerCase() },
    ],
    // RFC 7644 §3.10 lets a client omit only the core URN; a name only one extension defines is accepted too.
    [
      "employeeNumber",
      {
        kind: "attribute",
        text: `${enterprise}:employeeNumber`,
        key: `${enterprise}:employeeNumber`.toLowerCase(),
      },
    ],
    ["externalId", { kind: "attribute", text: "externalId", key: "externalid" }],
  ];
  for (const [text, want] of valid) {
    it(`resolves ${text} as a ${want.kind} path`, () => {
      const result = parseMappingPath(registry, user, text);
      assert.ok(result.ok, result.ok ? "" : result.message);
      assert.equal(result.path.kind, want.kind);
      assert.equal(result.path.text, want.text);
      assert.equal(result.path.key, want.key);
      assert.equal(result.path.type, want.type);
    });
  }

  const invalid: [string, { message: RegExp; fix: RegExp }][] = [
    ["id", { message: /managed by the engine/, fix: /fills id itself/ }],
    ["meta.created", { message: /managed by the engine/, fix: /Remove this entry/ }],
    ["password", { message: /managed by the engine/, fix: /hashes the password/ }],
    ["groups", { message: /managed by the engine/, fix: /Remove/ }],
    ["schemas", { message: /managed by the engine/, fix: /Remove/ }],
    ["nope", { message: /names no attribute of the User/, fix: /userName/ }],
    ["title.x", { message: /not complex/, fix: /Write "title"/ }],
    [
      "name.work.givenName",
      { message: /not a multi-valued attribute with a "type"/, fix: /name\.givenName/ },
    ],
    ["emails.work.type", { message: /type of typed elements/, fix: /emails\.work\.value/ }],
    ["emails.nope", { message: /has no sub-attribute "nope"/, fix: /value, display, type, primary/ }],
    ["emails..value", { message: /empty segments/, fix: /attr\.<type>\.sub/ }],
    ["a.b.c.d", { message: /too many/, fix: /attr/ }],
    [" userName", { message: /not a SCIM path/, fix: /emails\.work\.value/ }],
    ['emails[value eq "x"].type', { message: /not a supported path/, fix: /Only a type filter/ }],
    ['emails[type eq "work"', { message: /not a supported path/, fix: /Only a type filter/ }],
  ];
  for (const [text, want] of invalid) {
    it(`refuses ${JSON.stringify(text)} with a message and a fix`, () => {
      const result = parseMappingPath(registry, user, text);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.match(result.message, want.message);
      assert.match(result.fix, want.fix);
    });
  }

  it("refuses members on a Group: group membership is the engine's", () => {
    const result = parseMappingPath(registry, group, "members.value");
    assert.equal(result.ok, false);
  });
});
