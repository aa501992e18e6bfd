// Group membership in PostgreSQL (RFC 7643 §4.2 `members`, §4.1.2 `groups`): one row per (group, member)
// pair, so adding or removing members costs statements in the number of changed members, whatever the
// group's size, and members are read only when a caller asks for them. Adds from many processes never
// lose each other: each is an INSERT of its own rows (ON CONFLICT DO NOTHING makes a repeated add a
// no-op). The member entries are read FOR KEY SHARE, so a concurrent delete of a member waits for the add
// to commit and then removes the new row too, instead of leaving a row that names a deleted entry.
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { GroupRef, MemberRef, MembershipChange, ResolvedMember } from "../datastore.js";
import { type PostgresConnection, statement } from "./postgres-connection.js";
import type { ConnectionScopes } from "./postgres-scopes.js";

const findMembers = statement(
  `SELECT pk, scope, id FROM entries
   WHERE (scope, id) IN (SELECT * FROM unnest($1::integer[], $2::text[])) ORDER BY pk FOR KEY SHARE`,
);
const insertMembers = statement(
  "INSERT INTO members (group_pk, member_pk) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING",
);
const clearMembers = statement("DELETE FROM members WHERE group_pk = $1");
const removeMembers = statement(
  `DELETE FROM members WHERE group_pk = $1 AND member_pk IN
     (SELECT pk FROM entries WHERE scope = ANY($2::integer[]) AND id = ANY($3::text[]))`,
);
const membersOf = statement(
  `SELECT m.group_pk, u.id, u.scope, u.display FROM members m JOIN entries u ON u.pk = m.member_pk
   WHERE m.group_pk = ANY($1::bigint[]) ORDER BY m.group_pk, m.member_pk`,
);
const groupsOfMember = statement(
  `WITH RECURSIVE me AS (SELECT pk FROM entries WHERE scope = $1 AND id = $2),
     up(grp) AS (
       SELECT m.group_pk FROM members m JOIN me ON m.member_pk = me.pk
       UNION
       SELECT m.group_pk FROM members m JOIN up ON m.member_pk = up.grp)
   SELECT g.id, g.display,
          EXISTS (SELECT 1 FROM members d JOIN me ON d.member_pk = me.pk WHERE d.group_pk = g.pk) AS direct
   FROM up JOIN entries g ON g.pk = up.grp ORDER BY g.pk`,
);

/**
 * The pks of member references, locked FOR KEY SHARE until the transaction ends; 400 `invalidValue`
 * naming the first that is not a live entry of the connection (RFC 7644 §3.5.2). Called before anything
 * is written, so a refused member leaves nothing to undo.
 */
export async function resolveMembers(
  conn: PostgresConnection,
  scopes: ConnectionScopes,
  refs: readonly MemberRef[],
): Promise<number[]> {
  if (refs.length === 0) return [];
  const known = refs.filter((ref) => scopes.byType.has(ref.type));
  const found = await conn.rows<{ pk: number; scope: number; id: string }>(findMembers, [
    known.map((ref) => scopes.byType.get(ref.type)?.scopeId ?? 0),
    known.map((ref) => ref.value),
  ]);
  const pks = new Map(found.map((row) => [`${row.scope}/${row.id}`, row.pk]));
  return refs.map((ref) => {
    const pk = pks.get(`${scopes.byType.get(ref.type)?.scopeId}/${ref.value}`);
    if (pk === undefined) {
      throw badRequest(
        "invalidValue",
        `member "${ref.value}" is not an existing ${ref.type} of this connection`,
      );
    }
    return pk;
  });
}

export async function addMembers(
  conn: PostgresConnection,
  group: number,
  members: readonly number[],
): Promise<void> {
  if (members.length > 0) await conn.run(insertMembers, [group, [...members]]);
}

/** A membership change with its member references resolved (resolveMembers) before any write. */
export interface ResolvedChange {
  readonly replaceAll: readonly number[] | undefined;
  readonly add: readonly number[];
  readonly remove: readonly string[];
}

export async function resolveChange(
  conn: PostgresConnection,
  scopes: ConnectionScopes,
  change: MembershipChange,
): Promise<ResolvedChange> {
  return {
    replaceAll:
      change.replaceAll === undefined ? undefined : await resolveMembers(conn, scopes, change.replaceAll),
    add: await resolveMembers(conn, scopes, change.add),
    remove: change.remove,
  };
}

/** replaceAll first, then add, then remove (datastore.ts `MembershipChange`). */
export async function changeMembers(
  conn: PostgresConnection,
  scopes: ConnectionScopes,
  group: number,
  change: ResolvedChange,
): Promise<void> {
  if (change.replaceAll !== undefined) {
    await conn.run(clearMembers, [group]);
    await addMembers(conn, group, change.replaceAll);
  }
  await addMembers(conn, group, change.add);
  // Removing an absent member is not an error (RFC 7644 §3.5.2.2): the DELETE simply finds nothing.
  if (change.remove.length > 0) {
    await conn.run(removeMembers, [group, scopes.list.map((s) => s.scopeId), [...change.remove]]);
  }
}

/** The members of each group, in the order they were first created (member pk). */
export async function loadMembers(
  conn: PostgresConnection,
  scopes: ConnectionScopes,
  groups: readonly number[],
): Promise<Map<number, ResolvedMember[]>> {
  const byGroup = new Map<number, ResolvedMember[]>(groups.map((g) => [g, []]));
  if (groups.length === 0) return byGroup;
  const rows = await conn.rows<{ group_pk: number; id: string; scope: number; display: string | null }>(
    membersOf,
    [[...groups]],
  );
  for (const r of rows) {
    byGroup.get(r.group_pk)?.push({
      value: r.id,
      type: scopes.byId.get(r.scope)?.resourceType ?? "",
      display: r.display ?? undefined,
    });
  }
  return byGroup;
}

/** RFC 7643 §4.1.2: direct and nested groups, each once; UNION makes the walk end on cycles. */
export async function groupsOf(
  conn: PostgresConnection,
  scopeId: number,
  memberId: string,
): Promise<GroupRef[]> {
  const rows = await conn.rows<{ id: string; display: string | null; direct: boolean }>(groupsOfMember, [
    scopeId,
    memberId,
  ]);
  return rows.map((r) => ({
    value: r.id,
    display: r.display ?? undefined,
    type: r.direct ? "direct" : "indirect",
  }));
}
