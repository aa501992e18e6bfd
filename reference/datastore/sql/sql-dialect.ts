// The few places where SQLite and PostgreSQL differ, behind one small interface (kysely's dialect
// pattern, STYLE.md §1-2): placeholders, JSON access, substring tests, the live entry count, and
// insert-or-ignore/upsert. Everything else, the table layout and the whole filter and paging logic, is
// shared SQL in this folder.
//
// JSON access follows entry-values.ts exactly. A *slot* is one JSON value seen from SQL as a pair
// (value, type): the SQL value and the JSON type name ("null", "true", "false", "text", "array",
// "object", a number type, or SQL NULL when absent). Keys are those of the JS functions (store-key.ts),
// never a second implementation in SQL: SQLite calls back into JS; PostgreSQL reads keys that JS computed
// before the entry was written (postgres/postgres-key-document.ts).
import type { AttributeType } from "../../protocol/schema/schema-definition.js";
import type { StoreAttribute } from "../datastore.js";
import type { SqlFragment } from "./sql-fragment.js";

export interface JsonSlot {
  readonly value: SqlFragment;
  readonly type: SqlFragment;
}

/** A FROM source over the elements of a JSON array, with the condition that guards it. */
export interface JsonElements {
  readonly from: SqlFragment;
  readonly where: SqlFragment;
  readonly element: JsonSlot;
}

export interface KeySpec {
  readonly type: AttributeType;
  readonly caseExact: boolean;
}

export interface SqlDialect {
  readonly name: string;
  /** The text of the n-th (1-based) parameter: `?` for SQLite, `$n` for PostgreSQL. */
  placeholder(n: number): string;

  /** The column of entry row `alias` that the JSON functions below read (`doc` itself, or a key document). */
  document(alias: string): SqlFragment;
  /** The value at `path` (attribute names, outermost first) inside the JSON document `doc`. */
  jsonAt(doc: SqlFragment, path: readonly string[]): JsonSlot;
  /** The elements of the array at `name`: a bare scalar is one element, an object none (entry-values.ts). */
  jsonElements(doc: SqlFragment, name: string, alias: string): JsonElements;
  /** Member `name` of a slot that holds an object; absent (type NULL) for any other slot. */
  jsonMember(slot: JsonSlot, name: string): JsonSlot;
  /** The comparison key of a slot (store-key.ts `storeKey`), NULL when it has none. */
  jsonKey(slot: JsonSlot, spec: KeySpec): SqlFragment;
  /** RFC 7644 §3.4.2.2 `pr` of a slot (entry-values.ts `isPresentValue`), as a never-NULL boolean. */
  jsonPresent(slot: JsonSlot): SqlFragment;
  /** The comparison key of the stored member display (RFC 7643 §4.2) of entry row `alias`, NULL for none. */
  displayKey(alias: string, spec: KeySpec): SqlFragment;
  /** The RFC 7644 §3.4.2.3 sort key of a document (entry-values.ts `sortKeyOf`), NULL when missing. */
  sortKey(doc: SqlFragment, attr: StoreAttribute): SqlFragment;

  /** `key` contains `operand` (co). Never LIKE in SQLite: it folds ASCII case and would disagree with JS. */
  contains(key: SqlFragment, operand: string): SqlFragment;
  /** `key` ends with `operand` (ew). */
  endsWith(key: SqlFragment, operand: string): SqlFragment;

  /**
   * A statement whose one row has column `n`, the number of live entries of a scope, without walking
   * them: an unfiltered listing's total (SQLite keeps one counter per scope; PostgreSQL sums sharded
   * counters so that concurrent creates from several processes do not queue on one row).
   */
  countEntries(scopeId: number): SqlFragment;

  /** INSERT that does nothing when the row exists (membership adds are idempotent). */
  insertIgnore(table: string, columns: readonly string[], values: readonly SqlFragment[]): SqlFragment;
  /** INSERT that replaces `updateColumns` when a row with the same `conflictColumns` exists. */
  upsert(
    table: string,
    columns: readonly string[],
    values: readonly SqlFragment[],
    conflictColumns: readonly string[],
    updateColumns: readonly string[],
  ): SqlFragment;
}
