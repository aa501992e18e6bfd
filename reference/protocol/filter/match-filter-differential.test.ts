import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { AttrPath } from "../path/attr-path.js";
import type { JsonObject, JsonValue } from "../resource/json.js";
import type { ResourceTypeDefinition } from "../schema/schema-definition.js";
import { checkProperty } from "../testing/check-property.js";
import { specRegistry } from "../testing/spec-registry.js";
import { userFilterTextArb, userResourceArb } from "../testing/user-arbitraries.js";
import type { FilterNode } from "./filter-node.js";
import { compileFilter } from "./match-filter.js";
import { parseFilter } from "./parse-filter.js";
import { resolveFilter } from "./resolve-filter.js";

// A deliberately naive second implementation of the filter semantics (match-filter.ts header), written
// from the RFC text with a hand-kept type table instead of the schema registry, Date.parse instead of
// date-time.ts and plain toLowerCase instead of compare-values.ts. The vocabulary of user-arbitraries.ts
// stays within what both can express (BMP text, millisecond instants, no sigma).

type Kind = "ci" | "exact" | "date" | "bool" | "complex";
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user";
const types: Record<string, { kind: Kind; ext?: boolean }> = {
  username: { kind: "ci" },
  title: { kind: "ci" },
  nickname: { kind: "ci" },
  "name.givenname": { kind: "ci" },
  "name.familyname": { kind: "ci" },
  name: { kind: "complex" },
  department: { kind: "ci", ext: true },
  externalid: { kind: "exact" },
  manager: { kind: "complex", ext: true },
  "manager.value": { kind: "exact", ext: true },
  "meta.lastmodified": { kind: "date" },
  "meta.created": { kind: "date" },
  active: { kind: "bool" },
  emails: { kind: "complex" },
  "emails.value": { kind: "ci" },
  "emails.type": { kind: "ci" },
  "emails.primary": { kind: "bool" },
  schemas: { kind: "ci" },
};

function get(obj: JsonValue | undefined, key: string): JsonValue | undefined {
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return undefined;
  const found = Object.keys(obj).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : obj[found];
}
const list = (v: JsonValue | undefined): JsonValue[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
const present = (v: JsonValue | undefined): boolean =>
  v !== undefined &&
  v !== null &&
  v !== "" &&
  (Array.isArray(v) ? v.some(present) : typeof v === "object" ? Object.values(v).some(present) : true);

function normalise(v: JsonValue, kind: Kind): string | number | boolean | undefined {
  if (kind === "ci") return typeof v === "string" ? v.normalize("NFC").toLowerCase() : undefined;
  if (kind === "exact") return typeof v === "string" ? v : undefined;
  if (kind === "date") return typeof v === "string" ? Date.parse(v) : undefined;
  if (kind === "bool") return typeof v === "boolean" ? v : undefined;
  return undefined;
}

function naive(node: FilterNode<AttrPath>, target: JsonObject, element: boolean, outer = ""): boolean {
  const valuesOf = (p: AttrPath): { values: JsonValue[]; kind: Kind } => {
    let path = `${p.name}${p.subAttr === undefined ? "" : `.${p.subAttr}`}`.toLowerCase();
    if (element) path = `${outer}.${path}`;
    let t = types[path];
    if (t === undefined) throw new Error(`no type for ${path}`);
    if (node.kind === "compare" && node.value !== null && t.kind === "complex") {
      path = `${path}.value`; // RFC 7644 Figure 2: emails co "…" compares emails.value
      t = types[path] as { kind: Kind; ext?: boolean };
    }
    if (element) return { values: list(get(target, path.split(".")[1] as string)), kind: t.kind };
    const root = t.ext ? get(target, enterprise) : target;
    const [top, sub] = path.split(".") as [string, string | undefined];
    const topValues = list(get(root, top));
    return {
      values: sub === undefined ? topValues : topValues.flatMap((e) => list(get(e, sub))),
      kind: t.kind,
    };
  };
  switch (node.kind) {
    case "and":
      return naive(node.left, target, element, outer) && naive(node.right, target, element, outer);
    case "or":
      return naive(node.left, target, element, outer) || naive(node.right, target, element, outer);
    case "not":
      return !naive(node.operand, target, element, outer);
    case "present":
      return valuesOf(node.attr).values.some(present);
    case "valuePath":
      return list(get(target, node.attr.name)).some(
        (e) =>
          typeof e === "object" &&
          e !== null &&
          !Array.isArray(e) &&
          naive(node.filter, e, true, node.attr.name.toLowerCase()),
      );
    case "compare": {
      const { values, kind } = valuesOf(node.attr);
      if (node.value === null) return node.op === "eq" ? !values.some(present) : values.some(present);
      const want = normalise(node.value, kind);
      const test = (v: JsonValue, op: string) => {
        const got = normalise(v, kind);
        if (got === undefined || want === undefined) return false;
        if (op === "eq") return got === want;
        if (op === "co") return String(got).includes(String(want));
        if (op === "sw") return String(got).startsWith(String(want));
        if (op === "ew") return String(got).endsWith(String(want));
        if (op === "gt") return got > want;
        if (op === "ge") return got >= want;
        if (op === "lt") return got < want;
        return got <= want;
      };
      return node.op === "ne" ? !values.some((v) => test(v, "eq")) : values.some((v) => test(v, node.op));
    }
  }
}

describe("matchFilter against a naive reference evaluation", () => {
  const registry = specRegistry();
  const User = registry.resourceType("User") as ResourceTypeDefinition;

  it("agrees on random users and random valid filters", () => {
    checkProperty(
      fc.property(fc.array(userResourceArb, { maxLength: 8 }), userFilterTextArb, (users, text) => {
        const ast = parseFilter(text);
        const predicate = compileFilter(resolveFilter(registry, User, ast));
        for (const user of users) {
          assert.equal(predicate(user), naive(ast, user, false), `${text}\n${JSON.stringify(user)}`);
        }
      }),
      400,
    );
  });

  it("is exercised: random filters match some users and miss others", () => {
    let hits = 0;
    let misses = 0;
    fc.assert(
      fc.property(userResourceArb, userFilterTextArb, (user, text) => {
        const match = compileFilter(resolveFilter(registry, User, parseFilter(text)))(user);
        if (match) hits++;
        else misses++;
      }),
      { seed: 42, numRuns: 300 },
    );
    assert.ok(hits > 30 && misses > 30, `hits ${hits}, misses ${misses}`);
  });
});
