// The write side of the SQLite store. Each function runs synchronously inside one transaction or savepoint
// (sqlite-session.ts), so an entry, its index rows, its unique values and its members are written
// together or not at all. Version checks are compare-and-set in the UPDATE/DELETE itself (RFC 7644 §3.14),
// which stays correct when several processes share a database.
import { badRequest, notFound, preconditionFailed } from "../../protocol/errors/scim-error.js";
import type {
  DeleteMode,
  EntryChange,
  MemberRef,
  NewEntry,
  StoredEntry,
  WriteOptions,
} from "../datastore.js";
import { newEntryId } from "../entry-id.js";
import { displayFor, type IndexRow, indexRows } from "../sql/index-rows.js";
import { sql } from "../sql/sql-fragment.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { type EntryRow, findEntry, instantKey, writtenEntry } from "./sqlite-entries.js";
import {
  conflictOn,
  deleteIndexRows,
  insertIndexRows,
  uniqueTaken,
  updateIndexRows,
} from "./sqlite-index-writes.js";
import { addMembers, changeMembers } from "./sqlite-members.js";
import type { ConnectionScopes, ScopeEntry } from "./sqlite-scopes.js";

export interface WriteTarget {
  readonly scopes: ConnectionScopes;
  readonly scope: ScopeEntry;
  readonly now: Date;
}

function assertMembersAllowed(scope: ScopeEntry, refs: readonly MemberRef[]): void {
  if (refs.length > 0 && !scope.hasMembers) {
    throw badRequest("invalidValue", `${scope.resourceType} resources have no members`);
  }
}

export function createEntry(conn: SqliteConnection, target: WriteTarget, entry: NewEntry): StoredEntry {
  assertMembersAllowed(target.scope, entry.members ?? []);
  return insertEntry(conn, target, entry, indexRows(target.scope.compiled, entry.attributes));
}

/** Whether createUnguarded can check everything that may refuse `entry` before it writes. */
export function checkableUpFront(entry: NewEntry): boolean {
  // Member references are checked while they are inserted (sqlite-members.ts): those need a savepoint.
  return (entry.members?.length ?? 0) === 0;
}

/**
 * The checks of a create that may refuse it, made before anything is written, for a caller that runs the
 * create without a savepoint (sqlite-session.ts `writeUnguarded`): the members rule and the unique values,
 * looked up under the write lock this connection holds, so no other writer can take a value in between.
 * Returns the apply step, which writes and is not expected to fail.
 */
export function checkCreate(
  conn: SqliteConnection,
  target: WriteTarget,
  entry: NewEntry,
): (conn: SqliteConnection) => StoredEntry {
  const { scope } = target;
  assertMembersAllowed(scope, entry.members ?? []);
  const rows = indexRows(scope.compiled, entry.attributes);
  for (const row of rows) {
    if (row.uniq === 1 && uniqueTaken(conn, scope.scopeId, row.attr, row.key)) {
      // The same 409 the unique index gives (RFC 7644 §3.3), naming the attribute, never the other entry.
      throw conflictOn(row.attr, scope.resourceType);
    }
  }
  return (c) => insertEntry(c, target, entry, rows);
}

function insertEntry(
  conn: SqliteConnection,
  target: WriteTarget,
  entry: NewEntry,
  rows: readonly IndexRow[],
): StoredEntry {
  const { scope, scopes } = target;
  const now = instantKey(target.now);
  const id = newEntryId();
  const doc = JSON.stringify(entry.attributes);
  const inserted = conn.run(
    sql`INSERT INTO entries (scope, id, doc, display, password_hash, created, modified, version)
        VALUES (${scope.scopeId}, ${id}, ${doc}, ${displayFor(scope.compiled, entry.attributes)}, ${entry.passwordHash ?? null}, ${now}, ${now}, 1)`,
  );
  const pk = Number(inserted.lastInsertRowid);
  conn.run(sql`UPDATE scopes SET entry_count = entry_count + 1 WHERE scope = ${scope.scopeId}`);
  insertIndexRows(conn, scope, pk, rows);
  if (scope.hasMembers) addMembers(conn, scopes, pk, entry.members ?? []);
  return writtenEntry({ id, doc, created: now, modified: now, version: 1 }, scope.resourceType);
}

function existing(conn: SqliteConnection, scope: ScopeEntry, id: string, options: WriteOptions): EntryRow {
  const row = findEntry(conn, scope, id);
  if (row === undefined) throw notFound(`${scope.resourceType} ${id} not found`);
  if (options.ifVersion !== undefined && options.ifVersion !== row.version) {
    throw preconditionFailed(
      `${scope.resourceType} ${id} is at version ${row.version}, not ${options.ifVersion}`,
    );
  }
  return row;
}

export function updateEntry(
  conn: SqliteConnection,
  target: WriteTarget,
  id: string,
  change: EntryChange,
  options: WriteOptions,
): StoredEntry {
  const { scope, scopes } = target;
  const members = change.members;
  if (members !== undefined) assertMembersAllowed(scope, [...(members.replaceAll ?? []), ...members.add]);
  const row = existing(conn, scope, id, options);
  const now = instantKey(target.now);
  const doc = change.attributes === undefined ? row.doc : JSON.stringify(change.attributes);
  const display =
    change.attributes === undefined ? row.display : displayFor(scope.compiled, change.attributes);
  const passwordHash = change.passwordHash === undefined ? row.password_hash : change.passwordHash;
  const updated = conn.run(
    sql`UPDATE entries SET doc = ${doc}, display = ${display}, password_hash = ${passwordHash}, modified = ${now}, version = version + 1
        WHERE pk = ${row.pk} AND version = ${row.version}`,
  );
  if (updated.changes !== 1) throw preconditionFailed(`${scope.resourceType} ${id} was changed concurrently`);
  if (change.attributes !== undefined) {
    const before = indexRows(scope.compiled, JSON.parse(row.doc));
    updateIndexRows(conn, scope, row.pk, before, indexRows(scope.compiled, change.attributes));
  }
  if (members !== undefined && scope.hasMembers) changeMembers(conn, scopes, row.pk, members);
  return writtenEntry(
    { id, doc, created: row.created, modified: now, version: row.version + 1 },
    scope.resourceType,
  );
}

export function deleteEntry(
  conn: SqliteConnection,
  target: WriteTarget,
  id: string,
  mode: DeleteMode,
  options: WriteOptions,
): void {
  const { scope } = target;
  const row = existing(conn, scope, id, options);
  const now = instantKey(target.now);
  if (mode === "disable") {
    // PingFederate DISABLE_USER: kept for audit, hidden from every later operation, unique values freed.
    conn.run(
      sql`INSERT INTO disabled_entries (scope, id, doc, password_hash, created, modified, version, disabled_at)
          SELECT scope, id, doc, password_hash, created, modified, version, ${now} FROM entries WHERE pk = ${row.pk}`,
    );
  }
  const deleted = conn.run(sql`DELETE FROM entries WHERE pk = ${row.pk} AND version = ${row.version}`);
  if (deleted.changes !== 1) throw preconditionFailed(`${scope.resourceType} ${id} was changed concurrently`);
  conn.run(sql`UPDATE scopes SET entry_count = entry_count - 1 WHERE scope = ${scope.scopeId}`);
  deleteIndexRows(conn, scope, row.pk, indexRows(scope.compiled, JSON.parse(row.doc)));
  // A group that loses a member has a new representation, so its version moves (ETags stay honest).
  conn.run(
    sql`UPDATE entries SET version = version + 1, modified = ${now} WHERE pk IN (SELECT group_pk FROM members WHERE member_pk = ${row.pk})`,
  );
  conn.run(sql`DELETE FROM members WHERE member_pk = ${row.pk}`);
  conn.run(sql`DELETE FROM members WHERE group_pk = ${row.pk}`);
}
