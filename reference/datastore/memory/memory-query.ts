// Listing for the in-memory store (RFC 7644 §3.4.2): filter every entry of the scope with the matcher,
// order by the normalised sort key (§3.4.2.3) with the creation sequence as tie-breaker, then page by
// index or by keyset position (RFC 9865) with the shared rules of page-rows.ts.
import type { EntryQuery, QueryResult, Scope, StoreAttribute, StoredEntry } from "../datastore.js";
import { sortKeyOf } from "../entry-values.js";
import { assertSortable } from "../filter-operand.js";
import { comparePositions, type KeysetPosition } from "../keyset-position.js";
import { type PositionedRow, pageRows } from "../page-rows.js";
import { storeKey } from "../store-key.js";
import { validateStoreFilter } from "../validate-store-filter.js";
import { type MatchSubject, matchesFilter } from "./memory-filter-matcher.js";
import { groupsOf, membersOf } from "./memory-relations.js";
import type { MemoryEntry, MemoryState } from "./memory-state.js";

function sortKey(entry: MemoryEntry, attr: StoreAttribute): string | undefined {
  if (attr.source === "entry") return sortKeyOf(entry.attributes, attr);
  const value =
    attr.name === "id"
      ? entry.id
      : attr.name === "meta.created"
        ? entry.meta.created
        : entry.meta.lastModified;
  return storeKey(value, attr.type, attr.caseExact);
}

export function subjectOf(state: MemoryState, scope: Scope, entry: MemoryEntry): MatchSubject {
  return {
    id: entry.id,
    meta: entry.meta,
    attributes: entry.attributes,
    members: () => membersOf(state, scope.connection, entry),
    groups: () => groupsOf(state, scope.connection, entry),
  };
}

export function toStoredEntry(
  state: MemoryState,
  scope: Scope,
  entry: MemoryEntry,
  members: boolean,
): StoredEntry {
  const stored: StoredEntry = {
    id: entry.id,
    resourceType: entry.resourceType,
    meta: entry.meta,
    attributes: entry.attributes,
  };
  const hasMembers = scope.connection.resourceTypes[entry.resourceType]?.hasMembers === true;
  return members && hasMembers ? { ...stored, members: membersOf(state, scope.connection, entry) } : stored;
}

export function queryEntries(state: MemoryState, scope: Scope, query: EntryQuery): QueryResult {
  if (query.filter !== undefined) validateStoreFilter(query.filter);
  const sort = query.sort;
  if (sort !== undefined) assertSortable(sort.attribute);
  const inScope = [...state.entries.values()]
    .filter((e) => e.connection === scope.connection.connectionId && e.resourceType === scope.resourceType)
    .sort((a, b) => a.seq - b.seq);
  const filter = query.filter;
  const matching =
    filter === undefined ? inScope : inScope.filter((e) => matchesFilter(subjectOf(state, scope, e), filter));
  const walk: PositionedRow<MemoryEntry>[] = matching.map((entry) => {
    const key = sort === undefined ? "" : sortKey(entry, sort.attribute);
    const position: KeysetPosition = { rank: key === undefined ? 1 : 0, key: key ?? "", tie: entry.seq };
    return { row: entry, position };
  });
  walk.sort((a, b) => comparePositions(a.position, b.position));
  const descending = sort?.descending === true;
  if (descending) walk.reverse();
  const page = pageRows(walk, query.page, descending);
  return {
    total: matching.length,
    entries: page.rows.map((e) => toStoredEntry(state, scope, e, query.members)),
    nextPosition: page.nextPosition,
    previousPosition: page.previousPosition,
  };
}
