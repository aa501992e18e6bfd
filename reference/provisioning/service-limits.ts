// The limits the server enforces and advertises. /ServiceProviderConfig is generated from these same
// values (STYLE.md §4: never a hand-kept copy), so what a client reads is exactly what it gets.
export interface ServiceLimits {
  /** RFC 7643 §5 `filter.maxResults`: the most resources one list response returns. */
  readonly maxResults: number;
  /** RFC 9865 §4 `defaultPageSize`: page size when a request names no `count`. */
  readonly defaultPageSize: number;
  /** RFC 9865 §4 `cursorTimeout`: seconds a cursor stays valid. */
  readonly cursorTimeoutSeconds: number;
  /** RFC 9865 §2.5: the method used when a request names neither `startIndex` nor `cursor`. */
  readonly defaultPaginationMethod: "index" | "cursor";
  /** RFC 7644 §3.7.4 `bulk.maxOperations`. */
  readonly bulkMaxOperations: number;
  /** RFC 7644 §3.7.4 `bulk.maxPayloadSize`, in bytes. */
  readonly bulkMaxPayloadSize: number;
  /** Largest non-Bulk request body, in bytes (a PUT of a group with many members is the big case). */
  readonly maxBodySize: number;
  /**
   * How many entries a query may scan when part of its filter or its sort cannot run in the datastore
   * (mapping.ts `residual`); beyond it the request fails with 400 `tooMany` (RFC 7644 §3.4.2.1).
   */
  readonly inMemoryScanLimit: number;
  /** Attempts of a read-modify-write (PUT, PATCH without If-Match) that lost a race before giving up. */
  readonly writeRetries: number;
}

export const defaultServiceLimits: ServiceLimits = Object.freeze({
  maxResults: 1000,
  defaultPageSize: 100,
  cursorTimeoutSeconds: 3600,
  defaultPaginationMethod: "index",
  bulkMaxOperations: 1000,
  bulkMaxPayloadSize: 4 * 1024 * 1024,
  maxBodySize: 10 * 1024 * 1024,
  inMemoryScanLimit: 10_000,
  writeRetries: 5,
});
