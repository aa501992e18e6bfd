// The read side of the PostgreSQL store: single entries, listings (sql/sql-list-query.ts driven with
// awaits; statements of one listing see one snapshot, so count and page agree, as in SQLite) and derived
// groups.
import type { EntryQuery, GroupRef, QueryResult, StoredEntry } from "../datastore.js";
import type { SqlFragment } from "../sql/sql-fragment.js";
import { type ListedRow, listSteps } from "../sql/sql-list-query.js";
import type { PostgresConnection } from "./postgres-connection.js";
import { postgresDialect } from "./postgres-dialect.js";
import { findEntry, lockEntry, storedEntry } from "./postgres-entries.js";
import { groupsOf as groupsOfMember, loadMembers } from "./postgres-members.js";
import type { ConnectionScopes, ScopeEntry } from "./postgres-scopes.js";
import type { PostgresSession } from "./postgres-session.js";

export interface ReadTarget {
  readonly scopes: ConnectionScopes;
  readonly scope: ScopeEntry;
}

export async function getEntry(
  conn: PostgresConnection,
  target: ReadTarget,
  id: string,
  members: boolean,
  lock = false,
): Promise<StoredEntry | undefined> {
  const row = await (lock ? lockEntry : findEntry)(conn, target.scope, id);
  if (row === undefined) return undefined;
  const entry = storedEntry(row, target.scope.resourceType);
  // `members` is read only when asked for: a response that excludes it never loads a large group.
  if (!members || !target.scope.hasMembers) return entry;
  const loaded = await loadMembers(conn, target.scopes, [row.pk]);
  return { ...entry, members: loaded.get(row.pk) ?? [] };
}

export async function getPasswordHash(
  conn: PostgresConnection,
  target: ReadTarget,
  id: string,
): Promise<string | undefined> {
  return (await findEntry(conn, target.scope, id))?.password_hash ?? undefined;
}

/** Runs a listing's statements; undefined when it would need more than `most` of them. */
async function runListing(
  conn: PostgresConnection,
  target: ReadTarget,
  query: EntryQuery,
  most: number,
): Promise<QueryResult | undefined> {
  const steps = listSteps(query, {
    dialect: postgresDialect,
    scopeId: target.scope.scopeId,
    compiled: target.scope.compiled,
    connectionScopes: target.scopes.list,
  });
  let step = steps.next([]);
  for (let statements = 0; !step.done; statements++) {
    if (statements >= most) return undefined;
    const statement: SqlFragment = step.value;
    step = steps.next(await conn.all(statement));
  }
  const outcome = step.value;
  const members =
    query.members && target.scope.hasMembers
      ? await loadMembers(
          conn,
          target.scopes,
          outcome.rows.map((row) => row.pk),
        )
      : undefined;
  return {
    total: outcome.total,
    entries: outcome.rows.map((row: ListedRow) => {
      const entry = storedEntry(row, target.scope.resourceType);
      return members === undefined ? entry : { ...entry, members: members.get(row.pk) ?? [] };
    }),
    nextPosition: outcome.nextPosition,
    previousPosition: outcome.previousPosition,
  };
}

/**
 * A listing from one snapshot. Most IdP lookups (`userName eq "…"`, a first page that holds the whole
 * result) need one statement, which is consistent by itself: that one runs on the pool without a
 * transaction (a round trip instead of four). A listing that turns out to need a second statement (a
 * count, an existence check, members) is started again inside a REPEATABLE READ snapshot, so its
 * statements never mix two states of the data.
 */
export async function listEntries(
  session: PostgresSession,
  target: ReadTarget,
  query: EntryQuery,
): Promise<QueryResult> {
  // A cursor page after the first always checks for rows before it as well: two statements at least.
  const several =
    (query.members && target.scope.hasMembers) ||
    (query.page.kind === "cursor" && query.page.position !== undefined);
  if (!session.inTransaction && !several) {
    const single = await session.read((conn) => runListing(conn, target, query, 1));
    if (single !== undefined) return single;
  }
  return session.snapshot(
    async (conn) => (await runListing(conn, target, query, Number.POSITIVE_INFINITY)) as QueryResult,
  );
}

export function groupsOf(
  conn: PostgresConnection,
  target: ReadTarget,
  memberId: string,
): Promise<GroupRef[]> {
  return groupsOfMember(conn, target.scope.scopeId, memberId);
}
