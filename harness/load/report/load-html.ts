// index.html of a load run: one self-contained static page (tables, no script), with the conformance
// report's escaping and the same kind of Content-Security-Policy: only our own inline style, hashed;
// nothing can load or run. Problem texts came from the target and are escaped like everything else.
import { createHash } from "node:crypto";
import { escapeHtml } from "../../reporters/html/html-reporter.js";
import type { LoadReport, OperationFigures } from "../load-report.js";
import { modeText } from "./load-markdown.js";

const css = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.bad td{background:#ffebe9}
h1 .ok{color:#1a7f37}h1 .ko{color:#cf222e}code{background:#f6f8fa;padding:0 .2rem}`;

const hash = (text: string): string =>
  `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

function row(f: OperationFigures, bold = false): string {
  const l = f.latency;
  const cells = [f.requests, f.throughputPerSecond, l.p50Ms, l.p95Ms, l.p99Ms, l.maxMs, f.errors]
    .map((n) => `<td class="n">${n}</td>`)
    .join("");
  const name = bold ? `<strong>${escapeHtml(f.name)}</strong>` : escapeHtml(f.name);
  return `<tr${f.errors > 0 ? ' class="bad"' : ""}><td>${name}</td>${cells}</tr>`;
}

export function renderLoadHtml(report: LoadReport): string {
  const policy = `default-src 'none'; style-src ${hash(css)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const problems = report.operations.flatMap((o) =>
    Object.entries(o.problems).map(
      ([problem, count]) => `<li>${escapeHtml(o.name)}: ${count} × <code>${escapeHtml(problem)}</code></li>`,
    ),
  );
  const verdict =
    report.totals.errors === 0
      ? '<span class="ok">no errors</span>'
      : `<span class="ko">${report.totals.errors} failed request(s)</span>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SCIM load: ${escapeHtml(report.target.baseUrl)}</title>
<style>${css}</style>
</head>
<body>
<h1>SCIM load: ${verdict}</h1>
<p>Target <code>${escapeHtml(report.target.baseUrl)}</code> · ${escapeHtml(modeText(report.settings.mode))} · ${report.settings.connections} connection(s) · ${(report.run.elapsedMs / 1000).toFixed(1)} s (stopped by ${escapeHtml(report.run.stoppedBy)}) · run <code>${escapeHtml(report.run.id)}</code> · seed ${report.run.seed} · ${escapeHtml(report.run.startedAt)}</p>
<table>
<thead><tr><th>operation</th><th>requests</th><th>req/s</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th><th>errors</th></tr></thead>
<tbody>
${report.operations.map((o) => row(o)).join("\n")}
${row(report.totals, true)}
</tbody>
</table>
<p>Generator (node:http): ${report.generator.cpuPercentOfOneCore} % of one core, ${report.generator.cpuMicrosPerRequest} µs CPU per request. Setup: ${report.setup.users} user(s)${report.setup.group ? " and a group" : ""}; cleanup deleted ${report.cleanup.deleted}, left behind ${report.cleanup.leftBehind.length}.</p>
${problems.length > 0 ? `<h2>Problems</h2>\n<ul>\n${problems.join("\n")}\n</ul>` : ""}
</body>
</html>
`;
}
