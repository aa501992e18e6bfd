// Queries (RFC 7644 §3.4.2): filter, sort (§3.4.2.3), index paging (§3.4.2.4) and cursor paging
// (RFC 9865), for GET on an endpoint, POST .search, and root queries over every resource type.
import { createHmac } from "node:crypto";
import { evaluate, validateFilter } from "./filter.js";
import type { FilterNode } from "./filter-parser.js";
import { parseFilter } from "./filter-parser.js";
import type { Json } from "./json-value.js";
import { isObject } from "./json-value.js";
import type { Quirks } from "./quirks.js";
import type { RenderContext } from "./render.js";
import { fullRepresentation, render } from "./render.js";
import type { TypeDef } from "./schema-model.js";
import { resolvePath } from "./schema-model.js";
import { fail, ScimFailure } from "./scim-failure.js";
import type { StoredResource } from "./store.js";

export const maxPageSize = 10;
export const maxResults = 200;
const secret = "mutant-cursor-key";

export interface QueryParams {
  readonly filter?: string;
  readonly sortBy?: string;
  readonly sortOrder?: string;
  readonly startIndex?: number;
  readonly count?: number;
  /** Present (possibly "") for a cursor query (RFC 9865 §2). */
  readonly cursor?: string;
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}

function integer(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  const n = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isFinite(n)) throw fail.invalidValue(`${JSON.stringify(raw)} is not a number`);
  return Math.trunc(n);
}

function names(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const list = Array.isArray(raw) ? raw : String(raw).split(",");
  return list.map((s) => String(s).trim()).filter((s) => s.length > 0);
}

/** Query parameters from a URL or a SearchRequest body (RFC 7644 §3.4.3). */
export function paramsFrom(source: Readonly<Record<string, unknown>>): QueryParams {
  const get = (name: string): unknown => {
    const key = Object.keys(source).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : source[key];
  };
  const cursor = get("cursor");
  const out: Record<string, unknown> = {
    filter: get("filter"),
    sortBy: get("sortBy"),
    sortOrder: get("sortOrder"),
    startIndex: integer(get("startIndex")),
    count: integer(get("count")),
    cursor: cursor === undefined || cursor === null ? undefined : String(cursor),
    attributes: names(get("attributes")),
    excludedAttributes: names(get("excludedAttributes")),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as QueryParams;
}

function sortValue(type: TypeDef, full: Json, path: string, quirks: Quirks): unknown {
  const resolved = resolvePath(type, path);
  if (resolved === undefined) return undefined;
  const holder = resolved.container === undefined ? full : full[resolved.container];
  const raw = isObject(holder) ? holder[resolved.attr.name] : undefined;
  let value: unknown = raw;
  if (resolved.attr.multiValued && Array.isArray(raw)) {
    // RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else its first.
    const primary = quirks.has("sortByFirstValue")
      ? undefined
      : raw.find((v) => isObject(v) && v.primary === true);
    const chosen = primary ?? raw[0];
    value = chosen;
    if (resolved.sub === undefined && isObject(chosen)) value = chosen.value;
  }
  if (resolved.sub !== undefined) value = isObject(value) ? value[resolved.sub.name] : undefined;
  const def = resolved.sub ?? resolved.attr;
  if (typeof value === "string" && def.type === "dateTime") return Date.parse(value);
  if (typeof value === "string" && !def.caseExact) return value.toLowerCase();
  return value;
}

function compare(a: unknown, b: unknown, missingLast: boolean): number {
  const am = a === undefined || a === null;
  const bm = b === undefined || b === null;
  if (am || bm) return am && bm ? 0 : am === missingLast ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const as = String(a);
  const bs = String(b);
  return as < bs ? -1 : as > bs ? 1 : 0;
}

function sign(payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url").slice(0, 16);
}

/** A cursor names the next offset, the query it belongs to, and the page size it was issued for. */
function encodeCursor(offset: number, fingerprint: string, count: number): string {
  const payload = Buffer.from(JSON.stringify({ o: offset, f: fingerprint, c: count })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

interface Position {
  readonly offset: number;
  readonly count: number | undefined;
}

function decodeCursor(raw: string, fingerprint: string, quirks: Quirks): Position {
  if (raw === "") return { offset: 0, count: undefined };
  const cursor = quirks.has("cursorWithSlashes") ? raw.replace(/\/\+=$/, "") : raw;
  const [payload = "", signature = ""] = cursor.split(".");
  if (sign(payload) !== signature && !quirks.has("cursorUnchecked"))
    throw new ScimFailure(400, "invalidCursor", "the cursor is not one this server issued");
  try {
    const parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      o?: unknown;
      f?: unknown;
      c?: unknown;
    };
    if (typeof parsed.o !== "number") throw new Error("no offset");
    if (parsed.f !== fingerprint && !quirks.has("cursorUnchecked"))
      throw new ScimFailure(400, "invalidCursor", "the cursor belongs to another query");
    return { offset: parsed.o, count: typeof parsed.c === "number" ? parsed.c : undefined };
  } catch (error) {
    if (error instanceof ScimFailure) throw error;
    if (quirks.has("cursorUnchecked")) return { offset: 0, count: undefined };
    throw new ScimFailure(400, "invalidCursor", "the cursor is malformed");
  }
}

export interface QueryInput {
  readonly types: readonly TypeDef[];
  readonly resources: readonly StoredResource[];
  readonly params: QueryParams;
  readonly root: boolean;
}

export function runQuery(ctx: RenderContext, input: QueryInput): Json {
  const { params, types } = input;
  const q = ctx.quirks;
  let node: FilterNode | undefined;
  if (params.filter !== undefined) {
    node = parseFilter(params.filter, q);
    if (!input.root) {
      for (const type of types) validateFilter(node, type, { quirks: q, lenientUnknown: false });
    }
  }
  const mentionsGroups = /groups/i.test(`${params.filter ?? ""} ${params.sortBy ?? ""}`);
  const pool = q.has("deletedStillListed") ? [...input.resources, ...ctx.store.tombstones] : input.resources;
  const shownTypes =
    input.root && q.has("rootSearchUsersOnly") ? types.filter((t) => t.name === "User") : types;
  if (node !== undefined && input.root && q.has("rootStrictAttributes")) {
    for (const type of types) validateFilter(node, type, { quirks: q, lenientUnknown: false });
  }
  const rows = pool
    .filter((r) => shownTypes.includes(r.type))
    .filter((r) => !(q.has("inactiveHidden") && r.data.active === false))
    .map((r) => ({ r, full: fullRepresentation(ctx, r, { withGroups: mentionsGroups, copy: false }) }))
    .filter(
      ({ r, full }) =>
        node === undefined || evaluate(node, r.type, full, { quirks: q, lenientUnknown: input.root }),
    );
  const cursorSortDropped = params.cursor !== undefined && q.has("cursorIgnoresSort");
  const subSortDropped = q.has("subAttributeSortIgnored") && params.sortBy?.includes(".") === true;
  if (params.sortBy !== undefined && !q.has("ignoreSort") && !cursorSortDropped && !subSortDropped) {
    const by = params.sortBy;
    const descending = params.sortOrder?.toLowerCase() === "descending" && !q.has("ignoreSortOrder");
    const keyed = rows.map((row) => ({ row, key: sortValue(row.r.type, row.full, by, q) }));
    keyed.sort((a, b) => {
      let ka = a.key;
      let kb = b.key;
      if (q.has("sortCaseExactIgnored") && typeof ka === "string" && typeof kb === "string") {
        ka = ka.toLowerCase();
        kb = kb.toLowerCase();
      }
      if (q.has("caseSensitiveSort")) {
        ka = rawSortValue(a.row.r.type, a.row.full, by);
        kb = rawSortValue(b.row.r.type, b.row.full, by);
      }
      const missingLast = q.has("missingSortFirst") ? descending : !descending;
      const c = compare(ka, kb, missingLast);
      const am = ka === undefined || ka === null;
      const bm = kb === undefined || kb === null;
      if (am || bm) return c;
      return descending ? -c : c;
    });
    rows.splice(0, rows.length, ...keyed.map((k) => k.row));
  }
  if (q.has("tooManyWrongType") && (params.count ?? 0) > 1000) {
    throw new ScimFailure(413, undefined, "count is too large");
  }
  if (node !== undefined && rows.length === 0 && q.has("noMatch404"))
    throw fail.notFound("no resource matches the filter");
  if (node !== undefined && rows.length > maxResults) {
    throw new ScimFailure(400, "tooMany", `the filter matches more than ${maxResults} resources`);
  }
  const total = rows.length;
  const page = (from: number, size: number) =>
    rows.slice(from, from + size).map(({ r }) =>
      render(ctx, r, {
        ...(params.attributes ? { attributes: params.attributes } : {}),
        ...(params.excludedAttributes ? { excludedAttributes: params.excludedAttributes } : {}),
        where: "list",
      }),
    );
  const base = {
    schemas:
      q.has("listUrnMissingUnfiltered") && params.filter === undefined
        ? []
        : ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
  };
  let count = params.count ?? maxPageSize;
  if (count < 0) count = q.has("negativeCountError") ? -1 : 0;
  if (count === -1) throw fail.invalidValue("count must not be negative");
  if (count > maxPageSize && !q.has("noMaxPageSize")) count = maxPageSize;
  const cursorMode =
    params.cursor !== undefined || (q.has("explicitMethodIgnored") && params.startIndex !== undefined);
  if (cursorMode) {
    const fingerprint = sign(
      JSON.stringify([
        params.filter ?? "",
        params.sortBy ?? "",
        params.sortOrder ?? "",
        types.map((t) => t.name),
      ]),
    );
    const position = decodeCursor(params.cursor ?? "", fingerprint, q);
    const offset = position.offset;
    if (q.has("cursorCountChangeError") && position.count !== undefined && position.count !== count) {
      throw fail.invalidValue("count may not change during a walk");
    }
    if (q.has("cursorCountZeroIgnored") && count === 0) count = maxPageSize;
    if (q.has("cursorCountIgnored")) count = maxPageSize;
    const resources = page(offset, count);
    const out: Json = { ...base, totalResults: total, itemsPerPage: resources.length, Resources: resources };
    const next = offset + count;
    if (count > 0 && (next < total || q.has("nextCursorOnLast")) && !q.has("noNextCursor"))
      out.nextCursor = encodeCursor(
        q.has("cursorRepeats") ? Math.max(0, next - 1) : next,
        fingerprint,
        count,
      );
    if ((offset > 0 || q.has("previousCursorOnFirst")) && count > 0)
      out.previousCursor = encodeCursor(
        q.has("previousCursorWrong") ? offset : Math.max(0, offset - count),
        fingerprint,
        count,
      );
    if (q.has("cursorWithSlashes")) {
      for (const key of ["nextCursor", "previousCursor"]) {
        if (typeof out[key] === "string") out[key] = `${String(out[key])}/+=`;
      }
    }
    if (q.has("cursorTotalMissing")) delete out.totalResults;
    return out;
  }
  let startIndex = params.startIndex ?? 1;
  if (startIndex < 1) {
    if (q.has("startIndexBelowOneError")) throw fail.invalidValue("startIndex must be at least 1");
    startIndex = 1;
  }
  const from = q.has("pagingRepeatsRows")
    ? Math.max(0, startIndex - 2)
    : q.has("zeroBasedStartIndex")
      ? (params.startIndex ?? 0)
      : startIndex - 1;
  const resources = page(from, q.has("countIgnored") ? total : count);
  const out: Json = {
    ...base,
    totalResults: q.has("totalResultsIsPageSize") ? resources.length : total,
    itemsPerPage: q.has("itemsPerPageIsCount") ? count : resources.length,
    startIndex,
    Resources: resources,
  };
  if (q.has("numericStringsInList")) {
    out.totalResults = String(out.totalResults);
  }
  if (q.has("noResourcesMember") && resources.length > 0) delete out.Resources;
  if (q.has("noPagingAttributes")) {
    delete out.startIndex;
    delete out.itemsPerPage;
  }
  return out;
}

function rawSortValue(type: TypeDef, full: Json, path: string): unknown {
  const resolved = resolvePath(type, path);
  if (resolved === undefined) return undefined;
  const holder = resolved.container === undefined ? full : full[resolved.container];
  const raw = isObject(holder) ? holder[resolved.attr.name] : undefined;
  if (resolved.sub !== undefined) return isObject(raw) ? raw[resolved.sub.name] : undefined;
  return raw;
}
