// Filters on the engine's member lists (RFC 7643 §4.2 `members`, §4.1.2 `groups`) as SELECTs of the
// matching entries' pks. Members are rows of the members table joined to the member entries, so
// `members.value eq "…"` is two index lookups whatever the group's size. Groups are a recursive closure
// down the members table: UNION keeps each (member, group) pair once, so nested cycles end.
import { visitFilter } from "../../protocol/filter/filter-node.js";
import type { StoreAttribute, StoreFilter } from "../datastore.js";
import { type ElementAccess, elementFilter, inList, not, textsMatching } from "./sql-element-filter.js";
import type { FilterContext } from "./sql-filter-context.js";
import { raw, type SqlFragment, sql, sqlFalse, sqlTrue } from "./sql-fragment.js";

/** Whether a filter inside `groups[...]` names the relation type, which depends on (member, group). */
function mentionsSub(filter: StoreFilter, sub: string): boolean {
  return visitFilter<StoreAttribute, boolean>(filter, {
    compare: (n) => n.attr.subPath === sub,
    present: (n) => n.attr.subPath === sub,
    and: (n) => mentionsSub(n.left, sub) || mentionsSub(n.right, sub),
    or: (n) => mentionsSub(n.left, sub) || mentionsSub(n.right, sub),
    not: (n) => mentionsSub(n.operand, sub),
    valuePath: (n) => mentionsSub(n.filter, sub),
  });
}

/** RFC 7643 §4.2 `members`: value is the member's id, type its resource type, display its display. */
export function membersRows(ctx: FilterContext, inner: StoreFilter): SqlFragment {
  const d = ctx.dialect;
  const scopes = ctx.connectionScopes;
  const access: ElementAccess = {
    key: (attr) =>
      attr.subPath === "value"
        ? { expr: raw("u.id"), nullable: false }
        : attr.subPath === "display"
          ? { expr: d.displayKey("u", attr), nullable: true }
          : undefined,
    present: (attr) => (attr.subPath === "display" ? raw("u.display IS NOT NULL") : sqlTrue),
    choice: (attr, op, operand) => {
      if (attr.subPath !== "type") return undefined;
      const types = textsMatching(
        scopes.map((s) => s.resourceType),
        attr,
        op,
        operand,
      );
      return inList(
        raw("u.scope"),
        scopes.filter((s) => types.includes(s.resourceType)).map((s) => s.scopeId),
      );
    },
  };
  const where = elementFilter(d, inner, access);
  const memberScopes = inList(
    raw("u.scope"),
    scopes.map((s) => s.scopeId),
  );
  return sql`SELECT m.group_pk FROM members m JOIN entries u ON u.pk = m.member_pk WHERE ${memberScopes} AND ${where}`;
}

/**
 * RFC 7643 §4.1.2 `groups`: every group that lists the entry, directly or through nested groups. The
 * closure walks down from the groups that can match; when the filter names `type` (direct/indirect,
 * which depends on the pair) it walks down from every group and tests each pair.
 */
export function groupsRows(ctx: FilterContext, inner: StoreFilter, cte: string): SqlFragment {
  const d = ctx.dialect;
  const groupScopes = ctx.connectionScopes.filter((s) => s.hasMembers).map((s) => s.scopeId);
  // The relation type of a (member, group) pair of the closure: direct when the group lists the member.
  const direct = raw("EXISTS (SELECT 1 FROM members x WHERE x.group_pk = d.grp AND x.member_pk = d.member)");
  const access = (g: string, byPair: boolean): ElementAccess => ({
    key: (attr) =>
      attr.subPath === "value"
        ? { expr: raw(`${g}.id`), nullable: false }
        : attr.subPath === "display"
          ? { expr: d.displayKey(g, attr), nullable: true }
          : undefined,
    present: (attr) => (attr.subPath === "display" ? raw(`${g}.display IS NOT NULL`) : sqlTrue),
    choice: (attr, op, operand) => {
      if (attr.subPath !== "type" || !byPair) return undefined;
      const types = textsMatching(["direct", "indirect"], attr, op, operand);
      if (types.length === 2) return sqlTrue;
      if (types.length === 0) return sqlFalse;
      return types[0] === "direct" ? direct : not(direct);
    },
  });
  const byType = mentionsSub(inner, "type");
  const seed = byType ? sqlTrue : elementFilter(d, inner, access("g0", false));
  const walk = sql`WITH RECURSIVE ${raw(cte)}(member, grp) AS (
    SELECT m.member_pk, m.group_pk FROM members m JOIN entries g0 ON g0.pk = m.group_pk
      WHERE ${inList(raw("g0.scope"), groupScopes)} AND ${seed}
    UNION
    SELECT m.member_pk, d.grp FROM members m JOIN ${raw(cte)} d ON m.group_pk = d.member)`;
  if (!byType) return sql`${walk} SELECT member FROM ${raw(cte)}`;
  const test = elementFilter(d, inner, access("g", true));
  return sql`${walk} SELECT d.member FROM ${raw(cte)} d JOIN entries g ON g.pk = d.grp WHERE ${test}`;
}
