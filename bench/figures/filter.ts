// `filter=userName eq "…"` (the lookup Entra ID and Okta make before every create): its throughput at the
// large scale against GET by id on the same database (≥ 0.8: an indexed lookup costs about a read), and
// its 99th-percentile latency at the large scale against the same at 1,000 users (≤ 2.0: flat in size).
import { clientFor } from "../bench-servers.js";
import type { DatasetManifest } from "../dataset/reference-dataset.js";
import { compareThroughput } from "../measure/compare.js";
import { alternatingLatencies } from "../measure/latency.js";
import { median, quantile } from "../measure/stats.js";
import type { RequestSpec } from "../measure/throughput.js";
import type { ChildServer } from "../process/child-server.js";
import { type BenchRow, row } from "../report/bench-row.js";
import { authHeaders, count, type FigureContext, roundsOf } from "./figure-context.js";
import { getByIdRequest } from "./get-by-id.js";
import { throughputRow } from "./throughput-row.js";

export const filterPath = (userName: string): string =>
  `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

export function filterRequest(ctx: FigureContext, userNames: readonly string[]): RequestSpec {
  return {
    path: (i) => `/scim/v2${filterPath(userNames[i % userNames.length] ?? "")}`,
    headers: authHeaders(ctx),
  };
}

export async function filterThroughputFigure(
  ctx: FigureContext,
  reference: ChildServer,
  manifest: DatasetManifest,
): Promise<BenchRow> {
  ctx.log("userName filter vs GET by id, same database");
  const c = await compareThroughput(
    { server: reference, request: filterRequest(ctx, manifest.sampleUserNames) },
    { server: reference, request: getByIdRequest(ctx, manifest.sampleUserIds) },
    roundsOf(ctx),
  );
  return throughputRow(
    "filter-vs-get",
    `filter=userName eq "…" throughput at ${count(manifest.spec.users)} users, vs GET by id on the same database`,
    "GET /Users/{id}, same server",
    { on: "ratio", comparator: ">=", value: 0.8 },
    c,
  );
}

export async function filterP99Figure(
  ctx: FigureContext,
  large: { readonly server: ChildServer; readonly manifest: DatasetManifest },
  small: { readonly server: ChildServer; readonly manifest: DatasetManifest },
): Promise<BenchRow> {
  ctx.log(
    `userName filter p99: ${count(large.manifest.spec.users)} vs ${count(small.manifest.spec.users)} users`,
  );
  const side = (server: ChildServer, names: readonly string[]) => ({
    client: clientFor(server, ctx.token, 1),
    request: (i: number) => ({ method: "GET" as const, path: filterPath(names[i % names.length] ?? "") }),
    expect: [200],
  });
  const a = side(large.server, large.manifest.sampleUserNames);
  const b = side(small.server, small.manifest.sampleUserNames);
  try {
    await alternatingLatencies(a, b, Math.min(200, ctx.scale.latencySamples)); // warm-up
    const { a: big, b: little } = await alternatingLatencies(a, b, ctx.scale.latencySamples);
    const p99 = quantile(big, 0.99);
    const base = quantile(little, 0.99);
    return row({
      id: "filter-p99-scale",
      name: `filter=userName eq "…" p99 latency at ${count(large.manifest.spec.users)} users, vs at ${count(small.manifest.spec.users)} users`,
      value: p99,
      unit: "ms",
      baseline: { name: `the same at ${count(small.manifest.spec.users)} users`, value: base, unit: "ms" },
      ratio: p99 / base,
      target: { on: "ratio", comparator: "<=", value: 2 },
      notes: [
        `${ctx.scale.latencySamples} requests each, one at a time, alternating; medians ${median(big).toFixed(2)} vs ${median(little).toFixed(2)} ms.`,
      ],
    });
  } finally {
    a.client.close();
    b.client.close();
  }
}
