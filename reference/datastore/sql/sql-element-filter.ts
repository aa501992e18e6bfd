// How a filter reads inside one element: the element of a value filter (RFC 7644 §3.4.2.2 valuePath), a
// member row (RFC 7643 §4.2 `members`) or a group of the closure (§4.1.2 `groups`). Each context says how
// its attributes read in SQL (an ElementAccess); comparisons are key conditions on those expressions.
import type { CompareNode } from "../../protocol/filter/filter-node.js";
import { visitFilter } from "../../protocol/filter/filter-node.js";
import type { StoreAttribute, StoreFilter } from "../datastore.js";
import { type KeyOperator, keySatisfies, operandKey } from "../filter-operand.js";
import { prefixUpperBound, storeKey } from "../store-key.js";
import type { SqlDialect } from "./sql-dialect.js";
import { join, type SqlFragment, sql, sqlFalse } from "./sql-fragment.js";

export const not = (f: SqlFragment) => sql`NOT (${f})`;
/** Comparisons on nullable expressions are made two-valued, so that NOT never meets SQL's unknown. */
export const isTrue = (f: SqlFragment) => sql`(${f}) IS TRUE`;

export function inList(column: SqlFragment, values: readonly number[]): SqlFragment {
  if (values.length === 0) return sqlFalse;
  return sql`${column} IN (${join(
    values.map((v) => sql`${v}`),
    ", ",
  )})`;
}

/** Which of the given texts (resource type names, "direct"/"indirect") satisfy a comparison. */
export function textsMatching(
  texts: readonly string[],
  attr: StoreAttribute,
  op: KeyOperator,
  operand: string,
) {
  return texts.filter((text) => {
    const key = storeKey(text, attr.type, attr.caseExact);
    return key !== undefined && keySatisfies(op, key, operand);
  });
}

/** The SQL of `key op operand` over comparison keys (filter-operand.ts `keySatisfies`). */
export function keyCondition(d: SqlDialect, key: SqlFragment, op: KeyOperator, operand: string): SqlFragment {
  switch (op) {
    case "eq":
      return sql`${key} = ${operand}`;
    case "gt":
      return sql`${key} > ${operand}`;
    case "ge":
      return sql`${key} >= ${operand}`;
    case "lt":
      return sql`${key} < ${operand}`;
    case "le":
      return sql`${key} <= ${operand}`;
    case "sw": {
      // A prefix is a key range, so `sw` on an indexed attribute is an index range scan.
      const upper = prefixUpperBound(operand);
      return upper === undefined
        ? sql`${key} >= ${operand}`
        : sql`(${key} >= ${operand} AND ${key} < ${upper})`;
    }
    case "co":
      return d.contains(key, operand);
    case "ew":
      return d.endsWith(key, operand);
  }
}

/** How one element-level attribute reads in SQL: a key expression and a presence test. */
export interface ElementAccess {
  /** The key expression; `nullable` false for NOT NULL columns, whose comparisons then stay sargable. */
  key(attr: StoreAttribute): { readonly expr: SqlFragment; readonly nullable: boolean } | undefined;
  present(attr: StoreAttribute): SqlFragment;
  /** For attributes whose value is a fixed text per row (member type, group relation type). */
  choice?(attr: StoreAttribute, op: KeyOperator, operand: string): SqlFragment | undefined;
}

function elementCompare(d: SqlDialect, n: CompareNode<StoreAttribute>, access: ElementAccess): SqlFragment {
  const { attr, op, value } = n;
  if (value === null) return op === "eq" ? not(access.present(attr)) : access.present(attr);
  if (op === "ne") return not(elementCompare(d, { ...n, op: "eq" }, access));
  const operand = operandKey(attr, op, value);
  const choice = access.choice?.(attr, op, operand);
  if (choice !== undefined) return choice;
  const key = access.key(attr);
  if (key === undefined) return sqlFalse;
  const condition = keyCondition(d, key.expr, op, operand);
  return key.nullable ? isTrue(condition) : condition;
}

/** An inner filter evaluated against one element. */
export function elementFilter(d: SqlDialect, filter: StoreFilter, access: ElementAccess): SqlFragment {
  return visitFilter<StoreAttribute, SqlFragment>(filter, {
    compare: (n) => elementCompare(d, n, access),
    present: (n) => access.present(n.attr),
    and: (n) => sql`(${elementFilter(d, n.left, access)} AND ${elementFilter(d, n.right, access)})`,
    or: (n) => sql`(${elementFilter(d, n.left, access)} OR ${elementFilter(d, n.right, access)})`,
    not: (n) => not(elementFilter(d, n.operand, access)),
    valuePath: () => sqlFalse, // refused by validateStoreFilter
  });
}
