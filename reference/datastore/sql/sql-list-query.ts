// Listing in SQL (RFC 7644 §3.4.2 filter/sort/page, RFC 9865 cursors) with the rules of page-rows.ts.
// The walk order is (rank, key, tie): rank 1 for entries without a sort value (last ascending, first
// descending, RFC 7644 §3.4.2.3), the normalised key, and the entry's pk as the stable tie-breaker.
// Cursor pages are keyset predicates on that triple, never offsets, so concurrent inserts and deletes
// neither repeat nor skip a row that exists throughout a walk.
//
// The steps are a generator that yields statements and receives their rows: SQLite drives it
// synchronously inside one read transaction, PostgreSQL can drive it with awaits.
import type { EntryQuery, StoreAttribute } from "../datastore.js";
import { attributeLabel } from "../entry-values.js";
import { assertSortable, engineAttributeName } from "../filter-operand.js";
import { decodePosition, encodePosition, type KeysetPosition } from "../keyset-position.js";
import { compareKeys } from "../store-key.js";
import { keyedAttribute } from "./index-rows.js";
import { compileStoreFilter } from "./sql-filter-compiler.js";
import type { FilterContext } from "./sql-filter-context.js";
import { join, raw, type SqlFragment, sql, sqlFalse, sqlTrue } from "./sql-fragment.js";

type Component = { readonly constant: number | string } | { readonly column: SqlFragment };

interface SortSource {
  readonly join: SqlFragment;
  /** rank, key, tie. Constants lead: an unsorted walk is (0, "", pk), an engine-field walk (0, key, pk). */
  readonly components: readonly [Component, Component, Component];
}

export interface ListedRow {
  readonly pk: number;
  readonly id: string;
  readonly doc: string;
  readonly display: string | null;
  readonly created: string;
  readonly modified: string;
  readonly version: number;
  readonly p_rank: number;
  readonly p_key: string;
}

export interface ListOutcome {
  readonly total: number;
  readonly rows: readonly ListedRow[];
  readonly nextPosition: string | undefined;
  readonly previousPosition: string | undefined;
}

const tie: Component = { column: raw("e.pk") };

/**
 * Below this many matching entries, a sort on an indexed attribute computes keys from the documents
 * instead of walking the attribute's whole sort index: `userName eq "x"` sorted by displayName should
 * read one entry, not every displayName row. Both ways give identical keys (index-rows.ts computes the
 * stored ones with the same sortKeyOf), so the order does not depend on which one ran.
 */
const documentSortLimit = 1000;

function sortSource(attr: StoreAttribute | undefined, ctx: FilterContext, fewRows: boolean): SortSource {
  if (attr === undefined) return { join: raw(""), components: [{ constant: 0 }, { constant: "" }, tie] };
  if (attr.source === "engine") {
    const name = engineAttributeName(attr);
    const column = name === "id" ? "e.id" : name === "meta.created" ? "e.created" : "e.modified";
    return { join: raw(""), components: [{ constant: 0 }, { column: raw(column) }, tie] };
  }
  if (keyedAttribute(ctx.compiled, attr) && !fewRows) {
    // Every entry has exactly one sorted row per keyed attribute (index-rows.ts), so this join neither
    // drops nor repeats entries, and index order is walk order.
    return {
      join: sql` JOIN entry_keys s ON s.scope = ${ctx.scopeId} AND s.attr = ${attributeLabel(attr)} AND s.sorted = 1 AND s.entry = e.pk`,
      components: [{ column: raw("s.rank") }, { column: raw("s.key") }, { column: raw("s.entry") }],
    };
  }
  const key = ctx.dialect.sortKey(ctx.dialect.document("e"), attr);
  return {
    join: raw(""),
    components: [
      { column: sql`CASE WHEN ${key} IS NULL THEN 1 ELSE 0 END` },
      { column: sql`coalesce(${key}, '')` },
      tie,
    ],
  };
}

function compareConstant(a: number | string, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return compareKeys(String(a), String(b));
}

/** Rows strictly after (`>`) or before (`<`) a position in ascending (rank, key, tie) order. */
function keyset(source: SortSource, at: KeysetPosition, op: ">" | "<"): SqlFragment {
  const wanted = [at.rank, at.key, at.tie] as const;
  const columns: SqlFragment[] = [];
  const values: SqlFragment[] = [];
  source.components.forEach((component, i) => {
    const value = wanted[i] ?? 0;
    if ("column" in component) {
      columns.push(component.column);
      values.push(sql`${value}`);
    }
  });
  for (let i = 0; i < source.components.length; i++) {
    const component = source.components[i];
    if (component === undefined || "column" in component) break;
    const cmp = compareConstant(component.constant, wanted[i] ?? 0);
    if (cmp !== 0) return (op === ">" ? cmp > 0 : cmp < 0) ? sqlTrue : sqlFalse;
  }
  if (columns.length === 1) return sql`${columns[0] ?? sqlFalse} ${raw(op)} ${values[0] ?? sqlFalse}`;
  return sql`(${join(columns, ", ")}) ${raw(op)} (${join(values, ", ")})`;
}

function orderBy(source: SortSource, descending: boolean): SqlFragment {
  const direction = raw(descending ? " DESC" : "");
  const columns: SqlFragment[] = [];
  for (const c of source.components) if ("column" in c) columns.push(sql`${c.column}${direction}`);
  return join(columns, ", ");
}

function expression(component: Component): SqlFragment {
  if ("column" in component) return component.column;
  // Our own constants (0 and ""), written as literals: PostgreSQL cannot type a bare parameter in a
  // select list.
  return raw(typeof component.constant === "number" ? String(Math.trunc(component.constant)) : "''");
}

/**
 * LIMIT as a literal: with a bound LIMIT, SQLite 3.53 runs an indexed lookup three times slower (measured
 * on `userName eq`: 31 µs bound, 10 µs literal). The value is our own integer, never input text.
 */
function limit(rows: number): SqlFragment {
  const n = Math.max(0, Math.min(Number.MAX_SAFE_INTEGER, Math.trunc(rows)));
  return raw(`LIMIT ${n}`);
}

function position(row: ListedRow): KeysetPosition {
  return { rank: row.p_rank === 1 ? 1 : 0, key: row.p_key, tie: row.pk };
}

/** Yields statements (page, existence checks, count when needed) and returns the page. */
export function* listSteps(
  query: EntryQuery,
  ctx: FilterContext,
): Generator<SqlFragment, ListOutcome, unknown[]> {
  const compiled =
    query.filter === undefined ? { condition: sqlTrue, keyed: false } : compileStoreFilter(query.filter, ctx);
  const condition = compiled.condition;
  // When the filter names its entries by pk (an indexed set), `+` keeps the scope test from using the
  // scope index, so SQLite reads each entry by rowid instead of probing that index first.
  const inScope = compiled.keyed ? sql`+e.scope = ${ctx.scopeId}` : sql`e.scope = ${ctx.scopeId}`;
  if (query.sort !== undefined) assertSortable(query.sort.attribute);
  const page = query.page;
  const at =
    page.kind === "cursor" && page.position !== undefined ? decodePosition(page.position) : undefined;
  const scoped = sql`FROM entries e WHERE ${inScope} AND ${condition}`;
  function* count(): Generator<SqlFragment, number, unknown[]> {
    // Unfiltered, the total is the scope's kept entry count (the dialect's countEntries), not a walk.
    const counted =
      query.filter === undefined
        ? yield ctx.dialect.countEntries(ctx.scopeId)
        : yield sql`SELECT count(*) AS n ${scoped}`;
    return Number((counted[0] as { n?: unknown } | undefined)?.n ?? 0);
  }
  if (page.count <= 0) {
    return { total: yield* count(), rows: [], nextPosition: undefined, previousPosition: undefined };
  }

  let fewRows = false;
  if (
    query.filter !== undefined &&
    query.sort !== undefined &&
    keyedAttribute(ctx.compiled, query.sort.attribute)
  ) {
    // A bounded count: at most documentSortLimit + 1 entries are read to decide.
    const few =
      yield sql`SELECT count(*) AS n FROM (SELECT 1 ${scoped} ${limit(documentSortLimit + 1)}) AS f`;
    fewRows = Number((few[0] as { n?: unknown } | undefined)?.n ?? 0) <= documentSortLimit;
  }
  const source = sortSource(query.sort?.attribute, ctx, fewRows);

  const [rank, key] = source.components;
  const select = (where: SqlFragment, descending: boolean, rows: SqlFragment) =>
    sql`SELECT e.pk, e.id, e.doc, e.display, e.created, e.modified, e.version, ${expression(rank)} AS p_rank, ${expression(key)} AS p_key FROM entries e${source.join} WHERE ${inScope} AND ${condition} AND ${where} ORDER BY ${orderBy(source, descending)} ${rows}`;
  const exists = (where: SqlFragment) =>
    sql`SELECT 1 AS found FROM entries e${source.join} WHERE ${inScope} AND ${condition} AND ${where} LIMIT 1`;
  const descending = query.sort?.descending === true;

  // The total is only counted when the page does not already show it: a first page that is not full
  // holds the whole result, which is the common IdP lookup (`userName eq "…"` returns one entry).
  if (page.kind === "index") {
    const offset = Math.max(1, page.startIndex) - 1;
    const rows = (yield select(
      sqlTrue,
      descending,
      sql`${limit(page.count)} OFFSET ${offset}`,
    )) as ListedRow[];
    const shown = rows.length < page.count && (rows.length > 0 || offset === 0);
    const total = shown ? offset + rows.length : yield* count();
    return { total, rows, nextPosition: undefined, previousPosition: undefined };
  }

  // In walk order, "after" is ">" ascending and "<" descending.
  const after: ">" | "<" = descending ? "<" : ">";
  const before: ">" | "<" = descending ? ">" : "<";
  const oneMore = limit(page.count + 1);
  let taken: ListedRow[];
  let hasBefore: boolean;
  let hasAfter: boolean;
  if (page.direction === "next") {
    const rows = (yield select(
      at === undefined ? sqlTrue : keyset(source, at, after),
      descending,
      oneMore,
    )) as ListedRow[];
    taken = rows.slice(0, page.count);
    hasAfter = rows.length > page.count;
    const first = taken[0];
    hasBefore =
      at !== undefined &&
      first !== undefined &&
      (yield exists(keyset(source, position(first), before))).length > 0;
  } else {
    const rows = (yield select(
      at === undefined ? sqlTrue : keyset(source, at, before),
      !descending,
      oneMore,
    )) as ListedRow[];
    taken = rows.slice(0, page.count).reverse();
    hasBefore = rows.length > page.count;
    const last = taken[taken.length - 1];
    hasAfter =
      at !== undefined &&
      last !== undefined &&
      (yield exists(keyset(source, position(last), after))).length > 0;
  }
  const first = taken[0];
  const last = taken[taken.length - 1];
  const whole = !hasBefore && !hasAfter && (at === undefined || taken.length > 0);
  return {
    total: whole ? taken.length : yield* count(),
    rows: taken,
    nextPosition: hasAfter && last !== undefined ? encodePosition(position(last)) : undefined,
    previousPosition: hasBefore && first !== undefined ? encodePosition(position(first)) : undefined,
  };
}
