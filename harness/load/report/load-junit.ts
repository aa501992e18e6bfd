// junit.xml of a load run: one <testsuite> with one <testcase> per operation; an operation with failed
// requests is a <failure>, and every case carries its figures in <system-out>, so CI dashboards show
// throughput and latency next to pass/fail. Escaping is the conformance report's (hostile-target safe).
import { escapeXml } from "../../reporters/junit/junit-reporter.js";
import type { LoadReport, OperationFigures } from "../load-report.js";

function figuresText(f: OperationFigures): string {
  const l = f.latency;
  return `${f.requests} requests, ${f.throughputPerSecond} req/s, p50 ${l.p50Ms} ms, p95 ${l.p95Ms} ms, p99 ${l.p99Ms} ms, max ${l.maxMs} ms, ${f.errors} error(s)`;
}

function testcase(f: OperationFigures, seconds: string): string {
  const open = `    <testcase classname="scim-conformance.load" name="${escapeXml(f.name)}" time="${seconds}">`;
  const out = `      <system-out>${escapeXml(figuresText(f))}</system-out>`;
  if (f.errors === 0) return `${open}\n${out}\n    </testcase>`;
  const problems = Object.entries(f.problems)
    .map(([problem, count]) => `${count} × ${problem}`)
    .join("\n");
  return [
    open,
    `      <failure message="${escapeXml(`${f.errors} of ${f.requests} requests failed`)}" type="load">${escapeXml(problems)}</failure>`,
    out,
    "    </testcase>",
  ].join("\n");
}

export function renderLoadJunit(report: LoadReport): string {
  const seconds = (report.run.elapsedMs / 1000).toFixed(3);
  const failures = report.operations.filter((o) => o.errors > 0).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="scim-conformance load ${escapeXml(report.target.baseUrl)}" tests="${report.operations.length}" failures="${failures}" errors="0" time="${seconds}">`,
    `  <testsuite name="load" tests="${report.operations.length}" failures="${failures}" errors="0" skipped="0" time="${seconds}" timestamp="${report.run.startedAt}">`,
    ...report.operations.map((o) => testcase(o, seconds)),
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
