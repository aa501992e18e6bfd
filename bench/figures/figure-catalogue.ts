// Every row of the table, in its order, with the target each must meet. A figure that fails to
// measure still gets its row (value null, the error in its notes), so the report always has them all.
import type { Target } from "../report/bench-row.js";

export interface FigureEntry {
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  readonly target: Target;
}

const ratioAtLeast = (value: number): Target => ({ on: "ratio", comparator: ">=", value });
const ratioAtMost = (value: number): Target => ({ on: "ratio", comparator: "<=", value });

export const figureCatalogue: readonly FigureEntry[] = [
  {
    id: "get-by-id-vs-node-http",
    name: "GET /Users/{id} throughput, bearer auth, vs bare node:http",
    unit: "req/s per core",
    target: ratioAtLeast(0.5),
  },
  {
    id: "get-by-id-vs-koa",
    name: "GET /Users/{id} throughput, bearer auth, vs bare Koa",
    unit: "req/s per core",
    target: ratioAtLeast(0.6),
  },
  {
    id: "filter-vs-get",
    name: 'filter=userName eq "…" throughput vs GET by id, same database',
    unit: "req/s per core",
    target: ratioAtLeast(0.8),
  },
  {
    id: "filter-p99-scale",
    name: 'filter=userName eq "…" p99 at the large scale vs at 1,000 users',
    unit: "ms",
    target: ratioAtMost(2),
  },
  {
    id: "create-vs-get",
    name: "POST /Users throughput vs GET by id",
    unit: "req/s per core",
    target: ratioAtLeast(0.3),
  },
  {
    id: "bulk-import",
    name: "/Bulk import (1,000 operations a request)",
    unit: "users/s",
    target: { on: "value", comparator: ">=", value: 20_000 },
  },
  {
    id: "member-add-scale",
    name: "PATCH add one member, large group vs 100-member group (latency)",
    unit: "ms (median)",
    target: ratioAtMost(1.5),
  },
  {
    id: "group-get-vs-user-get",
    name: "GET /Groups/{id}?excludedAttributes=members, large group, vs GET user by id",
    unit: "req/s per core",
    target: ratioAtLeast(0.8),
  },
  {
    id: "cursor-walk",
    name: "Cursor walk, time per page at the end vs the first pages",
    unit: "ms per page (median)",
    target: ratioAtMost(1.5),
  },
  {
    id: "rss",
    name: "RSS while serving the large data set",
    unit: "MB",
    target: { on: "value", comparator: "<=", value: 300 },
  },
  {
    id: "scimmy-get-by-id",
    name: "GET /Users/{id} throughput, reference vs SCIMMY",
    unit: "req/s per core",
    target: ratioAtLeast(2),
  },
  {
    id: "scimmy-filter",
    name: 'filter=userName eq "…" throughput, reference vs SCIMMY',
    unit: "req/s per core",
    target: ratioAtLeast(10),
  },
  {
    id: "scimmy-member-add",
    name: "PATCH add one member, large group, reference vs SCIMMY (latency)",
    unit: "ms (median)",
    target: ratioAtLeast(100),
  },
  {
    id: "conformance-wall-time",
    name: "Full `npm run conformance` wall time",
    unit: "s",
    target: { on: "value", comparator: "<=", value: 60 },
  },
];
