// Normalised comparison keys (RFC 7644 §3.4.2.2: "caseExact" and the attribute type decide how values
// compare; §3.4.2.3: sorting follows the same rules). Every datastore compares *keys*, never raw values:
// the in-memory matcher compares them in JS, and the SQL stores put the very same strings, computed in
// JS, into their index columns. SQL and matcher therefore agree on case folding, dateTime instants and
// number order by construction.
//
// A key is a string whose code-point order is the value order of its type:
// - string/reference/binary: the value, lower-cased per code point unless caseExact;
// - boolean: "0" (false) or "1" (true);
// - integer/decimal: 16 hex digits of the IEEE 754 bits, sign-adjusted so text order is numeric order;
// - dateTime: the instant in UTC, `YYYY-MM-DDTHH:mm:ss.sssZ`, so "+02:00" and "Z" spellings of one
//   instant are equal (RFC 7643 §2.3.5), with millisecond precision.
import type { AttributeType } from "../protocol/schema/schema-definition.js";
import type { EntryValue } from "./datastore.js";

/** Attribute types whose values are text and support co/sw/ew (RFC 7644 §3.4.2.2). */
export function isTextType(type: AttributeType): boolean {
  return type === "string" || type === "reference" || type === "binary";
}

/** Attribute types for which gt/ge/lt/le are defined (RFC 7644 §3.4.2.2 rejects boolean and binary). */
export function isOrderedType(type: AttributeType): boolean {
  return (
    type === "string" ||
    type === "reference" ||
    type === "integer" ||
    type === "decimal" ||
    type === "dateTime"
  );
}

// Lower-casing one code point at a time keeps folding context-free: "ΑΣ".toLowerCase() ends in the final
// sigma "ς" while "ΑΣΑ" folds to "ασα", so whole-string folding would break `sw` on a prefix.
const nonAscii = /[^\u0020-\u007e]/;
export function foldCase(text: string): string {
  if (!nonAscii.test(text)) return text.toLowerCase();
  let folded = "";
  for (const ch of text) folded += ch.toLowerCase();
  return folded;
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

// RFC 3339 date-time (xsd:dateTime as RFC 7643 §2.3.5 names it); a missing offset is read as UTC rather
// than as the server's local time so that the key never depends on where the server runs.
const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** The instant a dateTime string names, in UTC milliseconds, or undefined when it is not one. */
export function parseDateTime(text: string): number | undefined {
  const m = dateTimePattern.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", , sign, oh = "0", om = "0"] = m;
  const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  const [year, month, day, hour, minute, second] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return undefined;
  }
  const ms = Number(frac.padEnd(3, "0").slice(0, 3)); // truncate, never round, beyond milliseconds
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, Math.min(second, 59), ms);
  if (date.getUTCDate() !== day) return undefined; // 2023-02-30 rolls over: not a date
  const utc = date.getTime();
  const offset = sign === undefined ? 0 : (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return utc - offset;
}

export function dateTimeKey(ms: number): string {
  return new Date(ms).toISOString();
}

/** The comparison key of one stored or literal value, or undefined when it is not a value of `type`. */
export function storeKey(
  value: EntryValue | undefined,
  type: AttributeType,
  caseExact: boolean,
): string | undefined {
  switch (type) {
    case "string":
    case "reference":
    case "binary":
      return typeof value === "string" ? (caseExact ? value : foldCase(value)) : undefined;
    case "boolean":
      return typeof value === "boolean" ? (value ? "1" : "0") : undefined;
    case "integer":
    case "decimal":
      return typeof value === "number" && Number.isFinite(value) ? encodeNumber(value) : undefined;
    case "dateTime": {
      if (typeof value !== "string") return undefined;
      const ms = parseDateTime(value);
      return ms === undefined || Number.isNaN(ms) ? undefined : dateTimeKey(ms);
    }
    case "complex":
      return undefined;
  }
}

/** Code-point order: what SQL's binary collation gives for UTF-8 text (JS `<` compares UTF-16 units). */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
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
