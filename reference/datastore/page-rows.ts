// The paging rules every datastore follows, written once over an ordered array (the in-memory store uses
// it directly; SQL stores implement the same rules with keyset predicates and LIMIT/OFFSET).
// - Index paging (RFC 7644 §3.4.2.4): 1-based startIndex, at most `count` rows, no positions.
// - Cursor paging (RFC 9865): "next" returns the rows after the position, "previous" the `count` rows
//   before it (in walk order, returned in walk order); without a position "next" starts at the first
//   row and "previous" ends at the last. `nextPosition` is set when rows follow the page,
//   `previousPosition` when rows precede it. `count` 0 returns no rows and no positions.
import type { CursorPage, IndexPage } from "./datastore.js";
import { comparePositions, decodePosition, encodePosition, type KeysetPosition } from "./keyset-position.js";

export interface PositionedRow<T> {
  readonly row: T;
  readonly position: KeysetPosition;
}

export interface RowPage<T> {
  readonly rows: T[];
  readonly nextPosition: string | undefined;
  readonly previousPosition: string | undefined;
}

function cursorPage<T>(walk: readonly PositionedRow<T>[], page: CursorPage, descending: boolean): RowPage<T> {
  const order = (a: KeysetPosition, b: KeysetPosition) => (descending ? -1 : 1) * comparePositions(a, b);
  const at = page.position === undefined ? undefined : decodePosition(page.position);
  if (page.count <= 0) return { rows: [], nextPosition: undefined, previousPosition: undefined };
  let taken: PositionedRow<T>[];
  if (page.direction === "next") {
    const after = at === undefined ? [...walk] : walk.filter((r) => order(r.position, at) > 0);
    taken = after.slice(0, page.count);
  } else {
    const before = at === undefined ? [...walk] : walk.filter((r) => order(r.position, at) < 0);
    taken = before.slice(Math.max(0, before.length - page.count));
  }
  const first = taken[0];
  const last = taken[taken.length - 1];
  const hasBefore = first !== undefined && walk.some((r) => order(r.position, first.position) < 0);
  const hasAfter = last !== undefined && walk.some((r) => order(r.position, last.position) > 0);
  return {
    rows: taken.map((r) => r.row),
    nextPosition: hasAfter && last !== undefined ? encodePosition(last.position) : undefined,
    previousPosition: hasBefore && first !== undefined ? encodePosition(first.position) : undefined,
  };
}

/** `walk` is every matching row in walk order: ascending positions, or descending when `descending`. */
export function pageRows<T>(
  walk: readonly PositionedRow<T>[],
  page: IndexPage | CursorPage,
  descending: boolean,
): RowPage<T> {
  if (page.kind === "cursor") return cursorPage(walk, page, descending);
  const start = Math.max(1, page.startIndex) - 1;
  const rows = page.count <= 0 ? [] : walk.slice(start, start + page.count).map((r) => r.row);
  return { rows, nextPosition: undefined, previousPosition: undefined };
}
