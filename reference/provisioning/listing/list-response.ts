// The ListResponse message (RFC 7644 §3.4.2, Figure 3; RFC 9865 §2 for nextCursor/previousCursor).
// `Resources` is always present, empty when nothing is returned (count=0 still reports totalResults);
// `startIndex` belongs to index paging and the cursors to cursor paging.
import type { JsonObject } from "../../protocol/resource/json.js";
import { messageUrns } from "../../protocol/schema/schema-definition.js";

export interface ListPage {
  readonly totalResults: number;
  readonly resources: readonly JsonObject[];
  readonly startIndex?: number | undefined;
  readonly nextCursor?: string | undefined;
  readonly previousCursor?: string | undefined;
}

export function listResponse(page: ListPage): JsonObject {
  return {
    schemas: [messageUrns.listResponse],
    totalResults: page.totalResults,
    itemsPerPage: page.resources.length,
    ...(page.startIndex === undefined ? {} : { startIndex: page.startIndex }),
    ...(page.previousCursor === undefined ? {} : { previousCursor: page.previousCursor }),
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    Resources: [...page.resources],
  };
}
