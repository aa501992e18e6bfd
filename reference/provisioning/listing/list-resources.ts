// GET /{endpoint}, GET / (the server root), and POST /.search at either (RFC 7644 §3.4.2, §3.4.3):
// filter, sort, page and project. The filter is resolved against the schemas and translated through the
// mapping; what translates runs in the datastore with its indexes, and the datastore pages by index or
// by keyset position (RFC 9865 cursors stay stable under concurrent writes). When part of the filter, or
// the sort key, cannot run in the datastore, the type is listed by a bounded scan of read-mapped
// resources instead (more than `inMemoryScanLimit` candidates: 400 `tooMany`, RFC 7644 §3.4.2.1).
// A root query covers every resource type the connection serves (§3.4.2.1), an attribute a type lacks
// counting as one without a value there (root-filter.ts).
import { createHash } from "node:crypto";
import type { ResourceBinding } from "../../connections/connection.js";
import type { StoredEntry } from "../../datastore/datastore.js";
import { badRequest } from "../../protocol/errors/scim-error.js";
import { parseFilter } from "../../protocol/filter/parse-filter.js";
import { compareForSort } from "../../protocol/listing/sort-compare.js";
import type { AttrPath } from "../../protocol/path/attr-path.js";
import { parseAttrPath } from "../../protocol/path/parse-attr-path.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import type { OperationContext } from "../operation-context.js";
import type { PipelineServices } from "../pipeline-services.js";
import { bindingByEndpoint } from "../resources/resource-binding.js";
import { project } from "../resources/resource-projection.js";
import { viewOf } from "../resources/resource-view.js";
import type { CursorState } from "./cursor-codec.js";
import { type ListPage, listResponse } from "./list-response.js";
import { type CursorWindow, type IndexWindow, pageWindow } from "./page-window.js";
import { specializeFilter } from "./root-filter.js";
import type { SearchParams } from "./search-params.js";
import { prepareTypeQuery, type TypeQuery } from "./type-query.js";

interface Listing {
  readonly services: PipelineServices;
  readonly ctx: OperationContext;
  readonly queries: readonly TypeQuery[];
  readonly params: SearchParams;
  readonly fingerprint: string;
}

function prepare(ctx: OperationContext, endpoint: string | undefined, params: SearchParams): TypeQuery[] {
  const filter = params.filter === undefined ? undefined : parseFilter(params.filter);
  const sortBy =
    params.sortBy === undefined || params.sortBy === "" ? undefined : parseAttrPath(params.sortBy);
  if (endpoint !== undefined)
    return [prepareTypeQuery(ctx, bindingByEndpoint(ctx, endpoint), params, filter, sortBy)];
  const registry = ctx.connection.registry;
  const bindings = [...ctx.connection.resources.values()];
  const knownIn = (binding: ResourceBinding, path: AttrPath) =>
    registry.resolve(binding.definition, path) !== undefined ||
    (path.name.toLowerCase() === "schemas" && path.subAttr === undefined);
  const queries: TypeQuery[] = [];
  for (const binding of bindings) {
    const specialized =
      filter === undefined
        ? true
        : specializeFilter(
            filter,
            (path) => knownIn(binding, path),
            (path) => bindings.some((b) => knownIn(b, path)),
          );
    // RFC 7644 §3.4.2.1: a type on which the filter is false for want of its attributes contributes nothing.
    if (specialized === false) continue;
    // Likewise a sort key the type lacks: its resources sort as having no value (last ascending, §3.4.2.3).
    const typeSort =
      sortBy === undefined || knownIn(binding, sortBy) || !bindings.some((b) => knownIn(b, sortBy))
        ? sortBy
        : undefined;
    queries.push(
      prepareTypeQuery(ctx, binding, params, specialized === true ? undefined : specialized, typeSort),
    );
  }
  return queries;
}

function fingerprintOf(ctx: OperationContext, endpoint: string | undefined, params: SearchParams): string {
  const parts = [
    ctx.connection.id,
    endpoint?.toLowerCase() ?? "/",
    params.filter,
    params.sortBy,
    params.sortOrder,
  ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 22);
}

async function render(l: Listing, q: TypeQuery, entries: readonly StoredEntry[]): Promise<JsonObject[]> {
  const out: JsonObject[] = [];
  for (const entry of entries) {
    const view = await viewOf(l.ctx, q.binding, entry, { groups: q.wanted.groups });
    out.push(project(q.wanted, view));
  }
  return out;
}

function cursorState(l: Listing, window: CursorWindow): CursorState {
  return window.cursor === ""
    ? { position: undefined, direction: "next" }
    : l.services.cursors.decode(window.cursor, l.fingerprint);
}

async function countOf(l: Listing, q: TypeQuery): Promise<number> {
  const result = await l.ctx.store.query(q.scope, {
    filter: q.pushed,
    sort: undefined,
    page: { kind: "index", startIndex: 1, count: 0 },
    members: false,
  });
  return result.total;
}

/** One type, everything in the datastore: its paging is the response's paging. */
async function pushdownPage(l: Listing, q: TypeQuery, window: IndexWindow | CursorWindow): Promise<ListPage> {
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
  });
  const resources = await render(l, q, result.entries);
  if (window.kind === "index")
    return { totalResults: result.total, resources, startIndex: window.startIndex };
  const encode = (s: CursorState) => l.services.cursors.encode(s, l.fingerprint);
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
async function concatenatedPage(l: Listing, window: IndexWindow | CursorWindow): Promise<ListPage> {
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
        });
        resources.push(...(await render(l, q, result.entries)));
      }
      offset += total;
    }
    return { totalResults, resources, startIndex: window.startIndex };
  }
  const first = cursorState(l, window);
  if (window.count === 0) {
    const stay = totalResults > 0 ? l.services.cursors.encode(first, l.fingerprint) : undefined;
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
    });
    resources.push(...(await render(l, q, result.entries)));
    if (result.nextPosition !== undefined)
      next = { position: result.nextPosition, direction: "next", typeIndex: i };
    position = undefined;
  }
  return {
    totalResults,
    resources,
    nextCursor: next === undefined ? undefined : l.services.cursors.encode(next, l.fingerprint),
  };
}

/** A residual filter or an in-memory sort: a bounded scan of full resources, filtered and sorted here. */
async function inMemoryPage(l: Listing, window: IndexWindow | CursorWindow): Promise<ListPage> {
  const limit = l.services.limits.inMemoryScanLimit;
  const matched: { q: TypeQuery; view: JsonObject }[] = [];
  let scanned = 0;
  for (const q of l.queries) {
    const members = q.wanted.members || q.evaluationNeeds.members;
    const groups = q.wanted.groups || q.evaluationNeeds.groups;
    let position: string | undefined;
    do {
      const page = { kind: "cursor" as const, position, direction: "next" as const, count: 500 };
      const result = await l.ctx.store.query(q.scope, { filter: q.pushed, sort: undefined, page, members });
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
    l.services.cursors.encode({ position: undefined, direction: "next", offset }, l.fingerprint);
  const end = start + slice.length;
  return {
    totalResults: matched.length,
    resources,
    nextCursor: end < matched.length && window.count > 0 ? encode(end) : undefined,
    previousCursor: start > 0 ? encode(Math.max(0, start - window.count)) : undefined,
  };
}

export async function listResources(
  services: PipelineServices,
  ctx: OperationContext,
  endpoint: string | undefined,
  params: SearchParams,
): Promise<JsonObject> {
  const queries = prepare(ctx, endpoint, params);
  const { window, cappedFrom } = pageWindow(params, services.limits, true);
  if (cappedFrom !== undefined) {
    // RFC 7644 §3.4.2.4 lets the server return fewer results than asked; itemsPerPage says how many.
    ctx.log.warn({ requested: cappedFrom, applied: window.count }, "count capped at filter.maxResults");
  }
  const listing: Listing = {
    services,
    ctx,
    queries,
    params,
    fingerprint: fingerprintOf(ctx, endpoint, params),
  };
  const sorted = params.sortBy !== undefined && params.sortBy !== "";
  const single = queries.length === 1 ? queries[0] : undefined;
  let page: ListPage;
  if (single !== undefined && !single.inMemory) page = await pushdownPage(listing, single, window);
  else if (!sorted && queries.every((q) => !q.inMemory)) page = await concatenatedPage(listing, window);
  else page = await inMemoryPage(listing, window);
  return listResponse(page);
}
