// The read side of the SQLite store: single entries, listings (sql/sql-list-query.ts driven synchronously;
// a listing of several statements runs inside one read transaction, so count and page come from one
// snapshot) and derived groups.
import type { EntryQuery, GroupRef, QueryResult, StoredEntry } from "../datastore.js";
import { render, type SqlFragment, sql } from "../sql/sql-fragment.js";
import { listSteps } from "../sql/sql-list-query.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { sqliteDialect } from "./sqlite-dialect.js";
import { findEntry, storedEntry } from "./sqlite-entries.js";
import { groupsOfEntries, groupsOfMember, loadMembers } from "./sqlite-members.js";
import type { ConnectionScopes, ScopeEntry } from "./sqlite-scopes.js";

export interface ReadTarget {
  readonly scopes: ConnectionScopes;
  readonly scope: ScopeEntry;
}

/** What a read returns with each entry besides its row: only what the response will show. */
interface ReadParts {
  readonly members: boolean;
  readonly groups: boolean;
}

/**
 * The entries of `rows` with their members and groups when asked for. `members` is read only then: a
 * response that excludes it never loads a large group. The groups of all rows are one statement.
 */
function withParts(
  conn: SqliteConnection,
  target: ReadTarget,
  rows: readonly (Parameters<typeof storedEntry>[0] & { readonly pk: number })[],
  parts: ReadParts,
): StoredEntry[] {
  const members = parts.members && target.scope.hasMembers;
  const groups = parts.groups
    ? groupsOfEntries(
        conn,
        rows.map((row) => row.pk),
      )
    : undefined;
  return rows.map((row) => {
    const entry = storedEntry(row, target.scope.resourceType);
    if (!members && groups === undefined) return entry;
    return {
      ...entry,
      ...(members ? { members: loadMembers(conn, target.scopes, row.pk) } : {}),
      ...(groups === undefined ? {} : { groups: groups.get(row.pk) ?? [] }),
    };
  });
}

export function getEntry(
  conn: SqliteConnection,
  target: ReadTarget,
  id: string,
  members: boolean,
): StoredEntry | undefined {
  const row = findEntry(conn, target.scope, id);
  return row === undefined ? undefined : withParts(conn, target, [row], { members, groups: false })[0];
}

export function getPasswordHash(conn: SqliteConnection, target: ReadTarget, id: string): string | undefined {
  return findEntry(conn, target.scope, id)?.password_hash ?? undefined;
}

/**
 * Runs a listing's statements on `conn`; undefined when it would need more than `most` of them (the
 * caller then runs it again inside a read transaction: sqlite-datastore.ts `query`).
 */
export function listEntries(
  conn: SqliteConnection,
  target: ReadTarget,
  query: EntryQuery,
  most = Number.POSITIVE_INFINITY,
): QueryResult | undefined {
  const steps = listSteps(query, {
    dialect: sqliteDialect,
    scopeId: target.scope.scopeId,
    compiled: target.scope.compiled,
    connectionScopes: target.scopes.list,
  });
  let step = steps.next([]);
  for (let statements = 0; !step.done; statements++) {
    if (statements >= most) return undefined;
    const statement: SqlFragment = step.value;
    step = steps.next(conn.all(statement));
  }
  const outcome = step.value;
  return {
    total: outcome.total,
    entries: withParts(conn, target, outcome.rows, { members: query.members, groups: query.groups === true }),
    nextPosition: outcome.nextPosition,
    previousPosition: outcome.previousPosition,
  };
}

/**
 * Whether a listing needs more than one statement whatever it finds: members of each group, the groups
 * of the entries, or a cursor page after the first (it always checks for rows before it as well).
 */
export function needsSeveralStatements(target: ReadTarget, query: EntryQuery): boolean {
  return (
    (query.members && target.scope.hasMembers) ||
    (query.page.kind === "cursor" && query.page.position !== undefined)
  );
}

/**
 * The SQLite query plan of every statement a listing runs (EXPLAIN QUERY PLAN), for tests that prove
 * indexed filters never scan entries, and for diagnosing slow queries.
 */
export function explainEntries(
  conn: SqliteConnection,
  target: ReadTarget,
  query: EntryQuery,
): { readonly statement: string; readonly plan: string[] }[] {
  const steps = listSteps(query, {
    dialect: sqliteDialect,
    scopeId: target.scope.scopeId,
    compiled: target.scope.compiled,
    connectionScopes: target.scopes.list,
  });
  const plans: { statement: string; plan: string[] }[] = [];
  let step = steps.next([]);
  while (!step.done) {
    const statement: SqlFragment = step.value;
    const plan = conn.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${statement}`);
    plans.push({
      statement: render(statement, sqliteDialect.placeholder).text,
      plan: plan.map((row) => row.detail),
    });
    step = steps.next(conn.all(statement));
  }
  return plans;
}

export function groupsOf(conn: SqliteConnection, target: ReadTarget, memberId: string): GroupRef[] {
  return groupsOfMember(conn, target.scope.scopeId, memberId);
}
