// Validates one comparison of a StoreFilter and turns its literal into a comparison key. Every datastore
// calls this before it looks at any data, so an invalid filter fails the same way on every backend and
// whether or not anything would have matched (RFC 7644 §3.4.2.2, §3.12 `invalidFilter`).

import { badRequest } from "../protocol/errors/scim-error.js";
import type { CompareOperator, FilterValue } from "../protocol/filter/filter-node.js";
import type { StoreAttribute } from "./datastore.js";
import { attributeLabel } from "./entry-values.js";
import { compareKeys, isOrderedType, isTextType, storeKey } from "./store-key.js";

/** The comparison a compare node asks for once `ne` and `null` literals have been rewritten away. */
export type KeyOperator = Exclude<CompareOperator, "ne">;

export function operandKey(attr: StoreAttribute, op: KeyOperator, value: Exclude<FilterValue, null>): string {
  const label = attributeLabel(attr);
  if ((op === "co" || op === "sw" || op === "ew") && !isTextType(attr.type)) {
    throw badRequest("invalidFilter", `"${op}" needs a string attribute; ${label} is ${attr.type}`);
  }
  // RFC 7644 §3.4.2.2: gt/ge/lt/le on boolean or binary attributes SHALL be rejected.
  if ((op === "gt" || op === "ge" || op === "lt" || op === "le") && !isOrderedType(attr.type)) {
    throw badRequest("invalidFilter", `"${op}" is not defined for ${attr.type} attribute ${label}`);
  }
  const key = storeKey(value, attr.type, attr.caseExact);
  if (key === undefined) {
    throw badRequest(
      "invalidFilter",
      `${JSON.stringify(value)} is not a valid ${attr.type} value for ${label}`,
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
