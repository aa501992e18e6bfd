import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LatencyHistogram } from "./latency-histogram.js";

/** Exact quantile of a sorted list, nearest-rank (the definition the histogram approximates). */
function exact(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

describe("LatencyHistogram", () => {
  const cases: readonly [string, number[]][] = [
    ["uniform 1..1000 ms", Array.from({ length: 1000 }, (_, i) => i + 1)],
    ["sub-millisecond", Array.from({ length: 500 }, (_, i) => 0.05 + i * 0.001)],
    [
      "a long tail",
      [...Array.from({ length: 990 }, () => 2), ...Array.from({ length: 10 }, (_, i) => 500 + i)],
    ],
    ["one sample", [7.5]],
  ];
  for (const [name, samples] of cases) {
    it(`reports p50, p95 and p99 within 2 % of the exact values: ${name}`, () => {
      const h = new LatencyHistogram();
      for (const s of samples) h.record(s);
      const sorted = [...samples].sort((a, b) => a - b);
      for (const q of [0.5, 0.95, 0.99]) {
        const want = exact(sorted, q);
        const got = h.quantile(q);
        assert.ok(Math.abs(got - want) <= want * 0.02 + 1e-9, `q${q}: got ${got}, want ${want}`);
      }
      const summary = h.summary();
      assert.equal(summary.count, samples.length);
      assert.equal(summary.minMs, Math.round((sorted[0] ?? 0) * 1000) / 1000);
      assert.equal(summary.maxMs, Math.round((sorted.at(-1) ?? 0) * 1000) / 1000);
    });
  }

  it("summarises an empty histogram as zeros", () => {
    assert.deepEqual(new LatencyHistogram().summary(), {
      count: 0,
      minMs: 0,
      meanMs: 0,
      p50Ms: 0,
      p95Ms: 0,
      p99Ms: 0,
      maxMs: 0,
    });
  });

  it("merges two histograms into the distribution of all their samples", () => {
    const fast = new LatencyHistogram();
    const slow = new LatencyHistogram();
    for (let i = 0; i < 90; i++) fast.record(1);
    for (let i = 0; i < 10; i++) slow.record(100);
    fast.merge(slow);
    assert.equal(fast.count, 100);
    assert.ok(Math.abs(fast.quantile(0.5) - 1) <= 0.02, String(fast.quantile(0.5)));
    assert.ok(Math.abs(fast.quantile(0.95) - 100) <= 2, String(fast.quantile(0.95)));
    assert.equal(fast.summary().meanMs, 10.9);
  });
});
