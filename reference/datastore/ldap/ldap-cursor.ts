// Keyset positions for RFC 9865 cursors over directory entries: (rank, key, createKey, id), where rank 0
// holds entries with a sort value and rank 1 those without (RFC 7644 §3.4.2.3), key is the normalised
// sort key, and creation order then entryUUID break ties. The directory has no creation sequence number
// to put in keyset-position.ts's numeric tie, hence this variant; the paging rules are page-rows.ts's.
// A position is a value, not an offset, so entries created or deleted between two pages never shift a
// walk; every candidate is re-read and re-filtered for each page, so a position stays meaningful however
// the directory changed.
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { CursorPage, IndexPage } from "../datastore.js";
import { type PositionCodec, type PositionedRow, pageRowsWith, type RowPage } from "../page-rows.js";
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

export type Positioned<T> = PositionedRow<T, LdapPosition>;

const ldapCodec: PositionCodec<LdapPosition> = {
  compare: compareLdapPositions,
  encode: encodeLdapPosition,
  decode: decodeLdapPosition,
};

/** page-rows.ts's rules over a walk in walk order (ascending, or descending when `descending`). */
export function pageWalk<T>(
  walk: readonly Positioned<T>[],
  page: IndexPage | CursorPage,
  descending: boolean,
): RowPage<T> {
  return pageRowsWith(walk, page, descending, ldapCodec);
}
