// Entry rows: the columns of `entries` and their StoredEntry form. The meta instants are stored as
// dateTime comparison keys (UTC, nanoseconds; compare-values.ts), so `meta.lastModified gt …` compares
// the column directly, and are returned with the millisecond precision EntryMeta promises.
import type { EntryAttributes, StoredEntry } from "../datastore.js";
import { storeKey } from "../store-key.js";
import { type PostgresConnection, statement } from "./postgres-connection.js";
import type { ScopeEntry } from "./postgres-scopes.js";

export interface EntryRow {
  readonly pk: number;
  readonly id: string;
  readonly doc: string;
  readonly display: string | null;
  readonly password_hash: string | null;
  readonly created: string;
  readonly modified: string;
  readonly version: number;
}

export function instantKey(date: Date): string {
  const key = storeKey(date.toISOString(), "dateTime", false);
  if (key === undefined)
    throw new Error(`the clock returned an instant outside years 0000-9999: ${date.toISOString()}`);
  return key;
}

/** `2024-05-01T10:00:00.123456789Z` → `2024-05-01T10:00:00.123Z`. */
export function instantFromKey(key: string): string {
  return `${key.slice(0, 23)}Z`;
}

export function storedEntry(
  row: Pick<EntryRow, "id" | "doc" | "created" | "modified" | "version">,
  resourceType: string,
): StoredEntry {
  return {
    id: row.id,
    resourceType,
    meta: {
      created: instantFromKey(row.created),
      lastModified: instantFromKey(row.modified),
      version: row.version,
    },
    attributes: JSON.parse(row.doc) as EntryAttributes,
  };
}

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
