// When two values of a multi-valued attribute are "the same" for RFC 7643 §2.4: a service provider
// "SHOULD NOT return the same (type, value) combination more than once per attribute, as this situation
// has no meaning". The pair is case-folded unless caseExact, and compared also when one or both parts
// are absent (two "home" addresses carry the same pair, so some servers keep only one); a complex
// attribute with neither sub-attribute is identified by all its data.
import type { JsonObject } from "../json/json.js";
import { getCi } from "../json/json.js";
import type { AttributeDef } from "../schema-model/schema-model.js";
import { findAttribute } from "../schema-model/schema-model.js";

function fold(v: unknown, caseExact: boolean): unknown {
  return typeof v === "string" ? (caseExact ? v.normalize("NFC") : v.normalize("NFC").toLowerCase()) : v;
}

export function typeValueKey(attr: AttributeDef, value: unknown): string {
  if (attr.type !== "complex") return JSON.stringify(fold(value, attr.caseExact));
  const valueSub = findAttribute(attr.subAttributes, "value");
  const typeSub = findAttribute(attr.subAttributes, "type");
  if (valueSub !== undefined || typeSub !== undefined) {
    return JSON.stringify([
      typeSub ? (fold(getCi(value, typeSub.name), typeSub.caseExact) ?? null) : null,
      valueSub ? (fold(getCi(value, valueSub.name), valueSub.caseExact) ?? null) : null,
    ]);
  }
  return JSON.stringify(
    Object.entries(value as JsonObject).map(([k, x]) => [k.toLowerCase(), fold(x, false)]),
  );
}

/**
 * A stricter identity for values the harness generates: by "value" alone when there is one (two values
 * with one address and different types invite servers to merge them), else by "type", else by all data.
 * Distinct keys here are always distinct (type, value) pairs.
 */
export function generatedValueKey(attr: AttributeDef, value: unknown): string {
  if (attr.type !== "complex") return typeValueKey(attr, value);
  const valueSub = findAttribute(attr.subAttributes, "value");
  const typeSub = findAttribute(attr.subAttributes, "type");
  const by = valueSub ?? typeSub;
  if (by === undefined) return typeValueKey(attr, value);
  return JSON.stringify(fold(getCi(value, by.name), by.caseExact) ?? null);
}
