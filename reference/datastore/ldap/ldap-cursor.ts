// Keyset positions for RFC 9865 cursors over directory entries: (rank, key, createKey, id), where rank 0
// holds entries with a sort value and rank 1 those without (RFC 7644 §3.4.2.3), key is the normalised
// sort key, and creation order then entryUUID break ties. The directory has no creation sequence number
// to put in keyset-position.ts's numeric tie, hence this variant; the paging rules are page-rows.ts's.
// A position is a value, not an offset, so entries created or deleted between two pages never shift a
// walk; every candidate is re-read and re-filtered for each page, so a position stays meaningful however
// the directory changed.
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { CursorPage, IndexPage } from "../datastore.js";
import { compareKeys } from "../store-key.js";

export interface LdapPosition {
  readonly rank: 0 | 1;
  readonly key: string;
  readonly createKey: string;
  readonly id: string;
}

export function encodeLdapPosition(p: LdapPosition): string {
  return Buffer.from(JSON.stringify([p.rank, p.key, p.createKey, p.id])).toString("base64url");
}

/** RFC 9865 §5: a position that does not decode is 400 invalidCursor. */
export function decodeLdapPosition(text: string): LdapPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 4 &&
    (parsed[0] === 0 || parsed[0] === 1) &&
    parsed.slice(1).every((part) => typeof part === "string")
  ) {
    return { rank: parsed[0], key: parsed[1], createKey: parsed[2], id: parsed[3] };
  }
  throw badRequest("invalidCursor", "the cursor does not name a position in this result set");
}

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Ascending total order; a descending walk reverses all of it, ties and missing values included. */
export function compareLdapPositions(a: LdapPosition, b: LdapPosition): number {
  return a.rank - b.rank || compareKeys(a.key, b.key) || text(a.createKey, b.createKey) || text(a.id, b.id);
}

export interface Positioned<T> {
  readonly row: T;
  readonly position: LdapPosition;
}

export interface PageOf<T> {
  readonly rows: T[];
  readonly nextPosition: string | undefined;
  readonly previousPosition: string | undefined;
}

/** page-rows.ts's rules over a walk in walk order (ascending, or descending when `descending`). */
export function pageWalk<T>(
  walk: readonly Positioned<T>[],
  page: IndexPage | CursorPage,
  descending: boolean,
): PageOf<T> {
  if (page.kind === "index") {
    const start = Math.max(1, page.startIndex) - 1;
    const rows = page.count <= 0 ? [] : walk.slice(start, start + page.count).map((r) => r.row);
    return { rows, nextPosition: undefined, previousPosition: undefined };
  }
  const at = page.position === undefined ? undefined : decodeLdapPosition(page.position);
  if (page.count <= 0) return { rows: [], nextPosition: undefined, previousPosition: undefined };
  const order = (a: LdapPosition, b: LdapPosition) => (descending ? -1 : 1) * compareLdapPositions(a, b);
  let taken: Positioned<T>[];
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
    nextPosition: hasAfter && last !== undefined ? encodeLdapPosition(last.position) : undefined,
    previousPosition: hasBefore && first !== undefined ? encodeLdapPosition(first.position) : undefined,
  };
}
