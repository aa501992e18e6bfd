// junit.xml for CI dashboards: one <testsuite> per area and one <testcase> per check id, in a fixed
// order (areas as in check.ts, ids sorted), so the same check keeps its identity run after run. A
// `warn` passes (JUnit has no warning) and says why in <system-out>; `skip` is <skipped>, `error` is
// <error>. Hand-written rather than junit-report-builder to control ordering and escaping exactly.
import type { CheckResult } from "../../checks/check.js";
import { areas } from "../../checks/check.js";
import type { Report } from "../report.js";

/** XML 1.0 allows only these characters; a hostile target's bytes must not make the file unreadable. */
const invalidXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(invalidXml, "\uFFFD")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function detail(result: CheckResult): string {
  const lines = [`expectation: ${result.expectation}`];
  if (result.status === "fail" || result.status === "warn") lines.push(`actual: ${result.actual}`);
  if (result.status === "warn" || result.status === "skip") lines.push(`reason: ${result.reason}`);
  if (result.status === "error") lines.push(`error: ${result.error}`);
  for (const r of result.requirements)
    lines.push(`${r.level} RFC ${r.rfc} §${r.section} ${r.id}: ${r.summary}`);
  const last = result.exchanges.at(-1);
  if (last)
    lines.push(
      `last exchange: ${last.request.method} ${last.request.url} -> ${last.response?.status ?? last.failure ?? "no response"}`,
    );
  return lines.join("\n");
}

function testcase(result: CheckResult): string {
  const open = `    <testcase classname="scim-conformance.${escapeXml(result.area)}" name="${escapeXml(result.id)}" time="${seconds(result.durationMs)}">`;
  const body = escapeXml(detail(result));
  switch (result.status) {
    case "pass":
      return `${open}</testcase>`;
    case "fail":
      return `${open}\n      <failure message="${escapeXml(`${result.level}: ${result.title}`)}" type="${result.level}">${body}</failure>\n    </testcase>`;
    case "error":
      return `${open}\n      <error message="${escapeXml(result.title)}" type="error">${body}</error>\n    </testcase>`;
    case "skip":
      return `${open}\n      <skipped message="${escapeXml(result.reason)}"/>\n    </testcase>`;
    case "warn":
      return `${open}\n      <system-out>${escapeXml(`WARN (${result.level}): ${result.reason}\n`)}${body}</system-out>\n    </testcase>`;
  }
}

function counts(results: readonly CheckResult[]): string {
  const n = (s: CheckResult["status"]): number => results.filter((r) => r.status === s).length;
  const time = results.reduce((t, r) => t + r.durationMs, 0);
  return `tests="${results.length}" failures="${n("fail")}" errors="${n("error")}" skipped="${n("skip")}" time="${seconds(time)}"`;
}

export function renderJunit(report: Report): string {
  const known = new Set<string>(areas);
  const order = [
    ...areas,
    ...[...new Set(report.results.map((r) => r.area))].filter((a) => !known.has(a)).sort(),
  ];
  const suites = order
    .map((area) => report.results.filter((r) => r.area === area).sort((a, b) => a.id.localeCompare(b.id)))
    .filter((results) => results.length > 0)
    .map((results) => {
      const area = results[0]?.area ?? "";
      return [
        `  <testsuite name="${escapeXml(area)}" ${counts(results)} timestamp="${report.run.startedAt}">`,
        ...results.map(testcase),
        "  </testsuite>",
      ].join("\n");
    });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="scim-conformance ${escapeXml(report.target.baseUrl)}" ${counts(report.results)}>`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
