// The harness against the in-memory mutant server (server/), in one process so the spec validator and
// the check sources are loaded once: the correct server passes everything; the rfc profile never fails
// a strict RFC-only server or a users-only connection; and each of the catalogued mutants (mutants.ts)
// changes exactly its checks' verdicts, and nothing else in their families.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultCheckSources } from "../engine/check-sources.js";
import { assertMutant } from "./mutant-matrix.js";
import { baseVerdict, mutants } from "./mutants.js";
import { describeResult, runAgainstMutant } from "./run-against.js";

const checks = defaultCheckSources();

describe("the correct mutant server", () => {
  it("passes every check and case, and skips only the reviewed ones", async () => {
    const { report, exitCode } = await runAgainstMutant({ checks });
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

describe("the rfc profile", () => {
  it("never fails a server that implements RFC 7644 exactly and refuses the Entra and Okta dialects", async () => {
    const { report } = await runAgainstMutant({
      checks,
      quirks: ["strictRfc"],
      profiles: ["rfc"],
      only: ["patch", "filter", "put", "list"],
    });
    const bad = report.results.filter(
      (r) => r.status === "fail" || r.status === "warn" || r.status === "error",
    );
    assert.deepEqual(bad.map(describeResult), []);
    assert.ok(report.results.filter((r) => r.status === "pass").length > 50);
  });

  it("passes a users-only connection (PingFederate), skipping every Group check with that reason", async () => {
    const { report } = await runAgainstMutant({ checks, quirks: ["usersOnly"], profiles: ["rfc"] });
    const bad = report.results.filter(
      (r) => r.status === "fail" || r.status === "warn" || r.status === "error",
    );
    assert.deepEqual(bad.map(describeResult), []);
    const groupSkips = report.results.filter(
      (r) => r.status === "skip" && /users-only|no Group resource type/.test(r.reason),
    );
    assert.ok(groupSkips.length >= 15, `only ${groupSkips.length} checks skipped as group checks`);
  });
});

describe("the mutant matrix", () => {
  for (const mutant of mutants) {
    it(`${mutant.id}: ${mutant.breaks}`, () => assertMutant(mutant));
  }
});
