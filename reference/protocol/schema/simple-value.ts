// Type checks of single simple values (RFC 7643 §2.3.1–§2.3.7). Values are checked, never coerced: a
// string "True" for a boolean is an error here, and the Entra compatibility layer rewrites it before
// validation when that layer is on.
import { dateTimeKey } from "../filter/date-time.js";
import type { AttributeType } from "./schema-definition.js";
import { isXsdDateTime } from "./xsd-date-time.js";

/** RFC 4648 §4 base64 with padding; no whitespace or line breaks (RFC 4648 §3.3: reject non-alphabet). */
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * RFC 3986 URI-reference, absolute or relative (RFC 7643 §8.3 itself uses "../Users/…"). Characters
 * outside RFC 3986 are allowed only when they are non-ASCII (RFC 3987 IRIs, which clients produce for
 * internationalised paths); spaces, controls and `<>"{}|\^\`` are not.
 */
const uriChars = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2}|[\u00a0-\u{10ffff}])+$/u;
const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/;

function isUriReference(value: string): boolean {
  if (!uriChars.test(value)) return false;
  // A relative reference may not start with a segment holding ":" (RFC 3986 §4.2 path-noscheme).
  const firstSegment = value.split(/[/?#]/, 1)[0] ?? "";
  return !firstSegment.includes(":") || scheme.test(value);
}

/** What a simple type requires, for the error message. Complex is checked by the caller. */
const expectations: Record<Exclude<AttributeType, "complex">, string> = {
  string: "a string (RFC 7643 §2.3.1)",
  boolean: "a JSON boolean true or false (RFC 7643 §2.3.2)",
  decimal: "a JSON number (RFC 7643 §2.3.3)",
  integer: "a JSON number with no fractional part, within ±(2^53-1) (RFC 7643 §2.3.4)",
  dateTime:
    'an xsd:dateTime string between years 0000 and 9999, such as "2015-09-30T04:56:22Z" (RFC 7643 §2.3.5)',
  binary: "a base64 string (RFC 7643 §2.3.6, RFC 4648 §4)",
  reference: "a non-empty URI reference (RFC 7643 §2.3.7, RFC 3986)",
};

/** Undefined when `value` is a valid value of the simple `type`, else what was expected instead. */
export function simpleValueProblem(
  type: Exclude<AttributeType, "complex">,
  value: unknown,
): string | undefined {
  let ok: boolean;
  switch (type) {
    case "string":
      ok = typeof value === "string";
      break;
    case "boolean":
      ok = typeof value === "boolean";
      break;
    case "decimal":
      ok = typeof value === "number" && Number.isFinite(value);
      break;
    case "integer":
      // JSON.parse already turned 1.0 and 1e3 into 1 and 1000; what remains checkable is the value. Integers
      // beyond 2^53 cannot be stored or compared exactly, so they are refused rather than silently rounded.
      ok = typeof value === "number" && Number.isSafeInteger(value);
      break;
    case "dateTime":
      // Both the xsd lexical form and a comparison key: a stored dateTime that filters and sorting could
      // not place in time (a year beyond 9999 UTC) would silently never match.
      ok = typeof value === "string" && isXsdDateTime(value) && dateTimeKey(value) !== undefined;
      break;
    case "binary":
      ok = typeof value === "string" && base64.test(value);
      break;
    case "reference":
      ok = typeof value === "string" && value !== "" && isUriReference(value);
      break;
  }
  return ok ? undefined : expectations[type];
}

/** A short description of a JSON value for error messages; never echoes long or secret-looking strings. */
export function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return value.length > 40 ? "a long string" : JSON.stringify(value);
  return String(value);
}
