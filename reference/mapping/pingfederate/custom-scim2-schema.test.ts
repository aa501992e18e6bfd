// PingFederate 12.3 `customScim2Schema` to an RFC 7643 §7 schema (custom-scim2-schema.ts) and the schemas a
// connection serves (connection-schemas.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { specDefinitions } from "../../connections/spec-schemas.js";
import { connectionSchemaSet } from "./connection-schemas.js";
import { customScim2Schema } from "./custom-scim2-schema.js";

const namespace = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

describe("customScim2Schema", () => {
  it("converts PingFederate's upper-case characteristics and applies RFC 7643 §7 defaults", () => {
    const result = customScim2Schema({
      namespace,
      attributes: [
        {
          name: "badge",
          type: "STRING",
          mutability: "READWRITE",
          returned: "DEFAULT",
          uniqueness: "SERVER",
          required: true,
          caseExact: true,
          multiValued: false,
          description: "d",
        },
        { name: "level", type: "INTEGER" },
        { name: "secret", mutability: "WRITEONLY" },
        { name: "tags", multiValued: true, canonicalValues: ["a", "b"] },
        {
          name: "desk",
          type: "COMPLEX",
          multiValued: true,
          subAttributes: [
            { name: "value" },
            { name: "since", type: "DATETIME", mutability: "IMMUTABLE", returned: "ALWAYS" },
          ],
        },
      ],
    });
    assert.ok(result.ok, result.ok ? "" : JSON.stringify(result.issues));
    const [badge, level, secret, tags, desk] = result.value.attributes;
    assert.equal(result.value.id, namespace);
    assert.deepEqual(badge, {
      name: "badge",
      type: "string",
      multiValued: false,
      required: true,
      caseExact: true,
      mutability: "readWrite",
      returned: "default",
      uniqueness: "server",
      description: "d",
    });
    assert.deepEqual(level, {
      name: "level",
      type: "integer",
      multiValued: false,
      required: false,
      caseExact: false,
      mutability: "readWrite",
      returned: "default",
      uniqueness: "none",
    });
    assert.equal(secret?.returned, "never");
    assert.deepEqual(tags?.canonicalValues, ["a", "b"]);
    assert.equal(desk?.subAttributes?.[1]?.type, "dateTime");
    assert.equal(desk?.subAttributes?.[1]?.mutability, "immutable");
    assert.equal(desk?.subAttributes?.[1]?.multiValued, false);
  });

  it("declares REFERENCE and BINARY attributes case exact (RFC 7643 §2.3.6, §2.3.7)", () => {
    const result = customScim2Schema({
      namespace,
      attributes: [
        { name: "homepage", type: "REFERENCE" },
        { name: "signature", type: "BINARY", caseExact: true },
      ],
    });
    assert.ok(result.ok, result.ok ? "" : JSON.stringify(result.issues));
    assert.deepEqual(
      result.value.attributes.map((a) => a.caseExact),
      [true, true],
    );
    // A reference says what it points at (RFC 7643 §7); "external" when the connection names nothing.
    assert.deepEqual(result.value.attributes[0]?.referenceTypes, ["external"]);
    assert.equal(result.value.attributes[1]?.referenceTypes, undefined);
    const named = customScim2Schema({
      namespace,
      attributes: [{ name: "buddy", type: "REFERENCE", referenceTypes: ["User"] }],
    });
    assert.ok(named.ok);
    assert.deepEqual(named.value.attributes[0]?.referenceTypes, ["User"]);
  });

  const bad: [string, unknown, string, RegExp][] = [
    ["a missing namespace", { attributes: [{ name: "a" }] }, "x.namespace", /not a URN/],
    [
      "a core namespace",
      { namespace: "urn:ietf:params:scim:schemas:core:2.0:User", attributes: [{ name: "a" }] },
      "x.namespace",
      /not a URN of its own/,
    ],
    ["no attributes", { namespace, attributes: [] }, "x.attributes", /no attributes/],
    [
      "a bad name",
      { namespace, attributes: [{ name: "1a" }] },
      "x.attributes[0].name",
      /not an attribute name/,
    ],
    [
      "a duplicate name",
      { namespace, attributes: [{ name: "a" }, { name: "A" }] },
      "x.attributes[1].name",
      /defined twice/,
    ],
    [
      "an unknown type",
      { namespace, attributes: [{ name: "a", type: "TEXT" }] },
      "x.attributes[0].type",
      /not allowed/,
    ],
    [
      "a complex without sub-attributes",
      { namespace, attributes: [{ name: "a", type: "COMPLEX" }] },
      "x.attributes[0].subAttributes",
      /no sub-attributes/,
    ],
    [
      "a complex sub-attribute",
      {
        namespace,
        attributes: [{ name: "a", type: "COMPLEX", subAttributes: [{ name: "b", type: "COMPLEX" }] }],
      },
      "x.attributes[0].subAttributes[0].type",
      /cannot be complex/,
    ],
    [
      "sub-attributes on a simple attribute",
      { namespace, attributes: [{ name: "a", subAttributes: [{ name: "b" }] }] },
      "x.attributes[0].subAttributes",
      /not COMPLEX/,
    ],
    [
      "a returned writeOnly attribute",
      { namespace, attributes: [{ name: "a", mutability: "WRITEONLY", returned: "ALWAYS" }] },
      "x.attributes[0].returned",
      /never returned/,
    ],
    [
      "a REFERENCE that is not case exact (RFC 7643 §2.3.7)",
      { namespace, attributes: [{ name: "a", type: "REFERENCE", caseExact: false }] },
      "x.attributes[0].caseExact",
      /case exact/,
    ],
    [
      "a BINARY that is not case exact (RFC 7643 §2.3.6)",
      { namespace, attributes: [{ name: "a", type: "BINARY", caseExact: false }] },
      "x.attributes[0].caseExact",
      /case exact/,
    ],
    [
      "referenceTypes on a STRING",
      { namespace, attributes: [{ name: "a", referenceTypes: ["external"] }] },
      "x.attributes[0].referenceTypes",
      /REFERENCE attributes only/,
    ],
    [
      "an empty referenceTypes",
      { namespace, attributes: [{ name: "a", type: "REFERENCE", referenceTypes: [] }] },
      "x.attributes[0].referenceTypes",
      /non-empty list/,
    ],
    [
      "a non-boolean flag",
      { namespace, attributes: [{ name: "a", required: "yes" }] },
      "x.attributes[0].required",
      /true or false/,
    ],
  ];
  for (const [name, raw, path, message] of bad) {
    it(`reports ${name} at ${path}`, () => {
      const result = customScim2Schema(raw, "x");
      assert.equal(result.ok, false);
      if (result.ok) return;
      const hit = result.issues.find((i) => i.path === path);
      assert.ok(hit, JSON.stringify(result.issues));
      assert.match(hit.message, message);
      assert.ok(hit.fix.length > 0);
    });
  }
});

describe("connectionSchemaSet", () => {
  const spec = specDefinitions();
  const custom = customScim2Schema({ namespace, attributes: [{ name: "a" }] });
  assert.ok(custom.ok);

  it("serves Group only with group support", () => {
    assert.deepEqual(
      connectionSchemaSet(spec, { groupSupport: false, customSchema: undefined }).resourceTypes.map(
        (rt) => rt.id,
      ),
      ["User"],
    );
    assert.deepEqual(
      connectionSchemaSet(spec, { groupSupport: true, customSchema: undefined }).resourceTypes.map(
        (rt) => rt.id,
      ),
      ["User", "Group"],
    );
  });

  it("adds the custom schema as an optional User extension", () => {
    const set = connectionSchemaSet(spec, { groupSupport: true, customSchema: custom.value });
    assert.ok(set.schemas.some((s) => s.id === namespace));
    assert.deepEqual(set.resourceTypes.find((rt) => rt.id === "User")?.schemaExtensions.at(-1), {
      schema: namespace,
      required: false,
    });
    assert.deepEqual(set.resourceTypes.find((rt) => rt.id === "Group")?.schemaExtensions, []);
    assert.equal(
      spec.resourceTypes.find((rt) => rt.id === "User")?.schemaExtensions.length,
      1,
      "the spec's definitions are not changed",
    );
  });
});
