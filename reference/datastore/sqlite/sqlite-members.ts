// Group membership in SQLite (RFC 7643 §4.2 `members`, §4.1.2 `groups`). One row per (group, member) pair:
// adding or removing a member costs one indexed statement whatever the group's size, and members are
// read only when a caller asks for them. Nested groups are walked with a recursive CTE whose UNION keeps
// each group once, so cycles end.
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { GroupRef, MemberRef, MembershipChange, ResolvedMember } from "../datastore.js";
import { join, type SqlFragment, sql } from "../sql/sql-fragment.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { sqliteDialect } from "./sqlite-dialect.js";
import type { ConnectionScopes } from "./sqlite-scopes.js";

/** The pk of a live entry of this connection, or 400 `invalidValue` naming the member (RFC 7644 §3.5.2). */
export function memberPk(conn: SqliteConnection, scopes: ConnectionScopes, ref: MemberRef): number {
  const scope = scopes.byType.get(ref.type);
  const row =
    scope === undefined
      ? undefined
      : conn.get<{ pk: number }>(
          sql`SELECT pk FROM entries WHERE scope = ${scope.scopeId} AND id = ${ref.value}`,
        );
  if (row === undefined) {
    throw badRequest(
      "invalidValue",
      `member "${ref.value}" is not an existing ${ref.type} of this connection`,
    );
  }
  return row.pk;
}

function addMember(conn: SqliteConnection, group: number, member: number): void {
  conn.run(sqliteDialect.insertIgnore("members", ["group_pk", "member_pk"], [sql`${group}`, sql`${member}`]));
}

export function addMembers(
  conn: SqliteConnection,
  scopes: ConnectionScopes,
  group: number,
  refs: readonly MemberRef[],
) {
  for (const ref of refs) addMember(conn, group, memberPk(conn, scopes, ref));
}

/** replaceAll first, then add, then remove (datastore.ts `MembershipChange`). */
export function changeMembers(
  conn: SqliteConnection,
  scopes: ConnectionScopes,
  group: number,
  change: MembershipChange,
): void {
  if (change.replaceAll !== undefined) {
    conn.run(sql`DELETE FROM members WHERE group_pk = ${group}`);
    addMembers(conn, scopes, group, change.replaceAll);
  }
  addMembers(conn, scopes, group, change.add);
  const inConnection = join(
    scopes.list.map((s) => sql`${s.scopeId}`),
    ", ",
  );
  for (const id of change.remove) {
    // Removing an absent member is not an error (RFC 7644 §3.5.2.2): the DELETE simply finds nothing.
    conn.run(
      sql`DELETE FROM members WHERE group_pk = ${group} AND member_pk IN (SELECT pk FROM entries WHERE scope IN (${inConnection}) AND id = ${id})`,
    );
  }
}

export function loadMembers(
  conn: SqliteConnection,
  scopes: ConnectionScopes,
  group: number,
): ResolvedMember[] {
  const rows = conn.all<{ id: string; scope: number; display: string | null }>(
    sql`SELECT u.id, u.scope, u.display FROM members m JOIN entries u ON u.pk = m.member_pk WHERE m.group_pk = ${group} ORDER BY m.member_pk`,
  );
  return rows.map((r) => ({
    value: r.id,
    type: scopes.byId.get(r.scope)?.resourceType ?? "",
    display: r.display ?? undefined,
  }));
}

/**
 * The groups of members, nested ones included, in one statement: `seed` selects the members' pks (column
 * `member`). `up` pairs each member with every group above it; UNION drops repeated pairs, so cycles end.
 * CROSS JOIN fixes the join order (SQLite never reorders it): with a plain JOIN the planner walked the
 * whole entries table in pk order to save sorting the few groups found, which made every GET
 * /Users/{id} (whose `groups` is returned by default) scan all users.
 */
function groupsStatement(seed: SqlFragment): SqlFragment {
  return sql`WITH RECURSIVE seed(member) AS (${seed}),
        up(member, grp) AS (
          SELECT s.member, m.group_pk FROM seed s CROSS JOIN members m ON m.member_pk = s.member
          UNION
          SELECT up.member, m.group_pk FROM up CROSS JOIN members m ON m.member_pk = up.grp)
        SELECT up.member, g.id, g.display,
               EXISTS (SELECT 1 FROM members d WHERE d.group_pk = g.pk AND d.member_pk = up.member) AS direct
        FROM up CROSS JOIN entries g ON g.pk = up.grp ORDER BY up.member, g.pk`;
}

/** The groups of one member found by id (an unknown id finds none), so `groupsOf` is one statement. */
export function groupsOfStatement(scopeId: number, memberId: string): SqlFragment {
  return groupsStatement(sql`SELECT pk FROM entries WHERE scope = ${scopeId} AND id = ${memberId}`);
}

type GroupRow = { member: number; id: string; display: string | null; direct: number };

function groupRef(r: GroupRow): GroupRef {
  return { value: r.id, display: r.display ?? undefined, type: r.direct === 1 ? "direct" : "indirect" };
}

export function groupsOfMember(conn: SqliteConnection, scopeId: number, memberId: string): GroupRef[] {
  return conn.all<GroupRow>(groupsOfStatement(scopeId, memberId)).map(groupRef);
}

/**
 * The groups of several entries by pk, in one statement: a listing page reads the groups of all its
 * Users at once (one statement for a page of 100 took 37–61 µs, a statement per User 470 µs, measured on
 * 1,000,000 users). Entries in no group are absent from the map.
 */
export function groupsOfEntries(conn: SqliteConnection, pks: readonly number[]): Map<number, GroupRef[]> {
  if (pks.length === 0) return new Map();
  // One entry binds its pk; a page passes its pks as one JSON array parameter.
  const seed =
    pks.length === 1 ? sql`SELECT ${pks[0] ?? 0}` : sql`SELECT value FROM json_each(${JSON.stringify(pks)})`;
  const byMember = new Map<number, GroupRef[]>();
  for (const row of conn.all<GroupRow>(groupsStatement(seed))) {
    const list = byMember.get(row.member) ?? [];
    if (list.length === 0) byMember.set(row.member, list);
    list.push(groupRef(row));
  }
  return byMember;
}
