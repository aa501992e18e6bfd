// SchemaRegistry.resolve (RFC 7643 §2.1, RFC 7644 §3.10) and the memo behind it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AttrPath } from "../path/attr-path.js";
import { specRegistry } from "../testing/spec-registry.js";
import { coreSchemaUrns } from "./schema-definition.js";

const registry = specRegistry();
const user = registry.resourceType("User");
if (user === undefined) throw new Error("the spec registry has no User resource type");
const path = (name: string, subAttr?: string, schema?: string): AttrPath => ({
  kind: "attrPath",
  schema,
  name,
  subAttr,
});

const cases: readonly [string, { given: AttrPath; want: string | undefined }][] = [
  ["a core attribute", { given: path("userName"), want: "userName" }],
  ["a core attribute in another case", { given: path("USERNAME"), want: "userName" }],
  ["a sub-attribute", { given: path("emails", "VALUE"), want: "emails.value" }],
  ["a common attribute (RFC 7643 §3.1)", { given: path("externalId"), want: "externalId" }],
  [
    "an extension attribute named without its URN",
    { given: path("employeeNumber"), want: `${coreSchemaUrns.enterpriseUser}:employeeNumber` },
  ],
  ["a name no schema holds", { given: path("nope"), want: undefined }],
];

describe("SchemaRegistry.resolve", () => {
  for (const [name, { given, want }] of cases) {
    it(`resolves ${name}`, () => {
      const first = registry.resolve(user, given);
      assert.equal(first?.kind === "attribute" ? first.path : first, want);
      // Asked again, the memo answers with the same frozen resolution.
      assert.equal(registry.resolve(user, given), first);
      if (first !== undefined) assert.ok(Object.isFrozen(first));
    });
  }

  it("resolves a whole extension URN to the schema", () => {
    const urn = coreSchemaUrns.enterpriseUser;
    const colon = urn.lastIndexOf(":");
    const resolved = registry.resolve(user, path(urn.slice(colon + 1), undefined, urn.slice(0, colon)));
    assert.deepEqual(resolved, { kind: "schema", schema: urn, extension: true });
    assert.ok(Object.isFrozen(resolved));
  });

  it("keeps resolving correctly past the memo's bound (client-chosen names are not all remembered)", () => {
    for (let i = 0; i < 3000; i++) assert.equal(registry.resolve(user, path(`unknown${i}`)), undefined);
    const title = registry.resolve(user, path("Title"));
    assert.equal(title?.kind === "attribute" ? title.path : undefined, "title");
  });

  it("hands out the same base attribute list each time, frozen", () => {
    assert.equal(registry.baseAttributes(user), registry.baseAttributes(user));
    assert.ok(Object.isFrozen(registry.baseAttributes(user)));
  });
});
