// The paging strategy for what the datastore cannot finish: a residual filter (mapping.ts
// `FilterTranslation`) or a sort key without a datastore attribute, and sorted root queries. A bounded
// scan reads every candidate the pushed-down part selects, evaluates the rest over read-mapped resources,
// sorts and pages in memory; more than `inMemoryScanLimit` candidates is 400 `tooMany` (RFC 7644
// §3.4.2.1). Its cursors carry an offset, so they are not stable under concurrent writes (documented).
import { badRequest } from "../../protocol/errors/scim-error.js";
import { compareForSort } from "../../protocol/listing/sort-compare.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { project } from "../resources/resource-projection.js";
import { viewOf } from "../resources/resource-view.js";
import type { ListPage } from "./list-response.js";
import { cursorState, type Listing } from "./listing.js";
import type { CursorWindow, IndexWindow } from "./page-window.js";
import type { TypeQuery } from "./type-query.js";

/** A residual filter or an in-memory sort: a bounded scan of full resources, filtered and sorted here. */
export async function inMemoryPage(l: Listing, window: IndexWindow | CursorWindow): Promise<ListPage> {
  const limit = l.services.limits.inMemoryScanLimit;
  const matched: { q: TypeQuery; view: JsonObject }[] = [];
  let scanned = 0;
  for (const q of l.queries) {
    const members = q.wanted.members || q.evaluationNeeds.members;
    const groups = q.wanted.groups || q.evaluationNeeds.groups;
    let position: string | undefined;
    do {
      const page = { kind: "cursor" as const, position, direction: "next" as const, count: 500 };
      const result = await l.ctx.store.query(q.scope, {
        filter: q.pushed,
        sort: undefined,
        page,
        members,
        groups,
      });
      scanned += result.entries.length;
      if (scanned > limit) {
        throw badRequest(
          "tooMany",
          `This query must be evaluated over more than ${limit} resources; narrow the filter with attributes the datastore can search (RFC 7644 §3.4.2.1).`,
        );
      }
      for (const entry of result.entries) {
        const view = await viewOf(l.ctx, q.binding, entry, { groups });
        if (q.residual === undefined || q.residual(view)) matched.push({ q, view });
      }
      position = result.nextPosition;
    } while (position !== undefined);
  }
  const sortAttr = l.queries.find((q) => q.sortAttr !== undefined)?.sortAttr;
  if (sortAttr !== undefined) {
    const compare = compareForSort(sortAttr, l.params.sortOrder === "descending");
    matched.sort((a, b) => compare(a.view, b.view));
  }
  const start =
    window.kind === "index"
      ? window.startIndex - 1
      : window.cursor === ""
        ? 0
        : (cursorState(l, window).offset ?? 0);
  const slice = matched.slice(start, start + window.count);
  const resources = slice.map(({ q, view }) => project(q.wanted, view));
  if (window.kind === "index")
    return { totalResults: matched.length, resources, startIndex: window.startIndex };
  const encode = (offset: number) =>
    l.services.cursors.encode({ position: undefined, direction: "next", offset }, l.fingerprint());
  const end = start + slice.length;
  return {
    totalResults: matched.length,
    resources,
    nextCursor: end < matched.length && window.count > 0 ? encode(end) : undefined,
    previousCursor: start > 0 ? encode(Math.max(0, start - window.count)) : undefined,
  };
}
