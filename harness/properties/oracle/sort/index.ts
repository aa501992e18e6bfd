// The sort oracle (RFC 7644 §3.4.2.3).
export type { OrderViolation, SortKey, SortOrder } from "./sort-oracle.js";
export { compareKeys, oracleSort, orderViolations, sortAttribute, sortKey } from "./sort-oracle.js";
