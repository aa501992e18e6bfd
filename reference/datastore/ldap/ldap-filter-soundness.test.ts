// Soundness of the LDAP narrowing: on random entries and random filters over directory attributes, every
// entry the full StoreFilter matches (the in-memory matcher) is selected by the compiled LDAP filter, as
// a model of RFC 4518 matching evaluates it (ldap-model-directory.ts). ldap-differential.test.ts checks
// the same against slapd. The seed is printed on failure; replay with FC_SEED=<seed>.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  andNode,
  compareNode,
  notNode,
  orNode,
  presentNode,
  valuePathNode,
} from "../../protocol/filter/filter-builders.js";
import type { CompareOperator } from "../../protocol/filter/filter-node.js";
import { checkProperty } from "../../protocol/testing/check-property.js";
import type { EntryAttributes, StoreFilter } from "../datastore.js";
import { type MatchSubject, matchesFilter } from "../memory/memory-filter-matcher.js";
import { encodeEntry } from "./ldap-entry-codec.js";
import { renderFilter } from "./ldap-filter.js";
import { compileStoreFilter, nativeTypes } from "./ldap-filter-compiler.js";
import { type ModelEntry, modelMatches } from "./ldap-model-directory.js";
import { fixtureSchema } from "./ldap-schema-fixture.js";
import { eq, s } from "./ldap-test-attributes.js";
import { valueKeys } from "./ldap-value-keys.js";

const pool = [
  "bjensen",
  "BJensen",
  "b jensen",
  "b  jensen",
  " b",
  "b ",
  "\u212Aelvin",
  "kelvin",
  "x\u0130y",
  "xiy",
  "\uFB00",
  "ff",
  "z",
  "é",
  "E\u0301",
  "Ωmega",
  "ωMEGA",
  "a*b",
  "(x)",
  "\\",
  "",
  "a@x.org",
  "A@X.ORG",
  "ünï@x.org",
  "+1 555 0100",
  "+15550100",
  // Parts of the values above in other cases, so that sw, ew and co find matches beyond ASCII.
  "JENSEN",
  "\u212A",
  "MEGA",
  "\u00dcN",
  "\u00cf@X.ORG",
  "e\u0301",
];
const text = fc.constantFrom(...pool);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const entryAttributes: fc.Arbitrary<EntryAttributes> = fc
  .record(
    {
      uid: text,
      userName: text,
      displayName: text,
      description: fc.array(text, { maxLength: 3 }),
      scimExternalId: text,
      title: text,
      mail: fc.array(text, { maxLength: 2 }),
      scimActive: fc.boolean(),
      telephoneNumber: fc.array(text, { maxLength: 2 }),
      scimEmails: fc.array(
        fc.record({ value: maybe(text), type: maybe(fc.constantFrom("work", "home")) }, { requiredKeys: [] }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: [] },
  )
  .map((r) => JSON.parse(JSON.stringify(r)) as EntryAttributes);

const ops: readonly CompareOperator[] = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];
const textAttrs = [
  s.uid,
  s.userName,
  s.displayName,
  s.description,
  s.externalId,
  s.externalIdFolded,
  s.titleExact,
  s.mail,
  s.phone,
];
const leaf: fc.Arbitrary<StoreFilter> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...textAttrs), fc.constantFrom(...ops), fc.oneof(text, fc.constant(null)))
    .map(([a, op, v]) => compareNode(a, v === null && op !== "eq" && op !== "ne" ? "eq" : op, v)),
  fc.tuple(fc.constantFrom(...textAttrs, s.emails, s.active), fc.constant(0)).map(([a]) => presentNode(a)),
  fc.boolean().map((b) => eq(s.active, b)),
  fc
    .tuple(fc.constantFrom("work", "home"), text)
    .map(([t, v]) =>
      valuePathNode(s.emails, andNode(eq(s.emailType, t), compareNode(s.emailValue, "co", v))),
    ),
  fc
    .tuple(fc.constantFrom("co", "eq", "sw") as fc.Arbitrary<CompareOperator>, text)
    .map(([op, v]) => valuePathNode(s.description, compareNode(s.description, op, v))),
);
const filter = fc.letrec<{ node: StoreFilter }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.tuple(tie("node"), tie("node")).map(([l, r]) => andNode(l, r)),
    fc.tuple(tie("node"), tie("node")).map(([l, r]) => orNode(l, r)),
    tie("node").map(notNode),
  ),
})).node;

/** The entry as the directory holds it: native attributes, the document's names, the naming fill. */
function modelEntry(attributes: EntryAttributes): ModelEntry {
  const schema = fixtureSchema();
  const uid = typeof attributes.uid === "string" && attributes.uid !== "" ? attributes.uid : undefined;
  const encoded = encodeEntry(attributes, {
    schema,
    defaultClasses: ["inetOrgPerson"],
    naming: uid === undefined ? undefined : ["uid", uid],
  });
  const entry = new Map<string, string[]>();
  for (const [key, { values }] of encoded.attributes) entry.set(key, [...values]);
  entry.set("scimjsonattribute", Object.keys(encoded.layout.json));
  return entry;
}

/** A complex member's key, ["name","member","fold"], which format 1 did not write. */
const isMemberKey = (key: string): boolean =>
  key.startsWith("[") && (JSON.parse(key) as unknown[]).length === 3;

describe("the LDAP narrowing is sound (never excludes a match)", () => {
  it("selects every entry the full filter matches, in a model of RFC 4518 matching", () => {
    const subject = (attributes: EntryAttributes): MatchSubject => ({
      id: "6094ef84-816a-1041-8197-7968eafdab4f",
      meta: { created: "2024-01-01T00:00:00.000Z", lastModified: "2024-01-01T00:00:00.000Z", version: 1 },
      attributes,
      members: () => [],
      groups: () => [],
    });
    checkProperty(
      fc.property(entryAttributes, filter, (attributes, f) => {
        let matched: boolean;
        try {
          matched = matchesFilter(subject(attributes), f);
        } catch {
          return; // an invalid comparison (400 invalidFilter) is refused before any narrowing runs
        }
        if (!matched) return;
        // Without scimKey (an older scim.schema), with it searched for equality only (scimKey without its
        // SUBSTR rule), and for substrings too: the entry then holds its keys as written. Last, an entry
        // keyed in format 1 (no member keys) in a container whose member keys are not all written yet.
        for (const [search, members] of [
          ["none", false],
          ["equality", true],
          ["substrings", true],
          ["substrings", false],
        ] as const) {
          const narrowing = compileStoreFilter(f, nativeTypes(fixtureSchema()), { search, members });
          const entry = new Map(modelEntry(attributes));
          const keys = valueKeys(attributes).filter((k) => members || !isMemberKey(k));
          if (search !== "none") entry.set("scimkey", keys);
          assert.ok(
            modelMatches(fixtureSchema(), entry, narrowing),
            `the directory filter ${renderFilter(narrowing)} would exclude a match`,
          );
        }
      }),
      2000,
    );
  });
});
