// Whether two values of one attribute are "the same" in the schema's sense, for the immutable rule
// (RFC 7644 §3.5.1: "the input value(s) MUST match"). Simple values are equal exactly when a filter `eq`
// would say so (filter/compare-values.ts: caseExact-aware strings, dateTimes as instants, references and
// binary case exact); multi-valued attributes compare as unordered collections (RFC 7643 §2.4 gives values
// no order); complex values sub-attribute by sub-attribute, with absent = null = [] (RFC 7643 §2.5).
import { comparisonKey } from "../filter/compare-values.js";
import type { JsonValue } from "../resource/json.js";
import { isJsonObject } from "../resource/json.js";
import type { AttributeDefinition } from "./schema-definition.js";

const absent = (v: JsonValue | undefined) =>
  v === undefined || v === null || (Array.isArray(v) && v.length === 0);

export function sameValue(
  def: AttributeDefinition,
  a: JsonValue | undefined,
  b: JsonValue | undefined,
): boolean {
  if (absent(a) || absent(b)) return absent(a) && absent(b);
  if (def.multiValued) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const unmatched = [...b];
    for (const item of a) {
      const at = unmatched.findIndex((other) => sameSingle(def, item, other));
      if (at < 0) return false;
      unmatched.splice(at, 1);
    }
    return true;
  }
  return sameSingle(def, a, b);
}

function sameSingle(def: AttributeDefinition, a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (def.type === "complex") {
    if (!isJsonObject(a) || !isJsonObject(b)) return false;
    return (def.subAttributes ?? []).every((sub) => sameValue(sub, a[sub.name], b[sub.name]));
  }
  const ka = comparisonKey(a, def);
  return ka !== undefined ? ka === comparisonKey(b, def) : a === b;
}
