// Resident memory of the reference server while it serves the large data set (≤ 300 MB): the largest
// RSS sampled from /proc while it answered every figure measured on it.
import type { ChildServer } from "../process/child-server.js";
import { describeStartCommand } from "../process/start-command.js";
import { type BenchRow, row } from "../report/bench-row.js";
import { count } from "./figure-context.js";

export function rssFigure(
  server: ChildServer,
  users: number,
  phases: readonly { readonly phase: string; readonly rssMb: number }[],
): BenchRow {
  const now = server.sample();
  const byPhase = phases.map((p) => `${p.phase} ${p.rssMb.toFixed(0)} MB`).join(", ");
  return row({
    id: "rss",
    name: `RSS of the reference server while serving ${count(users)} users`,
    value: server.maxSampledRssMb > 0 ? server.maxSampledRssMb : null,
    unit: "MB",
    target: { on: "value", comparator: "<=", value: 300 },
    notes: [
      `Largest VmRSS sampled every 250 ms during the figures above; the kernel's high-water mark (VmHWM) was ${now === undefined ? "unavailable" : `${now.peakRssMb.toFixed(0)} MB`}. SQLite's page cache is bounded (16 MiB per connection, two connections).`,
      ...(byPhase === "" ? [] : [`Largest RSS by phase: ${byPhase}.`]),
      `The server ran as ${describeStartCommand()}.`,
    ],
  });
}
