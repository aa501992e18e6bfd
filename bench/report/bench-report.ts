// reports/bench/latest.json and latest.md. The Markdown is for someone who has never seen the project:
// what was compared, on what machine, how each ratio was measured, and whether each target was met.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BenchScale } from "../bench-scale.js";
import type { BenchRow } from "./bench-row.js";
import { targetText } from "./bench-row.js";
import type { MachineInfo } from "./machine-info.js";

export const benchReportVersion = "1.0";

export interface DatasetReport {
  readonly name: string;
  readonly users: number;
  /** null when a kept data set was reused (--data-dir). */
  readonly loadSeconds: number | null;
  readonly reused: boolean;
}

export interface BenchReport {
  readonly version: string;
  readonly scale: BenchScale;
  readonly machine: MachineInfo;
  readonly startedAt: string;
  readonly elapsedSeconds: number;
  readonly generator: string;
  readonly rows: readonly BenchRow[];
  readonly datasets: readonly DatasetReport[];
}

const number = (n: number | null): string =>
  n === null ? "—" : Math.abs(n) >= 1000 ? Math.round(n).toLocaleString("en-US") : String(n);

function measured(value: number | null, unit: string): string {
  return value === null ? "not measured" : `${number(value)} ${unit}`;
}

function ratioText(r: BenchRow): string {
  if (r.ratio === null) return "—";
  const spread =
    r.spread === null || r.spread.rounds < 2
      ? ""
      : ` (${number(r.spread.min)}–${number(r.spread.max)}, ${r.spread.rounds} rounds)`;
  return `${number(r.ratio)}${spread}`;
}

function metText(met: boolean | null): string {
  return met === null ? "—" : met ? "✅ yes" : "❌ no";
}

/** Table cells of ours only, but `|` would still break a row. */
const cell = (text: string): string => text.replaceAll("|", "\\|").replaceAll("\n", " ");

export function renderBenchMarkdown(report: BenchReport): string {
  const m = report.machine;
  const met = report.rows.filter((r) => r.met === true).length;
  const missed = report.rows.filter((r) => r.met === false).length;
  const open = report.rows.filter((r) => r.met === null).length;
  const lines = [
    `# scim-conformance benchmark — ${report.scale.label} scale`,
    "",
    "This compares the reference SCIM server of this repository (Koa on embedded SQLite, started as",
    "`npm start` starts it) with baselines measured **in the same run, side by side**: a bare `node:http`",
    "server and a bare Koa handler that return the same JSON from a Map, the same server at a smaller",
    "scale, and a SCIM server built on SCIMMY (the npm library a Node developer would pick). Every server",
    "runs in its own process on loopback; the load comes from this process. The targets are ratios, not",
    "absolute times, because this machine is shared and its speed varies from minute to minute.",
    "",
    `**${met} met, ${missed} missed${open > 0 ? `, ${open} not measured` : ""}** of ${report.rows.length} figures · ${report.startedAt} · ${Math.round(report.elapsedSeconds)} s`,
    "",
    "## Machine",
    "",
    "| CPU | cores | memory | OS | Node.js | load average at start (1/5/15 min) | commit |",
    "|---|---:|---:|---|---|---|---|",
    `| ${cell(m.cpuModel)} | ${m.cores} | ${m.memoryGiB} GiB | ${cell(m.os)} | ${m.node} | ${m.loadAverageAtStart.join(" / ")} | ${m.commit ?? "—"} |`,
    "",
    "## Figures",
    "",
    "| figure | measured | baseline (same run) | ratio | target | met |",
    "|---|---:|---|---:|---:|:---:|",
    ...report.rows.map(
      (r) =>
        `| ${cell(r.name)} | ${cell(measured(r.value, r.unit))} | ${cell(r.baseline === null ? "—" : `${r.baseline.name}: ${measured(r.baseline.value, r.baseline.unit)}`)} | ${cell(ratioText(r))} | ${cell(targetText(r.target))}${r.target.on === "value" ? ` ${cell(r.unit)}` : ""} | ${metText(r.met)} |`,
    ),
    "",
    "## Notes on each figure",
    "",
    ...report.rows.flatMap((r) =>
      r.notes.length === 0 ? [] : [`- **${cell(r.name)}**: ${r.notes.join(" ")}`],
    ),
    "",
    "## Data sets",
    "",
    ...report.datasets.map(
      (d) =>
        `- ${d.name}: ${number(d.users)} users, ${d.reused ? "reused from --data-dir" : `loaded through /Bulk in ${d.loadSeconds?.toFixed(1)} s (${number(Math.round(d.users / (d.loadSeconds ?? 1)))} users/s)`}`,
    ),
    "",
    "## How the figures were measured",
    "",
    `- Load generator: ${report.generator}`,
    "- **Throughput** figures run closed-loop load (a fixed number of connections, each sending its next",
    "  request when the last one is answered) against the subject and its baseline in alternating order,",
    `  ${report.scale.rounds} round(s) of ${report.scale.roundMs / 1000} s each after a warm-up; each round gives one ratio and the table`,
    "  shows the median with the smallest and largest. Throughput is counted **per core of the server**:",
    "  requests divided by the CPU time the server process used (from /proc), because on a shared machine",
    "  wall-clock requests per second depend on what else runs; the wall-clock ratios are in the notes.",
    "- **Latency** figures send one request at a time, alternating between the two servers compared, and",
    "  compare medians (or the 99th percentile where the figure says so).",
    "- **RSS** is read from /proc while the server answers the figures above (the largest value seen).",
    "- Data is loaded through the servers' own SCIM API (/Bulk for the reference server) before anything",
    "  is timed, and the servers are restarted after loading, so memory and caches are those of a server",
    "  that serves the data, not one that just imported it.",
    "",
  ];
  return lines.join("\n");
}

export function writeBenchReport(report: BenchReport, reportsRoot = "reports"): { json: string; md: string } {
  const dir = join(resolve(reportsRoot), "bench");
  mkdirSync(dir, { recursive: true });
  const json = join(dir, "latest.json");
  const md = join(dir, "latest.md");
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, renderBenchMarkdown(report));
  return { json, md };
}
