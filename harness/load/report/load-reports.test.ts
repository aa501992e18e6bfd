// The load reports render what a hostile target can influence (problem texts such as a filter's echoed
// totalResults) as inert text in every format.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LoadReport, OperationFigures } from "../load-report.js";
import { renderLoadHtml } from "./load-html.js";
import { renderLoadJunit } from "./load-junit.js";
import { renderLoadMarkdown } from "./load-markdown.js";

const hostile = 'expected 1 result, got <script>alert("x")</script> & ]]>`';

function figures(name: string, errors: number): OperationFigures {
  return {
    name,
    requests: 10,
    errors,
    throughputPerSecond: 5,
    latency: { count: 10, minMs: 1, meanMs: 2, p50Ms: 2, p95Ms: 3, p99Ms: 4, maxMs: 5 },
    problems: errors > 0 ? { [hostile]: errors } : {},
  };
}

const report: LoadReport = {
  version: "1.0",
  tool: { name: "scim-conformance", version: "0.0.0" },
  run: {
    id: "abc123",
    prefix: "scimc-abc123-",
    seed: 1,
    startedAt: "2026-01-01T00:00:00.000Z",
    elapsedMs: 2000,
    stoppedBy: "duration",
  },
  target: { baseUrl: "http://127.0.0.1:1/scim/v2" },
  settings: {
    mode: { kind: "profile", name: "entra" },
    connections: 2,
    durationMs: 2000,
    requests: null,
    users: 5,
    timeoutMs: 1000,
  },
  generator: { kind: "node:http", cpuMs: 10, cpuPercentOfOneCore: 1, cpuMicrosPerRequest: 500 },
  totals: figures("all", 3),
  operations: [figures("filter", 3), figures("get", 0)],
  setup: { users: 5, group: false, ms: 10 },
  cleanup: { deleted: 5, leftBehind: [] },
};

describe("load reports", () => {
  it("HTML escapes problem texts and allows no script", () => {
    const html = renderLoadHtml(report);
    assert.ok(!html.includes("<script>alert"), "no live script");
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.match(html, /default-src 'none'/);
    assert.ok(!/script-src/.test(html), "no script is allowed at all");
  });

  it("JUnit marks the failing operation and escapes its problem", () => {
    const xml = renderLoadJunit(report);
    assert.match(
      xml,
      /<testcase classname="scim-conformance.load" name="filter"[\s\S]*<failure message="3 of 10 requests failed"/,
    );
    assert.match(xml, /&lt;script&gt;/);
    assert.ok(!xml.includes("<script>"));
    assert.match(xml, /tests="2" failures="1"/);
  });

  it("Markdown keeps problem texts inside a fence and shows one row per operation", () => {
    const md = renderLoadMarkdown(report);
    assert.match(md, /\| filter \| 10 \| 5 \|/);
    assert.match(md, /\| get \| 10 \| 5 \|/);
    const fenced = /(`{3,})text\n([\s\S]*?)\n\1/.exec(md);
    assert.ok(fenced?.[2]?.includes(hostile), "the problem sits in a code fence");
  });
});
