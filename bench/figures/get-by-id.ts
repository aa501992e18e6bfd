// GET /Users/{id} with bearer authentication against the floor a Node server can reach: a bare node:http
// server and a bare Koa handler returning the same JSON (the reference server's own representations of
// the same users) from a Map. Targets: ≥ 0.5 of node:http, ≥ 0.6 of Koa. A third server, bare Koa that
// only checks the token and reads the stored JSON from SQLite (servers/koa-sqlite-server.ts), is measured
// against the same Koa baseline: what any SQLite-backed server reaches before doing anything SCIM asks,
// reported in the notes of the Koa row.
import type { DatasetManifest } from "../dataset/reference-dataset.js";
import { compareThroughput } from "../measure/compare.js";
import type { RequestSpec } from "../measure/throughput.js";
import type { ChildServer } from "../process/child-server.js";
import type { BenchRow } from "../report/bench-row.js";
import { authHeaders, count, type FigureContext, roundsOf } from "./figure-context.js";
import { throughputRow } from "./throughput-row.js";

export function getByIdRequest(ctx: FigureContext, ids: readonly string[]): RequestSpec {
  return {
    path: (i) => `/scim/v2/Users/${ids[i % ids.length]}`,
    headers: authHeaders(ctx),
  };
}

export async function getByIdFigures(
  ctx: FigureContext,
  reference: ChildServer,
  manifest: DatasetManifest,
  baselines: { readonly nodeHttp: ChildServer; readonly koa: ChildServer; readonly koaSqlite: ChildServer },
): Promise<BenchRow[]> {
  const request = getByIdRequest(ctx, manifest.sampleUserIds);
  const rows: BenchRow[] = [];
  const users = count(manifest.spec.users);
  ctx.log("GET /Users/{id}: Koa + token check + SQLite read vs bare Koa handler");
  const floor = await compareThroughput(
    { server: baselines.koaSqlite, request },
    { server: baselines.koa, request },
    roundsOf(ctx),
  );
  const r = (n: number) => n.toFixed(2);
  const floorNote = `The floor of a SQLite-backed server: bare Koa that checks the bearer token and reads the stored JSON by primary key from SQLite (no access log, mapping, groups or ETag) ran at ×${r(floor.ratio.median)} (rounds ${r(floor.ratio.min)}–${r(floor.ratio.max)}) of this baseline in the same run.`;
  for (const [id, baseline, name, target] of [
    ["get-by-id-vs-node-http", baselines.nodeHttp, "bare node:http (Map)", 0.5],
    ["get-by-id-vs-koa", baselines.koa, "bare Koa handler (Map)", 0.6],
  ] as const) {
    ctx.log(`GET /Users/{id}: reference vs ${name}`);
    const c = await compareThroughput(
      { server: reference, request },
      { server: baseline, request },
      roundsOf(ctx),
    );
    rows.push(
      throughputRow(
        id,
        `GET /Users/{id} throughput, bearer auth, ${users} users, vs ${name}`,
        name,
        { on: "ratio", comparator: ">=", value: target },
        c,
        baseline === baselines.koa ? [floorNote] : [],
      ),
    );
  }
  return rows;
}
