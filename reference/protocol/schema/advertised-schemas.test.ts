// advertisedRegistry: what discovery lists for a mapping that serves part of a resource (RFC 7643 §7).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { checkProperty } from "../testing/check-property.js";
import { specRegistry } from "../testing/spec-registry.js";
import { advertisedRegistry, type ServedPath } from "./advertised-schemas.js";
import { coreSchemaUrns } from "./schema-definition.js";
import { SchemaRegistry } from "./schema-registry.js";

const registry = specRegistry();
const schemas = registry.schemas();
const resourceTypes = registry.resourceTypes();
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

  // Any mix of whole attributes, sub-attributes and typed paths of User: everything served is listed,
  // nothing else is (but a typed path's `type`), and no characteristic changes but `type`'s canonicalValues.
  it("lists exactly what is served, with the schema's characteristics (property)", () => {
    const userAttributes = registry.schema(user)?.attributes ?? [];
    const pathOf = fc.constantFrom(...userAttributes).chain((def): fc.Arbitrary<ServedPath> => {
      const subs = (def.subAttributes ?? []).map((s) => s.name);
      if (subs.length === 0) return fc.constant({ schema: user, attribute: def.name });
      return fc.record({
        schema: fc.constant(user),
        attribute: fc.constant(def.name),
        subAttribute: fc.option(fc.constantFrom(...subs), { nil: undefined }),
        type: fc.option(fc.constantFrom("work", "home", "Mobile", "x-custom"), { nil: undefined }),
      });
    });
    checkProperty(
      fc.property(fc.array(pathOf, { maxLength: 12 }), (paths) => {
        const served = paths.map((p) => (p.subAttribute === undefined ? { ...p, type: undefined } : p));
        const listed = advertisedRegistry(registry, usersOnly(served)).schema(user)?.attributes ?? [];
        const lower = (s: string | undefined) => s?.toLowerCase();
        for (const def of listed) {
          const full = userAttributes.find((a) => a.name === def.name);
          assert.ok(full, `${def.name} is not in the schema`);
          const mine = served.filter((p) => lower(p.attribute) === lower(def.name));
          assert.ok(mine.length > 0, `${def.name} is listed but not served`);
          const { subAttributes: _a, ...ownDef } = def;
          const { subAttributes: _b, ...ownFull } = full;
          assert.deepEqual(ownDef, ownFull, `${def.name} changed characteristics`);
          if (mine.some((p) => p.subAttribute === undefined)) {
            assert.equal(def, full, `${def.name} is served whole`);
            continue;
          }
          const typed = mine.filter((p) => p.type !== undefined);
          for (const sub of def.subAttributes ?? []) {
            const named = mine.some((p) => lower(p.subAttribute) === lower(sub.name));
            const implied = sub.name === "type" && typed.length > 0;
            assert.ok(named || implied, `${def.name}.${sub.name} is listed but not served`);
            const { canonicalValues: _c, ...ownSub } = sub;
            const { canonicalValues: _d, ...fullSub } =
              full.subAttributes?.find((x) => x.name === sub.name) ?? {};
            assert.deepEqual(ownSub, fullSub, `${def.name}.${sub.name} changed characteristics`);
            if (implied && !named && typed.length === mine.length)
              assert.deepEqual(new Set(sub.canonicalValues), new Set(typed.map((p) => p.type)));
          }
          for (const p of mine)
            assert.ok(
              def.subAttributes?.some((x) => lower(x.name) === lower(p.subAttribute)),
              `${def.name}.${p.subAttribute} is served but not listed`,
            );
        }
        for (const p of served)
          assert.ok(
            listed.some((d) => lower(d.name) === lower(p.attribute)),
            `${p.attribute} is not listed`,
          );
      }),
    );
  });

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
