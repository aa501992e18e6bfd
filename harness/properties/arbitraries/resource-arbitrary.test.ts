// Schema-driven resource arbitraries: what they generate obeys the target's schema (RFC 7643 §2.2
// required, §7 mutability, §2.4 primary and unordered values, §2.3 types, §3.3 extensions), unique
// values carry the run's tag, references come from the pool, and the comparison agrees that a body
// equals itself and every RFC-allowed rewrite of it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { compareResource } from "../compare/compare-resource.js";
import { defects } from "../compare/resource-diff.js";
import type { JsonObject } from "../json/json.js";
import { getCi, isObject } from "../json/json.js";
import type { ResourceTypeModel } from "../schema-model/resource-type-model.js";
import { type AttributeDef, findAttribute } from "../schema-model/schema-model.js";
import { assertProperty } from "../testing/fc-seed.js";
import { customExtensionUrn, customModel, specModel } from "../testing/spec-model.js";
import { parseDateTime } from "../values/date-time.js";
import { decodeBase64 } from "../values/scalar.js";
import { CreatedPool } from "./reference-pool.js";
import { finalizeDraft, resourceArbitrary, slotValue } from "./resource-arbitrary.js";
import { textArbitrary } from "./text-arbitrary.js";

const user = customModel().resourceType("User") ?? assert.fail("no User");
const group = specModel().resourceType("Group") ?? assert.fail("no Group");
const pool = new CreatedPool();
for (const id of ["u1", "u2", "u3"]) pool.add("User", id);
pool.add("Group", "g1");

/** Every problem of `body` against the type's schema, as text. */
function violations(type: ResourceTypeModel, body: JsonObject, mode: "create" | "replace"): string[] {
  const out: string[] = [];
  const checkValue = (attr: AttributeDef, v: unknown, where: string): void => {
    switch (attr.type) {
      case "string":
      case "reference":
        if (typeof v !== "string" || v.length === 0) out.push(`${where}: not a non-empty string`);
        else if (/\p{Cc}/u.test(v)) out.push(`${where}: control character`);
        else if (/\p{Cs}/u.test(v)) out.push(`${where}: lone surrogate`);
        else if (attr.canonicalValues.length > 0 && !attr.canonicalValues.includes(v))
          out.push(`${where}: not canonical`);
        break;
      case "boolean":
        if (typeof v !== "boolean") out.push(`${where}: not a boolean`);
        break;
      case "integer":
        if (!Number.isSafeInteger(v)) out.push(`${where}: not an integer`);
        break;
      case "decimal":
        if (typeof v !== "number" || Number.isInteger(v)) out.push(`${where}: not a decimal with a fraction`);
        break;
      case "dateTime":
        if (typeof v !== "string" || parseDateTime(v) === undefined)
          out.push(`${where}: not an xsd:dateTime`);
        break;
      case "binary":
        if (typeof v !== "string" || decodeBase64(v) === undefined) out.push(`${where}: not base64`);
        break;
      case "complex":
        if (!isObject(v) || Object.keys(v).length === 0) out.push(`${where}: empty complex value`);
        for (const sub of attr.subAttributes) {
          const s = getCi(v, sub.name);
          if (s === undefined) continue;
          if (sub.mutability === "readOnly") out.push(`${where}.${sub.name}: readOnly sent`);
          checkValue(sub, s, `${where}.${sub.name}`);
        }
    }
  };
  const schemas = body.schemas as string[];
  for (const { attribute, schema, extension } of type.topLevel()) {
    const container = extension ? getCi(body, schema.id) : body;
    if (extension && (container !== undefined) !== schemas.includes(schema.id))
      out.push(`${schema.id}: schemas mismatch`);
    const v = getCi(container, attribute.name);
    if (v === undefined) {
      if (attribute.required && attribute.mutability !== "readOnly" && !extension)
        out.push(`${attribute.path}: required but absent`);
      continue;
    }
    if (attribute.mutability === "readOnly") out.push(`${attribute.path}: readOnly sent`);
    if (attribute.mutability === "immutable" && mode === "replace")
      out.push(`${attribute.path}: immutable sent on replace`);
    if (attribute.multiValued) {
      if (!Array.isArray(v) || v.length === 0) {
        out.push(`${attribute.path}: not a non-empty array`);
        continue;
      }
      for (const [i, e] of v.entries()) checkValue(attribute, e, `${attribute.path}[${i}]`);
      const primaries = v.filter((e) => getCi(e, "primary") === true).length;
      if (primaries > 1) out.push(`${attribute.path}: ${primaries} primary values`);
      // Values are told apart as the schema says: x509Certificates.value (binary) is caseExact, so
      // "GQ==" and "gQ==" are two certificates (RFC 7643 §2.3.6, §4.1.2).
      const by = findAttribute(attribute.subAttributes, "value") ?? attribute;
      const keys = v.map((e) => {
        const key = JSON.stringify(isObject(e) ? (getCi(e, "value") ?? e) : e);
        return by.caseExact ? key : key.toLowerCase();
      });
      if (new Set(keys).size !== keys.length) out.push(`${attribute.path}: duplicate values`);
    } else {
      checkValue(attribute, v, attribute.path);
    }
  }
  return out;
}

let counter = 0;
const tag = (label: string): string => {
  counter += 1;
  return `scimc-test-${label}-${counter}`;
};

describe("resourceArbitrary", () => {
  for (const [name, type, mode] of [
    ["User create bodies with two extensions", user, "create"],
    ["User replace bodies", user, "replace"],
    ["Group create bodies", group, "create"],
  ] as const) {
    it(`generates ${name} that obey the schema`, () => {
      assertProperty(
        fc.property(resourceArbitrary(type, { mode, pool }), (draft) => {
          const body = finalizeDraft(draft, tag);
          assert.deepEqual(violations(type, body, mode), []);
          assert.deepEqual(JSON.parse(JSON.stringify(body)), body);
        }),
        150,
      );
    });
  }

  it("fills unique slots with a fresh run-tagged value each time a case runs", () => {
    const [draft] = fc.sample(resourceArbitrary(user, { mode: "create" }), { numRuns: 1, seed: 3 });
    assert.ok(draft);
    const a = finalizeDraft(draft, tag);
    const b = finalizeDraft(draft, tag);
    assert.match(String(a.userName), /^scimc-test-userName-\d+/);
    assert.notEqual(a.userName, b.userName);
    const badge = draft.unique.find((s) => s.label === "badge");
    if (badge) assert.match(String(slotValue(a, badge)), /^scimc-test-badge-/);
  });

  it("tags an attribute the check scopes by, though its schema asks no uniqueness", () => {
    const [draft] = fc.sample(resourceArbitrary(group, { mode: "create", tagged: ["displayName"] }), {
      numRuns: 1,
      seed: 5,
    });
    assert.ok(draft);
    assert.match(String(finalizeDraft(draft, tag).displayName), /^scimc-test-displayName-/);
  });

  it("draws group members only from the pool of created resources", () => {
    const ids = new Set(["u1", "u2", "u3", "g1"]);
    const drafts = fc.sample(resourceArbitrary(group, { mode: "create", pool, allAttributes: true }), {
      numRuns: 50,
      seed: 9,
    });
    const members = drafts.flatMap((d) => (d.body.members as JsonObject[] | undefined) ?? []);
    assert.ok(members.length > 0);
    for (const m of members) {
      assert.ok(ids.has(String(m.value)), `member ${JSON.stringify(m)} is not in the pool`);
      assert.equal(m.type, m.value === "g1" ? "Group" : "User");
    }
  });

  it("leaves out references when the pool is empty", () => {
    const drafts = fc.sample(resourceArbitrary(group, { mode: "create", allAttributes: true }), {
      numRuns: 20,
      seed: 1,
    });
    assert.ok(drafts.every((d) => d.body.members === undefined));
  });

  it("generates every writable attribute of an unseen extension when asked to", () => {
    const [draft] = fc.sample(resourceArbitrary(user, { mode: "create", allAttributes: true }), {
      numRuns: 1,
      seed: 2,
    });
    const ext = draft?.body[customExtensionUrn] as JsonObject | undefined;
    assert.deepEqual(Object.keys(ext ?? {}).sort(), [
      "badge",
      "blob",
      "flag",
      "gadgets",
      "homepage",
      "level",
      "onRequest",
      "ratio",
      "sealed",
      "secret",
      "since",
      "tags",
    ]);
  });
});

describe("textArbitrary", () => {
  it("generates the edge lengths 1 and max (in graphemes) often", () => {
    const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
    const lengths = fc
      .sample(textArbitrary({ maxLength: 9 }), { numRuns: 300, seed: 4 })
      .map((s) => [...segmenter.segment(s)].length);
    assert.ok(lengths.filter((n) => n === 1).length > 20);
    assert.ok(lengths.filter((n) => n >= 9).length > 20);
  });

  it("reaches the astral plane, combining marks and right-to-left scripts", () => {
    const text = fc.sample(textArbitrary({ maxLength: 40 }), { numRuns: 200, seed: 8 }).join("");
    assert.match(text, /[\u{10000}-\u{10FFFF}]/u);
    assert.match(text, /\p{M}/u);
    assert.match(text, /[\u05d0-\u05ea\u0627-\u064a]/u);
    assert.match(text, /["\\]/);
  });
});

describe("compareResource on generated bodies", () => {
  /** Rewrites a body the way RFC 7643 lets a server: key case, value order, caseExact=false case. */
  function serverRewrite(type: ResourceTypeModel, body: JsonObject): JsonObject {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(body)) {
      const resolved = type.resolve(k);
      let value = v;
      if (Array.isArray(v)) value = [...v].reverse();
      if (
        typeof v === "string" &&
        resolved &&
        !resolved.target.caseExact &&
        resolved.target.type === "string" &&
        resolved.target.canonicalValues.length === 0
      ) {
        value = v.toUpperCase() === v.toLowerCase().toUpperCase() ? v.toUpperCase() : v;
      }
      out[k.toUpperCase() === k ? k : k.toLowerCase()] = value;
    }
    return { ...out, id: "x", meta: { resourceType: type.name } };
  }

  it("finds a generated body equal to itself and to an RFC-allowed rewrite of it", () => {
    assertProperty(
      fc.property(resourceArbitrary(user, { mode: "create", pool }), (draft) => {
        const body = finalizeDraft(draft, tag);
        assert.deepEqual(defects(compareResource(user, body, body)), []);
        assert.deepEqual(defects(compareResource(user, body, serverRewrite(user, body))), []);
      }),
      150,
    );
  });

  it("reports the attribute a lossy server dropped", () => {
    assertProperty(
      fc.property(resourceArbitrary(user, { mode: "create", pool }), fc.nat(), (draft, pick) => {
        const body = finalizeDraft(draft, tag);
        const keys = Object.keys(body).filter(
          (k) => k !== "schemas" && k !== "password" && !k.startsWith("urn:"),
        );
        const dropped = keys[pick % keys.length];
        if (dropped === undefined) return;
        const { [dropped]: _, ...rest } = body;
        const lost = defects(compareResource(user, body, rest)).filter((f) => f.verdict === "lost");
        assert.ok(
          lost.length > 0 && lost.every((f) => f.path.split(".")[0] === dropped),
          JSON.stringify(lost),
        );
      }),
      150,
    );
  });
});
