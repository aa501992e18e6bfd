// The OpenAPI description is the source of the harness's client and response validation, so it must
// stay valid OpenAPI 3.1: lint it with Redocly's recommended rules on every test run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";

const root = new URL("../../", import.meta.url).pathname;

describe("spec/openapi/scim-2.0.yaml", () => {
  it("lints clean with @redocly/cli (no errors, no warnings)", () => {
    const run = spawnSync(
      "node_modules/.bin/redocly",
      ["lint", "spec/openapi/scim-2.0.yaml", "--config", "spec/openapi/redocly.yaml", "--format", "json"],
      { cwd: root, encoding: "utf8", timeout: 120_000 },
    );
    const report = JSON.parse(run.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string; location: { pointer?: string }[] }[];
    };
    const problems = report.problems.map(
      (p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? "?"}`,
    );
    assert.deepEqual(problems, []);
    assert.equal(report.totals.errors, 0);
    assert.equal(report.totals.warnings, 0);
    assert.equal(run.status, 0);
  });
});
