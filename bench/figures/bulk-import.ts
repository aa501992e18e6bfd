// /Bulk import into an empty server: users per second of wall-clock time, 1,000 operations a request,
// one request at a time, as an import client would send them (target ≥ 20,000 users/s, "stated as
// measured"). Request bodies are serialised before the clock starts: the figure is the server's.
import type { BenchScale } from "../bench-scale.js";
import { bulkBody } from "../dataset/bulk-load.js";
import type { ChildServer } from "../process/child-server.js";
import { describeStartCommand } from "../process/start-command.js";
import { type BenchRow, row } from "../report/bench-row.js";
import { count, type FigureContext } from "./figure-context.js";

export async function bulkImportFigure(
  ctx: FigureContext,
  server: ChildServer,
  scale: BenchScale,
): Promise<BenchRow> {
  const total = scale.bulkImportUsers;
  const per = scale.bulkPerRequest;
  ctx.log(`Bulk import of ${count(total)} users, ${count(per)} per request`);
  const bodies: string[] = [];
  for (let from = 0; from < total; from += per)
    bodies.push(JSON.stringify(bulkBody(from, Math.min(per, total - from), "import")));
  const headers = {
    authorization: `Bearer ${ctx.token}`,
    "content-type": "application/scim+json",
    accept: "application/scim+json",
  };
  const before = server.sample();
  const started = performance.now();
  for (const [k, body] of bodies.entries()) {
    const response = await fetch(`${server.origin}/scim/v2/Bulk`, { method: "POST", headers, body });
    const answer = (await response.json()) as { Operations?: { status?: string }[] };
    const failed = (answer.Operations ?? []).filter((o) => o.status !== "201").length;
    if (response.status !== 200 || failed > 0)
      throw new Error(`Bulk request ${k + 1}: HTTP ${response.status}, ${failed} operation(s) failed`);
  }
  const seconds = (performance.now() - started) / 1000;
  const after = server.sample();
  const cpuSeconds =
    before !== undefined && after !== undefined ? (after.cpuMs - before.cpuMs) / 1000 : Number.NaN;
  return row({
    id: "bulk-import",
    name: `/Bulk import of ${count(total)} users (${count(per)} operations a request)`,
    value: total / seconds,
    unit: "users/s",
    target: { on: "value", comparator: ">=", value: 20_000 },
    notes: [
      `${bodies.length} requests in ${seconds.toFixed(2)} s wall-clock, one at a time, into an empty database${Number.isFinite(cpuSeconds) ? `; the server used ${cpuSeconds.toFixed(2)} s of CPU (${Math.round(total / cpuSeconds).toLocaleString("en-US")} users per CPU-second)` : ""}.`,
      `The server ran as ${describeStartCommand()}.`,
    ],
  });
}
