// The live-property runner: settings from the run or the environment, failures shrunk and turned into
// an unmet Outcome with `replay: { seed, path, counterexample }`, the printed path replaying exactly the
// minimal case, discards counted, and transport failures handed to the engine instead of shrunk.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { RunInfo } from "../../checks/check-context.js";
import { ExchangeFailure } from "../../client/client.js";
import { propertySettings } from "./property-settings.js";
import { CaseFailure, discard, propertyOutcome, runProperty } from "./run-property.js";

const run: RunInfo = { id: "r1", prefix: "scimc-r1-", seed: 42, baseUrl: "http://x", profiles: ["rfc"] };

function fakeCtx(seed = 123) {
  const notes: string[] = [];
  return { seed, signal: new AbortController().signal, run, note: (t: string) => notes.push(t), notes };
}

describe("propertySettings", () => {
  const cases: [
    string,
    { env: Record<string, string>; runInfo?: RunInfo; want: { runs: number; path: string | undefined } },
  ][] = [
    ["the default", { env: {}, want: { runs: 40, path: undefined } }],
    [
      "SCIMC_PROPERTY_RUNS and SCIMC_PROPERTY_PATH",
      { env: { SCIMC_PROPERTY_RUNS: "200", SCIMC_PROPERTY_PATH: " 3:1 " }, want: { runs: 200, path: "3:1" } },
    ],
    ["an invalid run count", { env: { SCIMC_PROPERTY_RUNS: "-4" }, want: { runs: 40, path: undefined } }],
    [
      "the run's own properties over the environment",
      {
        env: { SCIMC_PROPERTY_RUNS: "200" },
        runInfo: { ...run, properties: { runs: 7, path: "1:2" } },
        want: { runs: 7, path: "1:2" },
      },
    ],
  ];
  for (const [name, { env, runInfo, want }] of cases) {
    it(`reads ${name}`, () => {
      const s = propertySettings(runInfo ?? run, { runs: 40 }, env);
      assert.deepEqual({ runs: s.runs, path: s.path }, want);
    });
  }
});

describe("runProperty", () => {
  const settings = { runs: 100, path: undefined, timeLimitMs: 10_000, shrinkTimeMs: 10_000 };

  it("shrinks a failing case to the minimal one and reports how to replay it", async () => {
    const ctx = fakeCtx();
    const result = await runProperty(ctx, settings, fc.integer({ min: 0, max: 1000 }), async (n) => {
      if (n >= 17)
        throw new CaseFailure(`${n} is too big`, { requirements: ["rfc7644.x"], evidence: { sent: n } });
    });
    assert.equal(result.kind, "failed");
    if (result.kind !== "failed") return;
    assert.equal(result.counterexample, 17);
    const outcome = propertyOutcome(ctx, "create.property.round-trip", "small numbers", result);
    assert.equal(outcome.kind, "unmet");
    if (outcome.kind !== "unmet") return;
    assert.deepEqual(outcome.replay, { seed: 42, path: result.path, counterexample: { sent: 17 } });
    assert.deepEqual(outcome.requirements, ["rfc7644.x"]);
    assert.match(outcome.actual, /17 is too big .*--only create\.property\.round-trip --seed 42 --path /);

    const replayed = await runProperty(
      ctx,
      { ...settings, path: result.path },
      fc.integer({ min: 0, max: 1000 }),
      async (n) => {
        if (n >= 17) throw new CaseFailure(`${n} is too big`);
      },
    );
    assert.equal(replayed.kind, "failed");
    if (replayed.kind === "failed") {
      assert.equal(replayed.counterexample, 17);
      assert.equal(replayed.runs, 1);
    }
  });

  it("is met when every case holds, counting the cases it could not judge", async () => {
    const ctx = fakeCtx();
    const result = await runProperty(
      ctx,
      { ...settings, runs: 50 },
      fc.integer({ min: 0, max: 9 }),
      async (n) => {
        if (n === 3) discard();
      },
    );
    assert.equal(result.kind, "passed");
    const outcome = propertyOutcome(ctx, "x.y.z", "holds", result);
    assert.deepEqual(outcome, { kind: "met", expectation: "holds" });
    assert.match(ctx.notes[0] ?? "", /^50 generated case\(s\) held, \d+ skipped/);
  });

  it("says so when the time limit stopped it before every requested case ran", async () => {
    const ctx = fakeCtx();
    const result = await runProperty(
      ctx,
      { ...settings, runs: 1000, timeLimitMs: 50 },
      fc.nat(),
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    );
    assert.equal(result.kind, "passed");
    assert.equal(propertyOutcome(ctx, "x.y.z", "holds", result).kind, "met");
    assert.match(ctx.notes[0] ?? "", /held .*the time limit stopped the property/);
  });

  it("hands a missing response to the engine instead of shrinking it", async () => {
    const exchange = {
      seq: 1,
      request: { method: "GET", url: "http://x", headers: {} },
      durationMs: 1,
      schemaFindings: [],
    };
    let calls = 0;
    await assert.rejects(
      runProperty(fakeCtx(), settings, fc.nat(), async () => {
        calls += 1;
        throw new ExchangeFailure("timeout", "timeout after 10 ms", exchange);
      }),
      ExchangeFailure,
    );
    assert.ok(calls <= 2, `the failure was retried ${calls} times`);
  });

  it("reports the smallest failure found when the shrink budget runs out", async () => {
    const slow = await runProperty(
      fakeCtx(),
      { ...settings, shrinkTimeMs: 0 },
      fc.integer({ min: 0, max: 1000 }),
      async (n) => {
        if (n >= 17) throw new CaseFailure(`${n} is too big`);
      },
    );
    assert.equal(slow.kind, "failed");
    if (slow.kind !== "failed") return;
    assert.equal(slow.shrinkCutOff, true);
    assert.ok(typeof slow.counterexample === "number" && slow.counterexample >= 17);
    const outcome = propertyOutcome(fakeCtx(), "x.y.z", "small", slow);
    assert.match(
      outcome.kind === "unmet" ? outcome.actual : "",
      /smallest case within the shrink time budget/,
    );
  });

  it("generates the same cases from the same seed", async () => {
    const seen: number[][] = [[], []];
    for (const i of [0, 1]) {
      await runProperty(fakeCtx(99), { ...settings, runs: 10 }, fc.nat(), async (n) => {
        seen[i]?.push(n);
      });
    }
    assert.deepEqual(seen[0], seen[1]);
  });
});
