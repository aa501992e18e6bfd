// Validates one comparison of a StoreFilter and turns its literal into a comparison key. Every datastore
// calls this before it looks at any data, so an invalid filter fails the same way on every backend and
// whether or not anything would have matched (RFC 7644 §3.4.2.2, §3.12 `invalidFilter`).

import { badRequest } from "../protocol/errors/scim-error.js";
import type { CompareOperator, FilterValue } from "../protocol/filter/filter-node.js";
import { comparisonProblem } from "../protocol/filter/filter-type-rules.js";
import type { StoreAttribute } from "./datastore.js";
import { attributeLabel } from "./entry-values.js";
import { compareKeys, leafDefinition, storeKey } from "./store-key.js";

/** The comparison a compare node asks for once `ne` and `null` literals have been rewritten away. */
export type KeyOperator = Exclude<CompareOperator, "ne">;

export function operandKey(attr: StoreAttribute, op: KeyOperator, value: Exclude<FilterValue, null>): string {
  // The resolver already refuses these (filter-type-rules.ts); a datastore checks again because a
  // mapping may build store filters itself, and an unchecked literal would silently match nothing.
  const problem = comparisonProblem(
    leafDefinition(attr.type, attr.caseExact),
    op,
    value,
    attributeLabel(attr),
  );
  const key = problem === undefined ? storeKey(value, attr.type, attr.caseExact) : undefined;
  if (key === undefined) {
    throw badRequest(
      "invalidFilter",
      problem ?? `${JSON.stringify(value)} cannot be compared with ${attributeLabel(attr)}`,
    );
  }
  return key;
}

/** `attr op null` means absence for eq and presence for ne; no other operator takes null. */
export function assertNullOperator(attr: StoreAttribute, op: CompareOperator): asserts op is "eq" | "ne" {
  if (op !== "eq" && op !== "ne") {
    throw badRequest("invalidFilter", `"${op}" cannot compare ${attributeLabel(attr)} with null`);
  }
}

/** The in-memory meaning of a key comparison; SQL compilers emit the same tests over key columns. */
export function keySatisfies(op: KeyOperator, key: string, operand: string): boolean {
  switch (op) {
    case "eq":
      return key === operand;
    case "co":
      return key.includes(operand);
    case "sw":
      return key.startsWith(operand);
    case "ew":
      return key.endsWith(operand);
    case "gt":
      return compareKeys(key, operand) > 0;
    case "ge":
      return compareKeys(key, operand) >= 0;
    case "lt":
      return compareKeys(key, operand) < 0;
    case "le":
      return compareKeys(key, operand) <= 0;
  }
}

/** The engine-owned attributes a filter or sort may name (datastore.ts `StoreAttribute`). */
export const engineAttributeNames = ["id", "meta.created", "meta.lastModified", "members", "groups"] as const;
export type EngineAttributeName = (typeof engineAttributeNames)[number];

export function engineAttributeName(attr: StoreAttribute): EngineAttributeName {
  const found = engineAttributeNames.find((n) => n === attr.name);
  if (found === undefined) {
    throw badRequest("invalidFilter", `${attributeLabel(attr)} is not a filterable engine attribute`);
  }
  return found;
}

/**
 * Sorting (RFC 7644 §3.4.2.3) needs one value per entry: the engine's member lists have none, so every
 * store refuses them alike rather than each picking its own order.
 */
export function assertSortable(attr: StoreAttribute): void {
  const engineFields: readonly string[] = ["id", "meta.created", "meta.lastModified"];
  if (attr.source === "engine" && !engineFields.includes(attr.name)) {
    throw badRequest("invalidValue", `results cannot be sorted by ${attributeLabel(attr)}`);
  }
}
