// Direct mapping (reference-core issue "The data path"): plan derivation, attribute and filter
// translation, and the round-trip property that write-then-read is the identity on client-owned
// attributes (STYLE.md §11: every two-way mapping is a pair with a round-trip property).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { specRegistry } from "../../connections/spec-schemas.js";
import type { EntryAttributes, StoredEntry } from "../../datastore/datastore.js";
import type { FilterNode } from "../../protocol/filter/filter-node.js";
import { schemasAttribute } from "../../protocol/filter/schemas-attribute.js";
import type { JsonObject, JsonValue } from "../../protocol/resource/json.js";
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import type { AttributeDefinition } from "../../protocol/schema/schema-definition.js";
import { coreSchemaUrns } from "../../protocol/schema/schema-definition.js";
import { createDirectMapping } from "./direct-mapping.js";

const registry = specRegistry();
function must<T>(value: T | undefined, what: string): T {
  assert.ok(value !== undefined, `${what} must exist`);
  return value;
}
const userType = must(registry.resourceType("User"), "User");
const groupType = must(registry.resourceType("Group"), "Group");
const users = createDirectMapping(registry, userType);
const groups = createDirectMapping(registry, groupType);
const ent = coreSchemaUrns.enterpriseUser;
const context = { connectionId: "c1", clientAddress: undefined, requestId: undefined };

function resolve(path: string, rt = userType): ResolvedAttribute {
  const lastColon = path.lastIndexOf(":");
  const schema = lastColon < 0 ? undefined : path.slice(0, lastColon);
  const local = lastColon < 0 ? path : path.slice(lastColon + 1);
  const [name = "", subAttr] = local.split(".");
  const resolved = registry.resolve(rt, { kind: "attrPath", schema, name, subAttr });
  assert.ok(resolved?.kind === "attribute", `test path ${path} must resolve`);
  return resolved;
}

function entry(attributes: EntryAttributes): StoredEntry {
  const meta = { created: "2024-01-01T00:00:00.000Z", lastModified: "2024-01-01T00:00:00.000Z", version: 1 };
  return { id: "u1", resourceType: "User", meta, attributes };
}

describe("directPlan", () => {
  it("indexes the lookup attributes clients join on and keeps userName unique (RFC 7643 §4.1.1)", () => {
    const keys = users.plan.indexed.map((a) => `${a.source}:${a.name}${a.subPath ? `.${a.subPath}` : ""}`);
    assert.deepEqual(keys, [
      "entry:userName",
      "entry:externalId",
      "entry:displayName",
      "entry:emails.value",
      "engine:meta.lastModified",
    ]);
    assert.deepEqual(
      users.plan.unique.map((a) => a.name),
      ["userName"],
    );
    assert.equal(users.plan.unique[0]?.caseExact, false, "userName uniqueness is case-insensitive");
    assert.equal(users.plan.hasMembers, false);
    assert.deepEqual(users.plan.displayAttributes, ["displayName", "userName"]);
  });

  it("indexes members.value through the engine for groups (RFC 7643 §4.2)", () => {
    const keys = groups.plan.indexed.map((a) => `${a.source}:${a.name}${a.subPath ? `.${a.subPath}` : ""}`);
    assert.deepEqual(keys, [
      "entry:externalId",
      "entry:displayName",
      "engine:meta.lastModified",
      "engine:members.value",
    ]);
    assert.equal(groups.plan.hasMembers, true);
    assert.deepEqual(groups.plan.displayAttributes, ["displayName"]);
    assert.deepEqual(groups.plan.unique, []);
  });
});

describe("DirectMapping.translateAttribute", () => {
  const cases: [string, { path: string; rt?: "Group"; want: Record<string, unknown> | undefined }][] = [
    [
      "a simple core attribute",
      {
        path: "userName",
        want: {
          source: "entry",
          name: "userName",
          subPath: undefined,
          type: "string",
          caseExact: false,
          multiValued: false,
        },
      },
    ],
    [
      "a sub-attribute of a multi-valued one",
      {
        path: "emails.value",
        want: { source: "entry", name: "emails", subPath: "value", multiValued: true },
      },
    ],
    [
      "an extension attribute by its URN path (RFC 7644 §3.10)",
      {
        path: `${ent}:employeeNumber`,
        want: { source: "entry", name: `${ent}:employeeNumber`, subPath: undefined },
      },
    ],
    [
      "an extension sub-attribute",
      {
        path: `${ent}:manager.value`,
        want: { source: "entry", name: `${ent}:manager`, subPath: "value", caseExact: true },
      },
    ],
    [
      "id as an engine field (RFC 7643 §3.1)",
      { path: "id", want: { source: "engine", name: "id", caseExact: true } },
    ],
    [
      "meta.lastModified as an engine field",
      { path: "meta.lastModified", want: { source: "engine", name: "meta.lastModified", type: "dateTime" } },
    ],
    [
      "meta.created as an engine field",
      { path: "meta.created", want: { source: "engine", name: "meta.created" } },
    ],
    ["meta.location as nothing (derived)", { path: "meta.location", want: undefined }],
    ["meta.version as nothing (derived)", { path: "meta.version", want: undefined }],
    [
      "the derived user.groups as an engine field (RFC 7643 §4.1.2)",
      { path: "groups.value", want: { source: "engine", name: "groups", subPath: "value" } },
    ],
    ["groups.$ref as nothing (derived)", { path: "groups.$ref", want: undefined }],
    [
      "members.value as an engine field",
      { path: "members.value", rt: "Group", want: { source: "engine", name: "members", subPath: "value" } },
    ],
    ["the write-only password as nothing (RFC 7643 §4.1.1)", { path: "password", want: undefined }],
  ];
  for (const [name, { path, rt, want }] of cases) {
    it(`maps ${name}`, () => {
      const got = users.translateAttribute(resolve(path, rt === "Group" ? groupType : userType));
      if (want === undefined) return assert.equal(got, undefined);
      assert.ok(got);
      for (const [key, value] of Object.entries(want))
        assert.deepEqual(got[key as keyof typeof got], value, key);
    });
  }
});

describe("DirectMapping.translateAttribute for schemas", () => {
  it("maps `schemas` to nothing: it is rebuilt on every read (RFC 7643 §3), so filters on it stay residual", () => {
    assert.equal(users.translateAttribute(schemasAttribute(userType)), undefined);
  });
});

describe("DirectMapping.translateFilter", () => {
  const cmp = (path: string, value: string): FilterNode<ResolvedAttribute> => ({
    kind: "compare",
    attr: resolve(path),
    op: "eq",
    value,
  });
  const and = (l: FilterNode<ResolvedAttribute>, r: FilterNode<ResolvedAttribute>) =>
    ({ kind: "and", left: l, right: r }) as const;
  const or = (l: FilterNode<ResolvedAttribute>, r: FilterNode<ResolvedAttribute>) =>
    ({ kind: "or", left: l, right: r }) as const;

  it("pushes a filter down whole when every attribute maps", () => {
    const t = users.translateFilter(and(cmp("userName", "a"), cmp("emails.value", "b")));
    assert.equal(t.residual, undefined);
    assert.equal(t.pushed?.kind, "and");
  });

  it("keeps an unmappable conjunct as the residual and pushes the rest", () => {
    const t = users.translateFilter(and(cmp("userName", "a"), cmp("meta.location", "x")));
    assert.equal(t.pushed?.kind, "compare");
    assert.equal(t.pushed?.kind === "compare" && t.pushed.attr.name, "userName");
    assert.equal(t.residual?.kind, "compare");
    assert.equal(t.residual?.kind === "compare" && t.residual.attr.path, "meta.location");
  });

  it("leaves a disjunction with an unmappable side entirely residual", () => {
    const filter = or(cmp("userName", "a"), cmp("meta.location", "x"));
    const t = users.translateFilter(filter);
    assert.equal(t.pushed, undefined);
    assert.equal(t.residual, filter);
  });

  it("translates a valuePath with its inner sub-attributes", () => {
    const emails = resolve("emails");
    const inner: FilterNode<ResolvedAttribute> = {
      kind: "compare",
      attr: resolve("emails.type"),
      op: "eq",
      value: "work",
    };
    const t = users.translateFilter({ kind: "valuePath", attr: emails, filter: inner });
    assert.equal(t.pushed?.kind, "valuePath");
    if (t.pushed?.kind !== "valuePath") return;
    assert.equal(t.pushed.attr.name, "emails");
    assert.equal(t.pushed.filter.kind === "compare" && t.pushed.filter.attr.subPath, "type");
  });
});

describe("DirectMapping.write and read", () => {
  it("stores extension attributes under their URN-qualified names and reads them back (RFC 7643 §3.3)", async () => {
    const resource: JsonObject = {
      userName: "bjensen",
      [ent]: { employeeNumber: "701984", manager: { value: "26118915" } },
    };
    const written = await users.write(resource, context);
    assert.deepEqual(written, {
      userName: "bjensen",
      [`${ent}:employeeNumber`]: "701984",
      [`${ent}:manager`]: { value: "26118915" },
    });
    assert.deepEqual(await users.read(entry(written), context), resource);
  });

  it("never stores engine-owned fields or unassigned values (RFC 7643 §2.5)", async () => {
    const written = await users.write(
      {
        userName: "a",
        id: "x",
        meta: { version: "1" },
        password: "p",
        groups: [{ value: "g" }],
        nickName: null,
        emails: [],
        name: {},
      },
      context,
    );
    assert.deepEqual(written, { userName: "a" });
  });

  it("accepts an extension key in any letter case and stores it canonically (RFC 7643 §2.1)", async () => {
    const written = await users.write({ [ent.toUpperCase()]: { department: "Tour" } }, context);
    assert.deepEqual(written, { [`${ent}:department`]: "Tour" });
  });
});

/** Arbitrary client-owned values for an attribute definition, already normalised (no null, [] or {}). */
function valueArb(def: AttributeDefinition): fc.Arbitrary<JsonValue> {
  const single = (): fc.Arbitrary<JsonValue> => {
    switch (def.type) {
      case "boolean":
        return fc.boolean();
      case "integer":
        return fc.integer();
      case "decimal":
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case "complex": {
        const subs = (def.subAttributes ?? []).filter((s) => s.mutability !== "readOnly");
        const shape = Object.fromEntries(subs.map((s) => [s.name, valueArb({ ...s, multiValued: false })]));
        return fc
          .record(shape, { requiredKeys: [], noNullPrototype: true })
          .filter((o) => Object.keys(o).length > 0) as fc.Arbitrary<JsonValue>;
      }
      default:
        return fc.string({ minLength: 1, maxLength: 8 });
    }
  };
  return def.multiValued ? fc.array(single(), { minLength: 1, maxLength: 3 }) : single();
}

function resourceArb(): fc.Arbitrary<JsonObject> {
  const clientOwned = (attrs: readonly AttributeDefinition[]) =>
    attrs.filter(
      (a) => a.mutability !== "readOnly" && a.mutability !== "writeOnly" && !["id", "meta"].includes(a.name),
    );
  const core = clientOwned(registry.baseAttributes(userType));
  const ext = clientOwned(registry.schema(ent)?.attributes ?? []);
  const coreArb = fc.record(Object.fromEntries(core.map((a) => [a.name, valueArb(a)])), {
    requiredKeys: [],
    noNullPrototype: true,
  });
  const extArb = fc.record(Object.fromEntries(ext.map((a) => [a.name, valueArb(a)])), {
    requiredKeys: [],
    noNullPrototype: true,
  });
  return fc
    .tuple(coreArb, extArb)
    .map(([c, e]) => (Object.keys(e).length > 0 ? { ...c, [ent]: e } : c) as JsonObject);
}

describe("DirectMapping round trip", () => {
  it("reads back exactly what it wrote for any client-owned User (STYLE.md §11)", async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    try {
      await fc.assert(
        fc.asyncProperty(resourceArb(), async (resource) => {
          const written = await users.write(resource, context);
          assert.deepEqual(await users.read(entry(written), context), resource);
        }),
        { seed, numRuns: 200 },
      );
    } catch (error) {
      throw new Error(`round trip failed with FC_SEED=${seed}: ${(error as Error).message}`);
    }
  });
});
