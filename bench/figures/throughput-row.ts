// Turns a throughput comparison into a bench row, with the wall-clock view and errors in the notes.

import type { Side, ThroughputComparison } from "../measure/compare.js";
import { round } from "../measure/stats.js";
import { type BenchRow, row, type Target } from "../report/bench-row.js";

export function throughputRow(
  id: string,
  name: string,
  baselineName: string,
  target: Target,
  c: ThroughputComparison,
  notes: readonly string[] = [],
): BenchRow {
  const unit = c.basis === "per-core" ? "req/s per core" : "req/s";
  const errors =
    c.subject.errors + c.baseline.errors > 0
      ? [
          `${c.subject.errors} subject and ${c.baseline.errors} baseline responses were errors or non-2xx (subject ${JSON.stringify(c.subject.statuses)}, baseline ${JSON.stringify(c.baseline.statuses)}).`,
        ]
      : [];
  // Fast failures are not throughput: more than 1 % errors on either side voids the comparison.
  const failed = (s: Side) => s.errors > 0.01 * Math.max(1, s.requests);
  return row({
    ...(failed(c.subject) || failed(c.baseline)
      ? { invalid: "More than 1 % of the responses were errors, so the ratio is not judged." }
      : {}),
    id,
    name,
    value: c.subject.perCoreRps.median,
    unit,
    baseline: { name: baselineName, value: c.baseline.perCoreRps.median, unit },
    ratio: c.ratio.median,
    target,
    spread: c.ratio,
    notes: [
      `Wall-clock: ${round(c.subject.wallRps.median)} vs ${round(c.baseline.wallRps.median)} req/s, ratio ${round(c.wallRatio.median)}.`,
      ...errors,
      ...notes,
    ],
  });
}
