// The key document holds storeKey's own keys, one per class, and each StoreAttribute (type, caseExact)
// reads the class whose key is its key: these properties are what make SQL over the key document agree
// with compare-values.ts without computing anything in SQL. Seeds print on failure (FC_SEED replays).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { AttributeType } from "../../protocol/schema/schema-definition.js";
import type { EntryValue } from "../datastore.js";
import { isPresentValue } from "../entry-values.js";
import { storeKey } from "../store-key.js";
import {
  classRepresentatives,
  containsNul,
  type KeyNode,
  keyClassOf,
  keyNode,
} from "./postgres-key-document.js";

const types: readonly AttributeType[] = [
  "string",
  "boolean",
  "decimal",
  "integer",
  "dateTime",
  "reference",
  "binary",
  "complex",
];

const seed =
  process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED);
function check<T extends unknown[]>(property: fc.IProperty<T>): void {
  try {
    fc.assert(property, { seed, numRuns: 300 });
  } catch (error) {
    throw new Error(`property failed; replay with FC_SEED=${seed}\n${(error as Error).message}`);
  }
}

// Texts that exercise folding (ς/Σ, ß, İ, combining marks), surrogates and dateTime forms.
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.string({
    unit: fc.constantFrom("a", "A", "Σ", "ς", "σ", "ß", "İ", "e\u0301", "é", "\ud800", "\udc00", "😀"),
    maxLength: 5,
  }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("2020-01-01T01:00:00+01:00", "2020-01-01t00:00:00z", "2020-06-01T24:00:00Z"),
);
const scalar: fc.Arbitrary<EntryValue> = fc.oneof(
  text,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<EntryValue> = fc.letrec<{ v: EntryValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("value", "type", "primary", "x"), tie("v"), { maxKeys: 3 }),
  ),
})).v;

/** A class key as SQL reads it (postgres-dialect.ts nodeKey): x falls back to f when left out. */
function read(node: KeyNode, type: AttributeType, caseExact: boolean): string | undefined {
  const cls = keyClassOf(type, caseExact);
  if (cls === undefined) return undefined;
  return cls === "x" ? (node.x ?? node.f) : node[cls];
}

describe("key document", () => {
  it("gives every attribute type the key storeKey gives it, for any scalar", () => {
    check(
      fc.property(scalar, fc.constantFrom(...types), fc.boolean(), (v, type, caseExact) => {
        assert.equal(read(keyNode(v), type, caseExact), storeKey(v, type, caseExact));
      }),
    );
  });

  it("maps each class to a representative whose key is the class's key", () => {
    for (const type of types) {
      for (const caseExact of [false, true]) {
        const cls = keyClassOf(type, caseExact);
        if (cls === undefined) continue;
        const [repType, repExact] = classRepresentatives[cls];
        check(
          fc.property(scalar, (v) =>
            assert.equal(storeKey(v, type, caseExact), storeKey(v, repType, repExact)),
          ),
        );
      }
    }
  });

  it("marks exactly the values that are not present (RFC 7644 §3.4.2.2 pr)", () => {
    check(
      fc.property(value, (v) => {
        assert.equal(keyNode(v).e === undefined, isPresentValue(v));
      }),
    );
  });

  it("keeps the shape: arrays by position, objects by member, JSON types tagged", () => {
    const node = keyNode({ emails: [{ value: "A@x.org", primary: true }, "b"], n: 1, z: null });
    assert.equal(node.t, "object");
    const emails = node.o?.emails;
    assert.equal(emails?.t, "array");
    assert.equal(emails?.a?.[0]?.o?.value?.f, "a@x.org");
    assert.equal(emails?.a?.[0]?.o?.value?.x, "A@x.org");
    assert.equal(emails?.a?.[0]?.o?.primary?.t, "true");
    assert.equal(emails?.a?.[1]?.t, "text");
    assert.equal(node.o?.n?.t, "number");
    assert.deepEqual(node.o?.z, { t: "null", e: 1 });
  });

  it("is valid jsonb text: no lone surrogate survives in names or keys", () => {
    // JSON.stringify writes well-formed pairs as they are and escapes only lone surrogates, which jsonb
    // refuses: no \udXXX escape may appear.
    check(
      fc.property(value, (v) => {
        const json = JSON.stringify(keyNode({ "\ud800k": v, "\udc00": v }));
        assert.ok(!/\\ud[89a-f][0-9a-f]{2}/i.test(json), json);
      }),
    );
  });

  it("finds U+0000 in names and texts at any depth", () => {
    const cases: readonly [EntryValue, boolean][] = [
      ["a\u0000", true],
      [{ "a\u0000": 1 }, true],
      [[{ x: ["\u0000"] }], true],
      [{ a: ["b", { c: "d" }] }, false],
    ];
    for (const [v, want] of cases) assert.equal(containsNul(v), want, JSON.stringify(v));
  });
});
