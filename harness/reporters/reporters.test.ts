// Each reporter against a real report from a hostile little run: every verdict, and target data that
// tries to break out of HTML, XML and Markdown. The HTML report is opened in headless Chromium.
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { Outcome } from "../checks/check.js";
import type { CheckContext } from "../checks/check-context.js";
import { defineCheck } from "../checks/check-context.js";
import { loadCatalogue } from "../engine/catalogue.js";
import { runConformance } from "../engine/run-conformance.js";
import { fidelityRecorder, takeFidelityTable } from "../properties/runner/fidelity-registry.js";
import { startTinyScimServer } from "../testing/tiny-scim-server.js";
import { renderHtml } from "./html/html-reporter.js";
import { renderJson } from "./json/json-reporter.js";
import { escapeXml, renderJunit } from "./junit/junit-reporter.js";
import { markdownBudget, renderMarkdown } from "./markdown/markdown-reporter.js";
import type { Report } from "./report.js";
import { writeReports } from "./write-reports.js";

const hostile =
  '</script><img src=x onerror="window.pwned=1"> ]]> ``` [click](http://evil.example) \u0001 &amp;';

function make(id: string, requirement: string, run: (ctx: CheckContext) => Promise<Outcome>) {
  const area = id.split(".")[0] as "create";
  return {
    check: defineCheck({
      id,
      title: `title of ${id}`,
      area,
      requirements: [requirement],
      expectation: `expectation of ${id}`,
      run,
    }),
    source: "code",
  };
}

let report: Report;
let folder: string;

before(async () => {
  const server = await startTinyScimServer();
  const checks = [
    make("create.hostile.fails", "rfc7644.create.status-201", async (ctx) => {
      const created = await ctx.resources.createUser({ displayName: hostile });
      return {
        kind: "unmet",
        expectation: "the user is created politely",
        actual: `the target said ${JSON.stringify(created.resource?.displayName)}`,
      };
    }),
    // As a property check does: values written and read back feed the run's attribute fidelity table.
    make("create.plain.passes", "rfc7644.create.status-201", async (ctx) => {
      fidelityRecorder(ctx.run.id).record("User", {
        fields: [
          { path: "userName", verdict: "equal", sent: "u", got: "u", caseExact: false },
          { path: "externalId", verdict: "altered", sent: "AbC", got: "abc", caseExact: true },
          { path: `urn:x:${hostile}`, verdict: "lost", sent: hostile, caseExact: false },
          { path: "active", verdict: "invented", got: true, tolerated: "a default", caseExact: false },
        ],
      });
      return { kind: "met", expectation: "x" };
    }),
    make("create.soft.warns", "rfc7644.create.response-body", async () => ({
      kind: "unmet",
      expectation: "x",
      actual: "no body",
    })),
    make("read.later.skips", "rfc7644.read.get-by-id", async () => ({
      kind: "skip",
      reason: "not applicable here",
    })),
    make("read.broken.errors", "rfc7644.read.get-by-id", async () => {
      throw new Error("a broken check");
    }),
  ];
  report = (await runConformance({ baseUrl: server.base, checks, catalogue: loadCatalogue(), seed: 1 }))
    .report;
  await server.close();
  folder = mkdtempSync(join(tmpdir(), "scimc-report-"));
});

after(() => rmSync(folder, { recursive: true, force: true }));

describe("report.json", () => {
  it("validates against report.schema.json", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    addFormats.default(ajv);
    const schema = JSON.parse(
      readFileSync(new URL("json/report.schema.json", import.meta.url), "utf8"),
    ) as object;
    const validate = ajv.compile(schema);
    const ok = validate(JSON.parse(renderJson(report)));
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });

  it("rejects a report that breaks the schema", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(
      JSON.parse(readFileSync(new URL("json/report.schema.json", import.meta.url), "utf8")) as object,
    );
    const broken = JSON.parse(renderJson(report)) as { results: { status: string; actual?: string }[] };
    const failing = broken.results.find((r) => r.status === "fail");
    if (failing) delete failing.actual;
    assert.equal(validate(broken), false);
  });

  it("carries the run's attribute fidelity table, and the engine hands it out once", () => {
    const rows = report.fidelity?.rows.map((r) => [r.path, r.equal, r.lost, r.altered, r.invented]);
    assert.deepEqual(rows, [
      ["active", 0, 0, 0, 1],
      ["externalId", 0, 0, 1, 0],
      [`urn:x:${hostile}`, 0, 1, 0, 0],
      ["userName", 1, 0, 0, 0],
    ]);
    assert.equal(report.fidelity?.comparisons, 1);
    assert.equal(takeFidelityTable(report.run.id), undefined, "the registry forgot the run");
  });

  it("counts every verdict by status, level and area, and reports coverage", () => {
    assert.deepEqual(report.summary.byStatus, { pass: 1, fail: 1, warn: 1, skip: 1, error: 1 });
    assert.equal(report.summary.byArea.create?.fail, 1);
    assert.equal(report.summary.byLevel.SHOULD.warn, 1);
    assert.ok(report.coverage.byLevel.MUST.covered >= 1);
    assert.ok(report.coverage.byLevel.MUST.uncovered.length > 0);
    assert.equal(report.summary.exitCode, 2);
  });
});

/** A small well-formedness check: balanced tags, quoted attributes, no raw "<" or "&" in text. */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, "");
  const tokens = body.split(/(<[^>]*>)/).filter((t) => t.length > 0);
  for (const token of tokens) {
    if (token.startsWith("<")) {
      const m = /^<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
      assert.ok(m, `malformed tag ${token.slice(0, 80)}`);
      if (m[1] === "/") assert.equal(stack.pop(), m[2]);
      else if (m[4] !== "/") stack.push(m[2] ?? "");
    } else {
      assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(token), `raw & in ${token.slice(0, 80)}`);
      const control = [...token].some((ch) => {
        const code = ch.codePointAt(0) ?? 0;
        return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
      });
      assert.ok(!control, "control character in text");
    }
  }
  assert.deepEqual(stack, []);
}

describe("junit.xml", () => {
  const xml = () => renderJunit(report);

  it("is well-formed XML even with hostile target data", () => {
    assertWellFormedXml(xml());
    assert.equal(escapeXml("a<b>&\"'\u0001"), "a&lt;b&gt;&amp;&quot;&apos;\uFFFD");
  });

  it("has one testcase per check id, grouped into a testsuite per area in a stable order", () => {
    const names = [...xml().matchAll(/<testcase classname="scim-conformance\.(\w+)" name="([^"]+)"/g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
    assert.deepEqual(names, [
      "create:create.hostile.fails",
      "create:create.plain.passes",
      "create:create.soft.warns",
      "read:read.broken.errors",
      "read:read.later.skips",
    ]);
    assert.deepEqual(
      [...xml().matchAll(/<testsuite name="(\w+)"/g)].map((m) => m[1]),
      ["create", "read"],
    );
    assert.equal(renderJunit(report), xml());
  });

  it("maps fail, error and skip to their JUnit elements and keeps a warning passing", () => {
    const text = xml();
    assert.match(text, /<testsuites name="[^"]*" tests="5" failures="1" errors="1" skipped="1"/);
    assert.equal(text.match(/<failure /g)?.length, 1);
    assert.equal(text.match(/<error /g)?.length, 1);
    assert.equal(text.match(/<skipped /g)?.length, 1);
    assert.match(text, /<system-out>WARN \(SHOULD\)/);
  });
});

describe("summary.md", () => {
  it("leads with the verdict and details failures and errors", () => {
    const md = renderMarkdown(report);
    assert.match(md, /^# SCIM conformance: ⚠️ \*\*Incomplete\*\*/);
    assert.match(md, /`create\.hostile\.fails`/);
    assert.match(md, /- \*\*Expected:\*\* the user is created politely/);
    assert.match(md, /`read\.broken\.errors`/);
    assert.match(md, /\| `create\.soft\.warns` \| SHOULD \|/);
    // Skips are grouped by their reason, so an untested area is visible under a conformant verdict.
    assert.match(
      md,
      /## Skipped \(1\)\n\n\| why \| checks \|\n\|---\|---\|\n\| not applicable here \| 1: `read\.later\.skips` \|/,
    );
  });

  it("leads the attribute fidelity table with the paths that lost or altered data, with examples", () => {
    const md = renderMarkdown(report);
    const section = md.slice(md.indexOf("## Attribute fidelity"));
    assert.match(section, /1 read-back comparison\(s\) by the property checks over 4 attribute path\(s\)/);
    assert.match(section, /\*\*2 path\(s\) lost, altered or invented data:\*\*/);
    assert.match(
      section,
      /User externalId: equal 0 · lost 0 · altered 1 · invented 0\n {2}altered {2}e\.g\. sent "AbC" → got "abc"/,
    );
    assert.match(section, /lost {5}e\.g\. sent "<\/script>/);
    assert.ok(!/User (userName|active):/.test(section), "paths read back fine are not listed");
    const clean = renderMarkdown({ ...report, fidelity: { version: 1, comparisons: 3, rows: [] } });
    assert.match(clean, /Every path read back as written/);
    assert.ok(!renderMarkdown({ ...report, fidelity: undefined }).includes("Attribute fidelity"));
  });

  it("keeps target data inside code fences, so it cannot inject Markdown or links", () => {
    const md = renderMarkdown(report);
    const outsideFences = md.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, "");
    assert.ok(md.includes("evil.example"), "the excerpt is shown");
    assert.ok(!outsideFences.includes("evil.example"), outsideFences);
    assert.ok(!outsideFences.includes("<img"));
  });

  it("stays under the comment size budget however many checks fail", () => {
    const first = report.results.find((r) => r.status === "fail");
    assert.ok(first);
    const many: Report = {
      ...report,
      results: Array.from({ length: 600 }, (_, i) => ({ ...first, id: `create.many.n${i}` })),
    };
    const md = renderMarkdown(many);
    assert.ok(md.length <= markdownBudget, `${md.length} characters`);
    assert.match(md, /…and \d+ more/);
  });
});

describe("index.html", () => {
  it("is one self-contained file that embeds target data only as escaped JSON", () => {
    const html = renderHtml(report);
    assert.equal(html.match(/<script/g)?.length, 2);
    assert.ok(!html.includes("<img"));
    assert.ok(!/(src|href)=["']?(https?:)?\/\//.test(html), "no external asset");
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/,
    );
  });

  const chromium = "/usr/bin/chromium";
  it("renders its summary and expands a failing check in headless Chromium", {
    skip: existsSync(chromium) ? false : `${chromium} is not installed (apt-get install chromium)`,
  }, async () => {
    const { chromium: launcher } = await import("playwright-core");
    const file = join(folder, "index.html");
    writeFileSync(file, renderHtml(report));
    const browser = await launcher.launch({
      executablePath: chromium,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") violations.push(m.text());
      });
      await page.goto(`file://${file}`);
      await page.waitForSelector("#verdict");
      assert.match((await page.textContent("#verdict")) ?? "", /Incomplete/);
      assert.equal(await page.textContent('.card[data-status="fail"] b'), "1");
      const failing = page.locator("#check-create\\.hostile\\.fails");
      await failing.locator("summary").click();
      assert.match(
        (await failing.locator(".field-expectation").textContent()) ?? "",
        /the user is created politely/,
      );
      assert.match((await failing.locator(".exchange pre").nth(1).textContent()) ?? "", /onerror=/);
      assert.equal(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned), undefined);
      assert.equal(await page.locator(".body img").count(), 0);
      const troubled = page.locator("#fidelity-troubled tbody tr");
      assert.equal(await troubled.count(), 2);
      assert.equal(await troubled.nth(0).locator("td").nth(1).textContent(), "externalId");
      assert.equal(
        await troubled.nth(0).locator("td.example").textContent(),
        'altered: sent "AbC", got "abc"',
      );
      assert.match((await troubled.nth(1).locator("td").nth(1).textContent()) ?? "", /onerror=/);
      assert.equal(await page.locator("#fidelity-all tbody tr").count(), 4);
      await page.fill("#search", "soft");
      assert.equal(await page.locator("details.check:not(.hidden)").count(), 1);
      await page.fill("#search", "");
      await page.locator('input.status-filter[value="pass"]').uncheck();
      assert.equal(await page.locator("details.check:not(.hidden)").count(), 4);
      await page.selectOption("#area-filter", "read");
      assert.equal(await page.textContent("#shown"), "2 of 5 checks shown");
      assert.deepEqual(violations, []);
    } finally {
      await browser.close();
    }
  });
});

describe("writeReports", () => {
  it("writes the chosen formats and replaces reports/latest", () => {
    const root = join(folder, "reports");
    writeReports(report, { reportsRoot: root, formats: ["json", "md"] });
    const written = writeReports(report, { reportsRoot: root, outDir: join(root, "run-2") });
    assert.deepEqual(
      written.files.map((f) => f.slice(f.lastIndexOf("/") + 1)),
      ["report.json", "junit.xml", "index.html", "summary.md"],
    );
    assert.ok(existsSync(join(root, "latest", "index.html")));
    assert.equal(readFileSync(join(root, "latest", "report.json"), "utf8"), renderJson(report));
  });

  it("writes into a folder that holds reports/latest (--out .) and copies only the reports", () => {
    const here = join(folder, "cwd");
    mkdirSync(here, { recursive: true });
    writeFileSync(join(here, "unrelated.txt"), "not a report");
    const written = writeReports(report, {
      reportsRoot: join(here, "reports"),
      outDir: here,
      formats: ["json"],
    });
    assert.equal(written.latest, undefined);
    assert.ok(existsSync(join(here, "report.json")));
    mkdirSync(join(folder, "elsewhere"), { recursive: true });
    writeFileSync(join(folder, "elsewhere", "unrelated.txt"), "not a report");
    const nested = writeReports(report, {
      reportsRoot: join(folder, "r2"),
      outDir: join(folder, "elsewhere"),
      formats: ["json"],
    });
    assert.deepEqual(readdirSync(nested.latest ?? ""), ["report.json"]);
  });
});
