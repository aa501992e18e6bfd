// summary.md of a load run: the target, the settings, one row per operation (throughput, latency
// percentiles, errors) and the problems seen, for CI job summaries. Text that came from the target (error
// texts) sits in a fenced block; our own names are escaped (the harness's markdown helpers).
import { escapeInline, fence } from "../../reporters/markdown/markdown-reporter.js";
import type { LoadMode } from "../load-options.js";
import type { LoadReport, OperationFigures } from "../load-report.js";

const ms = (n: number): string => n.toFixed(n < 10 ? 2 : 1);

function row(f: OperationFigures): string {
  const l = f.latency;
  return `| ${escapeInline(f.name)} | ${f.requests} | ${f.throughputPerSecond} | ${ms(l.p50Ms)} | ${ms(l.p95Ms)} | ${ms(l.p99Ms)} | ${ms(l.maxMs)} | ${f.errors} |`;
}

export function modeText(mode: LoadMode): string {
  return mode.kind === "profile" ? `profile ${mode.name}` : `operation ${mode.name}`;
}

export function renderLoadMarkdown(report: LoadReport): string {
  const s = report.settings;
  const problems = report.operations.flatMap((o) =>
    Object.entries(o.problems).map(([problem, count]) => `${o.name}: ${count} × ${problem}`),
  );
  const lines = [
    `# SCIM load: ${report.totals.errors === 0 ? "✅ no errors" : `❌ ${report.totals.errors} failed request(s)`}`,
    "",
    `Target \`${report.target.baseUrl.replaceAll("`", "")}\` · ${modeText(report.settings.mode)} · ${s.connections} connection(s) · ${(report.run.elapsedMs / 1000).toFixed(1)} s (stopped by ${report.run.stoppedBy}) · run \`${report.run.id}\` · seed \`${report.run.seed}\` · ${report.run.startedAt}`,
    "",
    "| operation | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...report.operations.map(row),
    row({ ...report.totals, name: "**all**" }).replace("\\*\\*all\\*\\*", "**all**"),
    "",
    `Generator (node:http, this process): ${report.generator.cpuPercentOfOneCore} % of one core, ${report.generator.cpuMicrosPerRequest} µs CPU per request${report.generator.cpuPercentOfOneCore >= 90 ? " — **the generator was saturated: the server may be faster than these figures**" : ""}.`,
    `Setup: ${report.setup.users} user(s)${report.setup.group ? " and a group" : ""} in ${(report.setup.ms / 1000).toFixed(1)} s; cleanup deleted ${report.cleanup.deleted}${report.cleanup.leftBehind.length > 0 ? `, **${report.cleanup.leftBehind.length} left behind** (see load.json)` : ""}.`,
    "",
  ];
  if (problems.length > 0) lines.push("## Problems", "", fence(problems.join("\n")), "");
  return lines.join("\n");
}
