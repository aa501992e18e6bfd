// advertisedRegistry: what discovery lists for a mapping that serves part of a resource (RFC 7643 §7).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { specDefinitions } from "../../connections/spec-schemas.js";
import { advertisedRegistry, type ServedPath } from "./advertised-schemas.js";
import { coreSchemaUrns } from "./schema-definition.js";
import { SchemaRegistry } from "./schema-registry.js";

const { schemas, resourceTypes } = specDefinitions();
const registry = new SchemaRegistry(schemas, resourceTypes);
const user = coreSchemaUrns.user;
const enterprise = coreSchemaUrns.enterpriseUser;

/** The advertised User schema as `name{sub,sub}` strings, with a `type`'s canonical values in brackets. */
function shapeOf(narrowed: SchemaRegistry, urn: string = user): string[] {
  return (narrowed.schema(urn)?.attributes ?? []).map((a) =>
    a.subAttributes === undefined
      ? a.name
      : `${a.name}{${a.subAttributes
          .map((s) =>
            s.name === "type" && s.canonicalValues ? `type[${s.canonicalValues.join(",")}]` : s.name,
          )
          .join(",")}}`,
  );
}

const usersOnly = (paths: readonly ServedPath[]) => (rt: { id: string }) =>
  rt.id === "User" ? paths : undefined;

describe("advertisedRegistry", () => {
  it("returns the registry itself when every mapping keeps the whole resource", () => {
    assert.equal(
      advertisedRegistry(registry, () => undefined),
      registry,
    );
  });

  const cases: [string, ServedPath[], string[]][] = [
    ["a whole attribute", [{ schema: user, attribute: "userName" }], ["userName"]],
    [
      "a sub-attribute, once however often it is named",
      [
        { schema: user, attribute: "name", subAttribute: "givenName" },
        { schema: user, attribute: "name", subAttribute: "givenName" },
      ],
      ["name{givenName}"],
    ],
    [
      "typed paths: the sub-attributes named, and `type` limited to the configured types",
      [
        { schema: user, attribute: "emails", subAttribute: "value", type: "work" },
        { schema: user, attribute: "emails", subAttribute: "primary", type: "work" },
        { schema: user, attribute: "emails", subAttribute: "value", type: "Home" },
      ],
      ["emails{value,type[work,Home],primary}"],
    ],
    [
      "a typed path and a path across every element: `type`, with any value",
      [
        { schema: user, attribute: "emails", subAttribute: "value", type: "work" },
        { schema: user, attribute: "emails", subAttribute: "display" },
      ],
      ["emails{value,display,type[work,home,other]}"],
    ],
    [
      "a whole attribute beside its sub-attributes: the whole attribute",
      [
        { schema: user, attribute: "emails", subAttribute: "value", type: "work" },
        { schema: user, attribute: "EMAILS" },
      ],
      shapeOf(registry).filter((a) => a.startsWith("emails{")),
    ],
  ];
  for (const [name, paths, expected] of cases) {
    it(`advertises ${name}`, () => {
      assert.deepEqual(shapeOf(advertisedRegistry(registry, usersOnly(paths))), expected);
    });
  }

  it("drops an extension nothing is served from, from the resource type and from /Schemas", () => {
    const narrowed = advertisedRegistry(registry, usersOnly([{ schema: user, attribute: "userName" }]));
    const rt = narrowed.resourceType("User");
    assert.deepEqual(rt?.schemaExtensions, []);
    assert.equal(narrowed.schema(enterprise), undefined);
    // The service provider schemas and the untouched Group type stay as they were.
    assert.equal(narrowed.schema(coreSchemaUrns.schema), registry.schema(coreSchemaUrns.schema));
    assert.equal(narrowed.schema(coreSchemaUrns.group), registry.schema(coreSchemaUrns.group));
  });

  it("keeps an extension with a served attribute, narrowed to it", () => {
    const narrowed = advertisedRegistry(
      registry,
      usersOnly([
        { schema: user, attribute: "userName" },
        { schema: enterprise, attribute: "employeeNumber" },
      ]),
    );
    assert.deepEqual(
      narrowed.resourceType("User")?.schemaExtensions.map((x) => x.schema),
      [enterprise],
    );
    assert.deepEqual(shapeOf(narrowed, enterprise), ["employeeNumber"]);
  });

  it("keeps a required extension even when nothing of it is served", () => {
    const required = new SchemaRegistry(
      schemas,
      resourceTypes.map((rt) =>
        rt.id === "User" ? { ...rt, schemaExtensions: [{ schema: enterprise, required: true }] } : rt,
      ),
    );
    const narrowed = advertisedRegistry(required, usersOnly([{ schema: user, attribute: "userName" }]));
    assert.deepEqual(narrowed.resourceType("User")?.schemaExtensions, [
      { schema: enterprise, required: true },
    ]);
    assert.deepEqual(shapeOf(narrowed, enterprise), []);
  });
});
