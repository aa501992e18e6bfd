// Two servers that are correct but refuse what some client wants (issue "Harness", Profiles and
// PingFederate behaviours): the rfc profile must not fail either of them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultCheckSources } from "../engine/check-sources.js";
import { describeResult, runAgainstMutant } from "./run-against.js";

const checks = defaultCheckSources();

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

  it("passes a users-only connection, skipping every Group check with that reason", async () => {
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
