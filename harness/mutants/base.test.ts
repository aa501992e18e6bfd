// The correct in-memory server passes the whole harness: every check and fixture case, in every
// profile, passes — except the few reviewed in mutants.ts (baseSkips), which skip with their reason.
// No check is a false failure on a correct server; this run is also what the mutant matrix compares to.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultCheckSources } from "../engine/check-sources.js";
import { baseVerdict } from "./mutants.js";
import { describeResult, runAgainstMutant } from "./run-against.js";

describe("the correct mutant server", () => {
  it("passes every check and case, and skips only the reviewed ones", async () => {
    const { report, exitCode } = await runAgainstMutant({ checks: defaultCheckSources() });
    const wrong = report.results.filter((r) => r.status !== baseVerdict(r.id)).map(describeResult);
    assert.deepEqual(wrong, []);
    assert.equal(
      report.summary.byStatus.fail + report.summary.byStatus.error + report.summary.byStatus.warn,
      0,
    );
    assert.equal(exitCode, 0);
    assert.equal(report.cleanup.leftBehind.length, 0, "everything the run created was deleted");
  });
});
