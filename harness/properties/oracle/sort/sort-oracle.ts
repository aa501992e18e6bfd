// The sort oracle (RFC 7644 §3.4.2.3): the key a resource sorts by (for a multi-valued attribute "the
// value of the primary attribute value, if any, or else the first value in the list, if any"), the
// order of two keys (caseExact-aware, values/scalar.ts) with "no data" last ascending and first
// descending, and the pairs of a returned list that are out of order. Ties may come in any order: the
// RFC does not define a secondary key.
import type { JsonObject } from "../../json/json.js";
import { getCi, isObject, isUnassigned } from "../../json/json.js";
import { attributeValue } from "../../schema-model/resource-access.js";
import type { AttributeDef, ResolvedPath } from "../../schema-model/schema-model.js";
import { findAttribute } from "../../schema-model/schema-model.js";
import { scalarOrder } from "../../values/scalar.js";

export type SortOrder = "ascending" | "descending";

export type SortKey =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "missing" }
  /** Readings of the RFC disagree on the key (the primary value lacks the sub-attribute, another has it). */
  | { readonly kind: "open" };

/** The attribute whose values are compared: the sub-attribute, or "value" of a complex attribute. */
export function sortAttribute(resolved: ResolvedPath): AttributeDef {
  if (resolved.sub !== undefined) return resolved.sub;
  if (resolved.attribute.type === "complex")
    return findAttribute(resolved.attribute.subAttributes, "value") ?? resolved.attribute;
  return resolved.attribute;
}

export function sortKey(resource: JsonObject, resolved: ResolvedPath): SortKey {
  const top = attributeValue(resource, resolved);
  const attr = resolved.attribute;
  const leaf = sortAttribute(resolved);
  const pick = (element: unknown): unknown => (attr.type === "complex" ? getCi(element, leaf.name) : element);
  if (!attr.multiValued) {
    const v = pick(top);
    return isUnassigned(v) ? { kind: "missing" } : { kind: "value", value: v };
  }
  const elements = (Array.isArray(top) ? top : isUnassigned(top) ? [] : [top]).filter(
    (e) => !isUnassigned(e),
  );
  if (elements.length === 0) return { kind: "missing" };
  const primary =
    attr.type === "complex" ? elements.find((e) => isObject(e) && getCi(e, "primary") === true) : undefined;
  const chosen = primary ?? elements[0];
  const v = pick(chosen);
  if (!isUnassigned(v)) return { kind: "value", value: v };
  // The chosen value has no such sub-attribute but another value has: "the first value" may be read as
  // the first value that has one.
  return elements.some((e) => !isUnassigned(pick(e))) ? { kind: "open" } : { kind: "missing" };
}

/** Ascending order of two keys: -1, 0 (tie), 1, or "open" when the RFC allows either. */
export function compareKeys(leaf: AttributeDef, a: SortKey, b: SortKey): -1 | 0 | 1 | "open" {
  if (a.kind === "open" || b.kind === "open") return "open";
  if (a.kind === "missing" || b.kind === "missing") {
    // "if there is no data for the specified sortBy value, they are sorted via the sortOrder parameter,
    // i.e., they are ordered last if ascending and first if descending."
    return a.kind === b.kind ? 0 : a.kind === "missing" ? 1 : -1;
  }
  const order = scalarOrder(leaf, a.value, b.value);
  if (order === "unknown" || order === "incomparable") return "open";
  return order;
}

export interface OrderViolation {
  /** Positions in the returned list: `earlier` came before `later` but sorts after it. */
  readonly earlier: number;
  readonly later: number;
  readonly earlierKey: SortKey;
  readonly laterKey: SortKey;
}

/** Every pair of the returned list whose order contradicts sortBy/sortOrder (ties and open pairs are fine). */
export function orderViolations(
  resources: readonly JsonObject[],
  resolved: ResolvedPath,
  order: SortOrder,
): OrderViolation[] {
  const leaf = sortAttribute(resolved);
  const keys = resources.map((r) => sortKey(r, resolved));
  const out: OrderViolation[] = [];
  for (let i = 0; i < keys.length; i += 1) {
    for (let j = i + 1; j < keys.length; j += 1) {
      const a = keys[i] as SortKey;
      const b = keys[j] as SortKey;
      // Descending is the ascending order reversed, "no data" included.
      const c = order === "ascending" ? compareKeys(leaf, a, b) : compareKeys(leaf, b, a);
      if (c === 1) out.push({ earlier: i, later: j, earlierKey: a, laterKey: b });
    }
  }
  return out;
}

/** Sorts resources as the oracle would (ties in input order): for walks that compare whole sequences. */
export function oracleSort(
  resources: readonly JsonObject[],
  resolved: ResolvedPath,
  order: SortOrder,
): JsonObject[] {
  const leaf = sortAttribute(resolved);
  const keyed = resources.map((r, i) => ({ r, i, k: sortKey(r, resolved) }));
  keyed.sort((x, y) => {
    const c = order === "ascending" ? compareKeys(leaf, x.k, y.k) : compareKeys(leaf, y.k, x.k);
    return c === "open" || c === 0 ? x.i - y.i : c;
  });
  return keyed.map((x) => x.r);
}
