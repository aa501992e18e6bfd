// How two SCIM values compare, for a given attribute definition: the single definition used by the
// in-memory filter matcher, the sort comparator and (through `comparisonKey`) every SQL datastore.
//
// The contract is a normalisation: `comparisonKey(value, leaf)` maps a value to a key such that
//   eq / ne          ⇔ the keys are (not) identical,
//   gt / ge / lt / le ⇔ the keys' order,
//   co / sw / ew     ⇔ substring / prefix / suffix of the string keys.
// A datastore stores the key of each value in an index column and the key of the filter literal in the
// query parameter, then compares them exactly; it then agrees with the matcher byte for byte.
//
// Keys per attribute type (stable; changing one means re-indexing every store):
//   string, caseExact=false  text: NFC → toLowerCase() → 'ς'→'σ' → NFC. RFC 7644 §3.4.2.2 makes
//                            caseExact decide case sensitivity; RFC 7644 §3.4.2.3 asks for a case-insensitive
//                            order "with no specific locale implied", so the fold is locale-free. It is the
//                            Unicode default lower-case mapping made context-free (JS applies the Final_Sigma
//                            rule, so 'Σ' would fold to 'ς' or 'σ' depending on its neighbours, and `co`
//                            could miss): folding 'ς' to 'σ' as Unicode CaseFolding.txt does removes that.
//                            NFC makes canonically equivalent spellings (é vs e+◌́) equal. ASCII-only text
//                            takes a fast path with the same result. The mapping follows the Unicode version
//                            of the running V8 (Node 20: Unicode 15). RFC 7644 §5 says a server MUST apply
//                            the PRECIS rules of RFC 7613 (now RFC 8265, UsernameCaseMapped) before
//                            comparing or checking the uniqueness of userName: width mapping first
//                            (fullwidth and halfwidth forms map to their decompositions, so "ａｂｃ" is
//                            "abc"), then case mapping and NFC. The fold applies the same three steps to
//                            every caseExact=false string, because the key is shared by filters, sorting
//                            and uniqueness whatever the attribute is mapped to; PRECIS's character-class
//                            checks (which reject, not compare) are not applied.
//   string, caseExact=true   text, unchanged; caseExact means exactly the characters the client sent.
//   reference, binary        text, unchanged: "A reference is case exact" (RFC 7643 §2.3.7), binary is case
//                            exact (RFC 7643 §2.3.6) whatever the schema's caseExact says.
//   dateTime                 text `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`, the instant in UTC (see date-time.ts);
//                            fixed width, so text order is chronological order.
//   integer, decimal         number (a finite double; -0 becomes 0). Both compare numerically, so an
//                            integer attribute can be compared with a decimal literal.
//   boolean                  number 0 (false) or 1 (true).
//   complex                  no key (undefined): complex values are never compared, only tested with `pr`.
// Every text key is well-formed UTF-16 (a lone surrogate becomes U+FFFD), so it is valid UTF-8 wherever it
// is stored: better-sqlite3 writes a lone surrogate as the invalid bytes ED A0 80, which read back as three
// U+FFFD, so an unsanitised key would not survive a round trip through the index.
//
// Text keys compare in Unicode code point order, which is the order of their UTF-8 bytes and therefore
// SQLite's BINARY collation. (JavaScript's `<` compares UTF-16 code units, which puts U+E000–U+FFFF
// after astral characters; compareKeys corrects that.) SQL compilers must compare keys with `=`, `<`, `>`,
// instr() and substr(), never LIKE, which folds ASCII case in SQLite and would disagree with this file.
//
// A value whose JSON type does not fit the attribute type (a number in a string attribute, an invalid
// dateTime) has no key: it matches no comparison, and a datastore stores NULL for it.

import type { JsonValue } from "../resource/json.js";
import type { AttributeDefinition } from "../schema/schema-definition.js";
import { dateTimeKey } from "./date-time.js";
import type { CompareOperator } from "./filter-node.js";

export type ComparisonKey = string | number;

const notPrintableAscii = /[^\u0020-\u007e]/; // anything but printable ASCII takes the general path
const surrogate = /[\ud800-\udfff]/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function wellFormed(text: string): string {
  return surrogate.test(text) ? text.replace(loneSurrogate, "\ufffd") : text;
}

// The Halfwidth and Fullwidth Forms block and the ideographic space: every compatibility decomposition in
// these ranges is <wide> or <narrow>, so NFKC of one of them is exactly PRECIS width mapping (RFC 8264 §9.3).
const widthForm = /[\u3000\uff01-\uffee]/g;

/** The case-insensitive key of a text (caseExact=false): see the header for why each step is there. */
export function foldCase(text: string): string {
  if (!notPrintableAscii.test(text)) return text.toLowerCase();
  const narrowed = wellFormed(text).replace(widthForm, (c) => c.normalize("NFKC"));
  return narrowed.normalize("NFC").toLowerCase().replaceAll("ς", "σ").normalize("NFC");
}

/** The comparison key of one (non-array) value of the attribute `leaf`, or undefined when it has none. */
export function comparisonKey(
  value: JsonValue | undefined,
  leaf: AttributeDefinition,
): ComparisonKey | undefined {
  switch (leaf.type) {
    case "string":
      if (typeof value !== "string") return undefined;
      return leaf.caseExact ? wellFormed(value) : foldCase(value);
    case "reference":
    case "binary":
      return typeof value === "string" ? wellFormed(value) : undefined;
    case "dateTime":
      return typeof value === "string" ? dateTimeKey(value) : undefined;
    case "integer":
    case "decimal":
      // `+ 0` turns -0 into 0, so a stored -0 and a literal 0 are one key everywhere.
      return typeof value === "number" && Number.isFinite(value) ? value + 0 : undefined;
    case "boolean":
      return typeof value === "boolean" ? (value ? 1 : 0) : undefined;
    case "complex":
      return undefined;
  }
}

/** Shifts UTF-16 code units so that their numeric order is code point order. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Orders two keys of the same attribute: numbers numerically, text by Unicode code point. */
export function compareKeys(a: ComparisonKey, b: ComparisonKey): -1 | 0 | 1 {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  // Keys of one attribute share a type; a mixed pair still gets a total order (numbers first).
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/**
 * Applies one attribute operator to the key of one attribute value and the key of the literal
 * (RFC 7644 §3.4.2.2, Table 3). `ne` here is the single-value case; how `ne` treats absent and
 * multi-valued attributes is the matcher's business (match-filter.ts).
 */
export function applyOperator(op: CompareOperator, actual: ComparisonKey, expected: ComparisonKey): boolean {
  switch (op) {
    case "eq":
      return actual === expected;
    case "ne":
      return actual !== expected;
    case "co":
      return typeof actual === "string" && typeof expected === "string" && actual.includes(expected);
    case "sw":
      return typeof actual === "string" && typeof expected === "string" && actual.startsWith(expected);
    case "ew":
      return typeof actual === "string" && typeof expected === "string" && actual.endsWith(expected);
    case "gt":
      return compareKeys(actual, expected) > 0;
    case "ge":
      return compareKeys(actual, expected) >= 0;
    case "lt":
      return compareKeys(actual, expected) < 0;
    case "le":
      return compareKeys(actual, expected) <= 0;
  }
}

/**
 * Compares two values of the attribute `leaf`; undefined when either has no key (absent, wrong JSON
 * type, complex).
 */
export function compareValues(
  a: JsonValue | undefined,
  b: JsonValue | undefined,
  leaf: AttributeDefinition,
): -1 | 0 | 1 | undefined {
  const ka = comparisonKey(a, leaf);
  const kb = comparisonKey(b, leaf);
  return ka === undefined || kb === undefined ? undefined : compareKeys(ka, kb);
}
