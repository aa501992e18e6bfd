// The paging rules every datastore follows, written once over an ordered array (the in-memory store uses
// it directly; SQL stores implement the same rules with keyset predicates and LIMIT/OFFSET).
// - Index paging (RFC 7644 §3.4.2.4): 1-based startIndex, at most `count` rows, no positions.
// - Cursor paging (RFC 9865): "next" returns the rows after the position, "previous" the `count` rows
//   before it (in walk order, returned in walk order); without a position "next" starts at the first
//   row and "previous" ends at the last. `nextPosition` is set when rows follow the page,
//   `previousPosition` when rows precede it. `count` 0 returns no rows and no positions.
// Positions are keyset-position.ts's by default; a store whose rows have no creation sequence (LDAP,
// ldap-cursor.ts) passes its own codec and order.
import type { CursorPage, IndexPage } from "./datastore.js";
import { comparePositions, decodePosition, encodePosition, type KeysetPosition } from "./keyset-position.js";

export interface PositionedRow<T, P = KeysetPosition> {
  readonly row: T;
  readonly position: P;
}

/** How a store's positions order, and how they travel as opaque cursor text. */
export interface PositionCodec<P> {
  readonly compare: (a: P, b: P) => number;
  readonly encode: (position: P) => string;
  /** Throws 400 invalidCursor (RFC 9865 §5) for text that names no position. */
  readonly decode: (text: string) => P;
}

const keysetCodec: PositionCodec<KeysetPosition> = {
  compare: comparePositions,
  encode: encodePosition,
  decode: decodePosition,
};

export interface RowPage<T> {
  readonly rows: T[];
  readonly nextPosition: string | undefined;
  readonly previousPosition: string | undefined;
}

function cursorPage<T, P>(
  walk: readonly PositionedRow<T, P>[],
  page: CursorPage,
  descending: boolean,
  codec: PositionCodec<P>,
): RowPage<T> {
  const order = (a: P, b: P) => (descending ? -1 : 1) * codec.compare(a, b);
  const at = page.position === undefined ? undefined : codec.decode(page.position);
  if (page.count <= 0) return { rows: [], nextPosition: undefined, previousPosition: undefined };
  let taken: PositionedRow<T, P>[];
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
    nextPosition: hasAfter && last !== undefined ? codec.encode(last.position) : undefined,
    previousPosition: hasBefore && first !== undefined ? codec.encode(first.position) : undefined,
  };
}

/** `walk` is every matching row in walk order: ascending positions, or descending when `descending`. */
export function pageRows<T>(
  walk: readonly PositionedRow<T>[],
  page: IndexPage | CursorPage,
  descending: boolean,
): RowPage<T> {
  return pageRowsWith(walk, page, descending, keysetCodec);
}

/** `pageRows` over positions of the store's own kind. */
export function pageRowsWith<T, P>(
  walk: readonly PositionedRow<T, P>[],
  page: IndexPage | CursorPage,
  descending: boolean,
  codec: PositionCodec<P>,
): RowPage<T> {
  if (page.kind === "cursor") return cursorPage(walk, page, descending, codec);
  const start = Math.max(1, page.startIndex) - 1;
  const rows = page.count <= 0 ? [] : walk.slice(start, start + page.count).map((r) => r.row);
  return { rows, nextPosition: undefined, previousPosition: undefined };
}
