// Comparison keys as datastores store them. The semantics are the protocol's: compare-values.ts
// `comparisonKey` normalises a value for its attribute type (caseExact folding, dateTime instants in UTC,
// numbers) so that SQL index columns and the in-memory matcher agree byte for byte (RFC 7644 §3.4.2.2,
// §3.4.2.3). This file only gives every key one representation, text, so that one index column serves
// every attribute type in SQLite and PostgreSQL alike:
// - text keys (string, reference, binary, dateTime) are stored as they are;
// - number keys (integer, decimal, and boolean as 0/1) become 16 hex digits of their IEEE 754 bits,
//   sign-adjusted so that text order is numeric order.
// Text keys then compare in code point order (compareKeys), which is SQL's binary collation of UTF-8.
import { comparisonKey } from "../protocol/filter/compare-values.js";
import type { JsonValue } from "../protocol/resource/json.js";
import type { AttributeDefinition, AttributeType } from "../protocol/schema/schema-definition.js";
import type { EntryValue } from "./datastore.js";

export { compareKeys } from "../protocol/filter/compare-values.js";

function leaf(type: AttributeType, caseExact: boolean): AttributeDefinition {
  return Object.freeze({
    name: "value",
    type,
    multiValued: false,
    required: false,
    caseExact,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
  } satisfies AttributeDefinition);
}

const pair = (type: AttributeType) => [leaf(type, false), leaf(type, true)] as const;

/**
 * Every (type, caseExact) definition, made once. A key is computed for every scalar an entry writes;
 * building a string id per call to look the definition up was a fifth of PostgreSQL's key document (#8).
 */
const leaves: Readonly<Record<AttributeType, readonly [AttributeDefinition, AttributeDefinition]>> = {
  string: pair("string"),
  boolean: pair("boolean"),
  decimal: pair("decimal"),
  integer: pair("integer"),
  dateTime: pair("dateTime"),
  reference: pair("reference"),
  binary: pair("binary"),
  complex: pair("complex"),
};

/** The attribute definition compare-values needs: only `type` and `caseExact` affect a key. */
export function leafDefinition(type: AttributeType, caseExact: boolean): AttributeDefinition {
  // A type outside the schema vocabulary cannot come from a validated schema; it still gets a definition.
  return leaves[type]?.[caseExact ? 1 : 0] ?? leaf(type, caseExact);
}

const numberView = new DataView(new ArrayBuffer(8));
/** A fixed-width hex string whose text order is the numeric order of finite doubles. */
export function encodeNumber(n: number): string {
  numberView.setFloat64(0, n === 0 ? 0 : n); // -0 and 0 are one value
  let hi = numberView.getUint32(0);
  let lo = numberView.getUint32(4);
  if (hi & 0x80000000) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else {
    hi = (hi | 0x80000000) >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/** The stored comparison key of one value, or undefined when it has none (wrong JSON type, complex). */
export function storeKey(
  value: EntryValue | undefined,
  type: AttributeType,
  caseExact: boolean,
): string | undefined {
  const key = comparisonKey(value as JsonValue | undefined, leafDefinition(type, caseExact));
  return typeof key === "number" ? encodeNumber(key) : key;
}

/**
 * The exclusive upper bound of every key that starts with `prefix`, so that `sw` is the index range
 * `prefix <= key < upper`; undefined when no bound exists (an empty prefix, or only U+10FFFF).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = points.pop()?.codePointAt(0) ?? 0;
    if (last < 0x10ffff) {
      const next = last === 0xd7ff ? 0xe000 : last + 1; // skip the surrogate block: not valid UTF-8
      return points.join("") + String.fromCodePoint(next);
    }
  }
  return undefined;
}
