// What an entry's attributes become in the columns of `entries` and `entry_keys`: the document as
// written, its key document, the member display and its keys, and the index rows (sql/index-rows.ts).
// All keys come from JS (store-key.ts), before anything reaches PostgreSQL.
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { EntryAttributes } from "../datastore.js";
import { type CompiledPlan, displayFor, type IndexRow, indexRows } from "../sql/index-rows.js";
import { nulRefused } from "./postgres-connection.js";
import type { PgParam } from "./postgres-datastore-config.js";
import { containsNul, displayKeys, keyDocument } from "./postgres-key-document.js";

export interface EntryColumns {
  readonly doc: string;
  readonly keydoc: string;
  readonly display: string | null;
  readonly displayKeys: string | null;
  readonly indexRows: readonly IndexRow[];
}

export function entryColumns(compiled: CompiledPlan, attributes: EntryAttributes): EntryColumns {
  const display = displayFor(compiled, attributes);
  return {
    doc: JSON.stringify(attributes),
    keydoc: keyDocument(attributes),
    display,
    displayKeys: displayKeys(display),
    indexRows: indexRows(compiled, attributes),
  };
}

/** A B-tree entry holds about 2,700 bytes (a third of a page); the key shares it with scope, attr, pk. */
export const maxKeyBytes = 2000;

/**
 * What PostgreSQL would refuse, refused up front with a clear 400 rather than a database error halfway
 * through a write (which would also abort a caller's whole transaction): U+0000, which PostgreSQL text
 * cannot hold (SQLite and the memory store can), and index keys longer than a B-tree entry may be.
 */
export function assertStorable(columns: EntryColumns, attributes: EntryAttributes): void {
  if (containsNul(attributes)) throw nulRefused();
  const long = columns.indexRows.find((r) => Buffer.byteLength(r.key) > maxKeyBytes);
  if (long !== undefined) {
    throw badRequest(
      "invalidValue",
      `${long.attr} is indexed, and an indexed value may be at most ${maxKeyBytes} bytes in the PostgreSQL datastore`,
    );
  }
}

/** Index rows as the column arrays that `unnest(...)` inserts in one statement. */
export function indexRowColumns(rows: readonly (IndexRow & { readonly entry: number })[]): PgParam[] {
  return [
    rows.map((r) => r.attr),
    rows.map((r) => r.rank),
    rows.map((r) => r.key),
    rows.map((r) => r.entry),
    rows.map((r) => r.sorted),
    rows.map((r) => r.uniq),
  ];
}
