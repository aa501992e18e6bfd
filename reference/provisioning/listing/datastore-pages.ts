// The paging strategies that leave everything to the datastore: one resource type whose filter and sort
// all push down (the datastore pages by index or keyset position, RFC 7644 §3.4.2.4 and RFC 9865), and
// several unsorted types one after the other (root queries, RFC 7644 §3.4.2.1), with cursors that name
// the type a position belongs to.
import type { JsonObject } from "../../protocol/resource/json.js";
import type { CursorState } from "./cursor-codec.js";
import type { ListPage } from "./list-response.js";
import { countOf, cursorState, type Listing, render } from "./listing.js";
import type { CursorWindow, IndexWindow } from "./page-window.js";
import type { TypeQuery } from "./type-query.js";

/** One type, everything in the datastore: its paging is the response's paging. */
export async function pushdownPage(
  l: Listing,
  q: TypeQuery,
  window: IndexWindow | CursorWindow,
): Promise<ListPage> {
  const state = window.kind === "cursor" ? cursorState(l, window) : undefined;
  const page =
    window.kind === "index"
      ? window
      : {
          kind: "cursor" as const,
          position: state?.position,
          direction: state?.direction ?? "next",
          count: window.count,
        };
  const result = await l.ctx.store.query(q.scope, {
    filter: q.pushed,
    sort: q.sort,
    page,
    members: q.wanted.members,
    groups: q.wanted.groups,
  });
  const resources = await render(l, q, result.entries);
  if (window.kind === "index")
    return { totalResults: result.total, resources, startIndex: window.startIndex };
  const encode = (s: CursorState) => l.services.cursors.encode(s, l.fingerprint());
  // count=0 returns no rows and no positions; hand back the same place so the walk can go on.
  const stay = window.count === 0 && result.total > 0 && state !== undefined ? encode(state) : undefined;
  return {
    totalResults: result.total,
    resources,
    nextCursor:
      result.nextPosition === undefined ? stay : encode({ position: result.nextPosition, direction: "next" }),
    previousCursor:
      result.previousPosition === undefined
        ? undefined
        : encode({ position: result.previousPosition, direction: "previous" }),
  };
}

/** Several types in the datastore, unsorted: the types' results one after the other (root queries). */
export async function concatenatedPage(l: Listing, window: IndexWindow | CursorWindow): Promise<ListPage> {
  const totals = await Promise.all(l.queries.map((q) => countOf(l, q)));
  const totalResults = totals.reduce((a, b) => a + b, 0);
  const resources: JsonObject[] = [];
  if (window.kind === "index") {
    let offset = 0;
    for (const [i, q] of l.queries.entries()) {
      const total = totals[i] ?? 0;
      const wantedFrom = window.startIndex + resources.length;
      const remaining = window.count - resources.length;
      if (remaining > 0 && wantedFrom <= offset + total) {
        const page = { kind: "index" as const, startIndex: wantedFrom - offset, count: remaining };
        const result = await l.ctx.store.query(q.scope, {
          filter: q.pushed,
          sort: undefined,
          page,
          members: q.wanted.members,
          groups: q.wanted.groups,
        });
        resources.push(...(await render(l, q, result.entries)));
      }
      offset += total;
    }
    return { totalResults, resources, startIndex: window.startIndex };
  }
  const first = cursorState(l, window);
  if (window.count === 0) {
    const stay = totalResults > 0 ? l.services.cursors.encode(first, l.fingerprint()) : undefined;
    return { totalResults, resources, nextCursor: stay };
  }
  let position = first.position;
  let next: CursorState | undefined;
  for (let i = first.typeIndex ?? 0; i < l.queries.length && next === undefined; i++) {
    const q = l.queries[i] as TypeQuery;
    const remaining = window.count - resources.length;
    if (remaining <= 0) {
      // The page is full; the walk goes on at the next type that has anything.
      if ((totals[i] ?? 0) > 0) next = { position: undefined, direction: "next", typeIndex: i };
      continue;
    }
    const page = { kind: "cursor" as const, position, direction: "next" as const, count: remaining };
    const result = await l.ctx.store.query(q.scope, {
      filter: q.pushed,
      sort: undefined,
      page,
      members: q.wanted.members,
      groups: q.wanted.groups,
    });
    resources.push(...(await render(l, q, result.entries)));
    if (result.nextPosition !== undefined)
      next = { position: result.nextPosition, direction: "next", typeIndex: i };
    position = undefined;
  }
  return {
    totalResults,
    resources,
    nextCursor: next === undefined ? undefined : l.services.cursors.encode(next, l.fingerprint()),
  };
}
