// Writes of entry_keys rows (sql/index-rows.ts). An update deletes and inserts only the rows that changed,
// so renaming a user touches one row; rows are deleted by their full primary key, computed from the
// stored document, so no statement scans a scope's index.
import { ScimError } from "../../protocol/errors/scim-error.js";
import { type IndexRow, rowIdentity } from "../sql/index-rows.js";
import { sql } from "../sql/sql-fragment.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { translateSqliteError } from "./sqlite-error-map.js";

export interface IndexScope {
  readonly scopeId: number;
  readonly resourceType: string;
}

function uniquenessDetail(attr: string, resourceType: string): string {
  return `${attr} is already used by another ${resourceType}`;
}

/** The 409 the unique index gives (RFC 7644 §3.3), for a value found taken before inserting it. */
export function conflictOn(attr: string, resourceType: string): ScimError {
  return new ScimError(409, "uniqueness", uniquenessDetail(attr, resourceType));
}

/** Whether a unique key is held by an entry of the scope (the partial index entry_keys_unique). */
export function uniqueTaken(conn: SqliteConnection, scopeId: number, attr: string, key: string): boolean {
  return (
    conn.get(
      sql`SELECT 1 AS taken FROM entry_keys WHERE scope = ${scopeId} AND attr = ${attr} AND key = ${key} AND uniq = 1`,
    ) !== undefined
  );
}

export function insertIndexRows(
  conn: SqliteConnection,
  scope: IndexScope,
  entry: number,
  rows: readonly IndexRow[],
) {
  for (const row of rows) {
    try {
      conn.run(
        sql`INSERT INTO entry_keys (scope, attr, rank, key, entry, sorted, uniq) VALUES (${scope.scopeId}, ${row.attr}, ${row.rank}, ${row.key}, ${entry}, ${row.sorted}, ${row.uniq})`,
      );
    } catch (error) {
      // RFC 7644 §3.3: 409 uniqueness, naming the attribute (never the other resource).
      throw translateSqliteError(error, uniquenessDetail(row.attr, scope.resourceType));
    }
  }
}

export function deleteIndexRows(
  conn: SqliteConnection,
  scope: IndexScope,
  entry: number,
  rows: readonly IndexRow[],
) {
  for (const row of rows) {
    conn.run(
      sql`DELETE FROM entry_keys WHERE scope = ${scope.scopeId} AND attr = ${row.attr} AND rank = ${row.rank} AND key = ${row.key} AND entry = ${entry}`,
    );
  }
}

/** Replaces `before` by `after`: deletes first, so a row whose flags changed can be inserted again. */
export function updateIndexRows(
  conn: SqliteConnection,
  scope: IndexScope,
  entry: number,
  before: readonly IndexRow[],
  after: readonly IndexRow[],
): void {
  const kept = new Set(before.map(rowIdentity));
  const wanted = new Set(after.map(rowIdentity));
  deleteIndexRows(
    conn,
    scope,
    entry,
    before.filter((r) => !wanted.has(rowIdentity(r))),
  );
  insertIndexRows(
    conn,
    scope,
    entry,
    after.filter((r) => !kept.has(rowIdentity(r))),
  );
}
