// Reading entry rows from SQLite; the row model and its StoredEntry form are shared with PostgreSQL
// (../sql/entry-row.ts) and re-exported here for the SQLite modules.
import type { EntryRow } from "../sql/entry-row.js";
import { sql } from "../sql/sql-fragment.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import type { ScopeEntry } from "./sqlite-scopes.js";

export { type EntryRow, instantFromKey, instantKey, storedEntry, writtenEntry } from "../sql/entry-row.js";

export function findEntry(conn: SqliteConnection, scope: ScopeEntry, id: string): EntryRow | undefined {
  return conn.get<EntryRow>(
    sql`SELECT pk, id, doc, display, password_hash, created, modified, version FROM entries WHERE scope = ${scope.scopeId} AND id = ${id}`,
  );
}
