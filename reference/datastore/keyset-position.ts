// Keyset positions for RFC 9865 cursor paging. A position names one row of the total order a query
// walks: (rank, key, tie) where rank 0 holds rows that have a sort value and rank 1 rows that have none
// (RFC 7644 §3.4.2.3: those sort last ascending and first descending), key is the normalised sort key
// ("" when unsorted or missing) and tie is the store's stable creation sequence. Because the position
// is a value rather than an offset, rows inserted or deleted elsewhere never shift a walk: every row that
// exists throughout is returned exactly once. The protocol layer wraps (and signs) the opaque text.
import { badRequest } from "../protocol/errors/scim-error.js";
import { compareKeys } from "./store-key.js";

export interface KeysetPosition {
  readonly rank: 0 | 1;
  readonly key: string;
  readonly tie: number;
}

export function encodePosition(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.rank, position.key, position.tie])).toString("base64url");
}

/** RFC 9865 §5: a position that does not decode is an `invalidCursor` (400). */
export function decodePosition(text: string): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    (parsed[0] === 0 || parsed[0] === 1) &&
    typeof parsed[1] === "string" &&
    Number.isSafeInteger(parsed[2])
  ) {
    return { rank: parsed[0], key: parsed[1], tie: parsed[2] as number };
  }
  throw badRequest("invalidCursor", "the cursor does not name a position in this result set");
}

/** Ascending total order of positions; descending walks reverse it entirely (ties included). */
export function comparePositions(a: KeysetPosition, b: KeysetPosition): number {
  return a.rank - b.rank || compareKeys(a.key, b.key) || a.tie - b.tie;
}
