// Fuzzing the reference server (issue "Reliability and security": fuzzing): fast-check-generated HTTP
// requests (fuzz-cases.ts: mutated bodies of every SCIM message, grammar-mutated filters and PATCH paths,
// hostile query strings and headers, raw request lines with invalid UTF-8 and unknown methods, deep
// nesting, huge strings, bodies past the limits) against the real composition root on SQLite, sent one at
// a time over raw sockets. Properties per case (fuzz-runner.ts): no 5xx but RFC-mandated 501s, every
// refusal a valid RFC 7644 §3.12 error, refused requests and reads leave the database unchanged, no
// unhandled error in the log, and the server still answers afterwards.
// Scale: 1,200 cases in `npm test`, 60,000 with SCIM_STRESS=1; the seed is printed (FC_SEED replays).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import {
  demoAuth,
  type ReferenceUnderTest,
  startReferenceUnderTest,
} from "../support/reference-under-test.js";
import { recordFigures, replayHint, scaled, stress, suiteSeed } from "../support/scale.js";
import { SqliteWatch } from "../support/sqlite-watch.js";
import { type Family, families, fuzzCaseArb } from "./fuzz-cases.js";
import { FuzzRunner } from "./fuzz-runner.js";

const numRuns = scaled(1_200, 60_000);

describe("fuzzing the reference server on SQLite", () => {
  let server: ReferenceUnderTest;
  let watch: SqliteWatch;
  let runner: FuzzRunner;

  before(async () => {
    server = await startReferenceUnderTest();
    watch = new SqliteWatch(server.db);
    runner = new FuzzRunner(server, watch);
    await runner.replenish();
  });
  after(async () => {
    watch?.close();
    await server?.close();
  });

  it(`answers ${numRuns} fuzzed requests with no 5xx, a SCIM error for every refusal and no change from any refusal`, async (t) => {
    const seed = suiteSeed();
    t.diagnostic(`fuzz: ${numRuns} cases, seed ${seed} (${replayHint(seed)})`);
    const started = Date.now();
    const byFamily = Object.fromEntries(families.map((f) => [f, 0])) as Record<Family, number>;
    const msByFamily = Object.fromEntries(families.map((f) => [f, 0])) as Record<Family, number>;
    const byStatus = new Map<number, number>();
    let index = 0;
    let failure: string | undefined;
    const property = fc.asyncProperty(fuzzCaseArb, async (c) => {
      index += 1;
      await runner.replenish();
      const before = performance.now();
      const verdict = await runner.run(c);
      msByFamily[c.family] += performance.now() - before;
      byFamily[c.family] += 1;
      if (stress && index % 2_000 === 0)
        process.stderr.write(
          `fuzz: ${index}/${numRuns} cases after ${Math.round((Date.now() - started) / 1000)} s\n`,
        );
      byStatus.set(verdict.status, (byStatus.get(verdict.status) ?? 0) + 1);
      if (verdict.problems.length > 0) {
        failure = `case ${index} (${c.family}) ${verdict.sent}\n  -> ${verdict.problems.join("\n  -> ")}`;
        return false;
      }
      // The detector must be live: prove the server still answers, now and then.
      if (index % 500 === 0) {
        const health = await fetch(`${server.url}/ServiceProviderConfig`, {
          headers: { Authorization: demoAuth.directory },
        });
        await health.text();
        if (health.status !== 200) {
          failure = `after case ${index} the server answers /ServiceProviderConfig with ${health.status}`;
          return false;
        }
      }
      return true;
    });
    const details = await fc.check(property, { seed, numRuns, endOnFailure: true });
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    const statuses = [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}:${n}`)
      .join(" ");
    const meanMs = families
      .map((f) => `${f} ${byFamily[f] === 0 ? 0 : Math.round(msByFamily[f] / byFamily[f])} ms`)
      .join(", ");
    t.diagnostic(
      `fuzz: ${index} cases in ${seconds} s; families ${JSON.stringify(byFamily)} (mean ${meanMs}); statuses ${statuses}`,
    );
    recordFigures("fuzz", { cases: index, seconds, seed, statuses });
    if (details.failed)
      assert.fail(
        `${failure ?? String(details.errorInstance)}\n${replayHint(seed)} (the failing case is number ${index})`,
      );
    assert.equal(index, numRuns);
    // A run that never wrote would prove nothing about refused writes: accepted writes must show up.
    assert.ok((byStatus.get(201) ?? 0) > 0 && (byStatus.get(200) ?? 0) > 0, `statuses ${statuses}`);
  });
});
