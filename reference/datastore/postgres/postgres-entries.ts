// Reading entry rows from PostgreSQL; the row model and its StoredEntry form are shared with SQLite
// (../sql/entry-row.ts) and re-exported here for the PostgreSQL modules.
import type { EntryRow } from "../sql/entry-row.js";
import { type PostgresConnection, statement } from "./postgres-connection.js";
import type { ScopeEntry } from "./postgres-scopes.js";

export { type EntryRow, instantFromKey, instantKey, storedEntry, writtenEntry } from "../sql/entry-row.js";

const columns = "pk, id, doc, display, password_hash, created, modified, version";
const findById = statement(`SELECT ${columns} FROM entries WHERE scope = $1 AND id = $2`);
// FOR UPDATE: a writer holds the entry until it commits, so concurrent writers (any process) queue here
// and each reads the version the previous one wrote; If-Match is then checked against the latest version.
const lockById = statement(`SELECT ${columns} FROM entries WHERE scope = $1 AND id = $2 FOR UPDATE`);

export function findEntry(
  conn: PostgresConnection,
  scope: ScopeEntry,
  id: string,
): Promise<EntryRow | undefined> {
  return conn.row<EntryRow>(findById, [scope.scopeId, id]);
}

export function lockEntry(
  conn: PostgresConnection,
  scope: ScopeEntry,
  id: string,
): Promise<EntryRow | undefined> {
  return conn.row<EntryRow>(lockById, [scope.scopeId, id]);
}
