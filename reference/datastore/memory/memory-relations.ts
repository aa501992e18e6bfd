// Membership in the in-memory store: resolving member references (RFC 7643 §4.2 `members`) and deriving
// a member's groups, direct and through nested groups (RFC 7643 §4.1.2 `groups`). Nested groups may form
// cycles; the walk keeps a visited set so that it always ends.
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { ConnectionPlan, GroupRef, MemberRef, ResolvedMember } from "../datastore.js";
import { displayOf } from "../entry-values.js";
import { entryKey, type MemoryEntry, type MemoryState } from "./memory-state.js";

/** The live entry a member reference names, or 400 `invalidValue` naming it (RFC 7644 §3.5.2). */
export function resolveMemberRef(state: MemoryState, connection: ConnectionPlan, ref: MemberRef): string {
  const key = entryKey(connection.connectionId, ref.value);
  const entry = state.entries.get(key);
  if (
    entry === undefined ||
    entry.resourceType !== ref.type ||
    connection.resourceTypes[ref.type] === undefined
  ) {
    throw badRequest(
      "invalidValue",
      `member "${ref.value}" is not an existing ${ref.type} of this connection`,
    );
  }
  return key;
}

function bySeq(a: MemoryEntry, b: MemoryEntry): number {
  return a.seq - b.seq;
}

/** Members in the order their entries were created (the SQL stores' natural order too). */
export function membersOf(
  state: MemoryState,
  connection: ConnectionPlan,
  group: MemoryEntry,
): ResolvedMember[] {
  const keys = state.members.get(entryKey(group.connection, group.id)) ?? new Set<string>();
  return [...keys]
    .map((k) => state.entries.get(k))
    .filter((e): e is MemoryEntry => e !== undefined)
    .sort(bySeq)
    .map((e) => ({
      value: e.id,
      type: e.resourceType,
      display: displayOf(e.attributes, connection.resourceTypes[e.resourceType]),
    }));
}

/** Group keys that list `memberKey` directly. */
function parentsOf(state: MemoryState, memberKey: string): string[] {
  const parents: string[] = [];
  for (const [group, members] of state.members) if (members.has(memberKey)) parents.push(group);
  return parents;
}

/** Direct groups, then every group reachable through them; each once, in group creation order. */
export function groupsOf(state: MemoryState, connection: ConnectionPlan, member: MemoryEntry): GroupRef[] {
  const start = entryKey(member.connection, member.id);
  const direct = new Set(parentsOf(state, start));
  const seen = new Set<string>(direct);
  const queue = [...direct];
  for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
    for (const parent of parentsOf(state, group)) {
      if (!seen.has(parent)) {
        seen.add(parent);
        queue.push(parent);
      }
    }
  }
  return [...seen]
    .map((k) => state.entries.get(k))
    .filter((e): e is MemoryEntry => e !== undefined)
    .sort(bySeq)
    .map((g) => ({
      value: g.id,
      display: displayOf(g.attributes, connection.resourceTypes[g.resourceType]),
      type: direct.has(entryKey(g.connection, g.id)) ? "direct" : "indirect",
    }));
}
