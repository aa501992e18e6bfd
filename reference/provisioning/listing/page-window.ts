// Which page a list request asks for. Index paging follows RFC 7644 §3.4.2.4 Table 6: startIndex < 1 is
// read as 1, a negative count as 0, count 0 returns only totalResults. A count above `maxResults` is
// capped: the response then carries fewer resources than asked (itemsPerPage says how many, which the RFC
// allows: "MAY return fewer results") and the server logs the cap, since a client that pages by count
// must not assume it got what it asked for. Cursor paging (RFC 9865 §2) is chosen by a `cursor` parameter,
// index paging by `startIndex`, and otherwise by the configured default (RFC 9865 §2.5).
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { ServiceLimits } from "../service-limits.js";
import type { SearchParams } from "./search-params.js";

export interface IndexWindow {
  readonly kind: "index";
  readonly startIndex: number;
  readonly count: number;
}

export interface CursorWindow {
  readonly kind: "cursor";
  /** The opaque cursor the client sent, "" for the first page. */
  readonly cursor: string;
  readonly count: number;
}

export interface PageWindow {
  readonly window: IndexWindow | CursorWindow;
  /** The count the client asked for when it was above maxResults; undefined when nothing was capped. */
  readonly cappedFrom: number | undefined;
}

export function pageWindow(
  params: SearchParams,
  limits: ServiceLimits,
  cursorSupported: boolean,
): PageWindow {
  if (params.cursor !== undefined && params.startIndex !== undefined) {
    throw badRequest(
      "invalidValue",
      "Use either cursor (RFC 9865) or startIndex (RFC 7644 §3.4.2.4), not both.",
    );
  }
  const requested = params.count ?? limits.defaultPageSize;
  const nonNegative = Math.max(0, requested);
  const count = Math.min(nonNegative, limits.maxResults);
  const cappedFrom = nonNegative > limits.maxResults ? requested : undefined;
  const useCursor =
    params.cursor !== undefined ||
    (params.startIndex === undefined && limits.defaultPaginationMethod === "cursor");
  if (useCursor && cursorSupported)
    return { window: { kind: "cursor", cursor: params.cursor ?? "", count }, cappedFrom };
  if (params.cursor !== undefined) {
    throw badRequest(
      "invalidCursor",
      "This server does not page with cursors; use startIndex (RFC 9865 §4).",
    );
  }
  return { window: { kind: "index", startIndex: Math.max(1, params.startIndex ?? 1), count }, cappedFrom };
}
