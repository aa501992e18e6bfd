// Side-by-side comparisons: the subject and its baseline are measured in alternating order (baseline
// first in even rounds, subject first in odd ones), so slow drift of the machine — another job starting,
// a thermal step — lands on both alike. Each round gives one ratio; the figure is the median ratio, with
// the smallest and largest as its spread.
import type { ChildServer } from "../process/child-server.js";
import { type Spread, spreadOf } from "./stats.js";
import { type LoadShape, measureThroughput, type RequestSpec, type ThroughputSample } from "./throughput.js";

export interface ThroughputSide {
  readonly server: ChildServer;
  readonly request: RequestSpec;
}

export interface Side {
  readonly perCoreRps: Spread;
  readonly wallRps: Spread;
  readonly requests: number;
  readonly errors: number;
  readonly statuses: Readonly<Record<string, number>>;
}

export interface ThroughputComparison {
  /** subject ÷ baseline of the per-core throughput, per round. */
  readonly ratio: Spread;
  /** The same on wall-clock throughput, for reference. */
  readonly wallRatio: Spread;
  readonly subject: Side;
  readonly baseline: Side;
  /** "per-core" when /proc gave CPU times, else "wall-clock". */
  readonly basis: "per-core" | "wall-clock";
}

export interface RoundsShape extends LoadShape {
  readonly rounds: number;
  /** Unmeasured load on each side first, so both are measured warm (JIT, caches). */
  readonly warmupMs: number;
}

function side(samples: readonly ThroughputSample[]): Side {
  return {
    perCoreRps: spreadOf(samples.map((s) => s.perCoreRps)),
    wallRps: spreadOf(samples.map((s) => s.wallRps)),
    requests: samples.reduce((n, s) => n + s.requests, 0),
    errors: samples.reduce((n, s) => n + s.errors, 0),
    statuses: samples.reduce<Record<string, number>>((all, s) => {
      for (const [k, v] of Object.entries(s.statuses)) all[k] = (all[k] ?? 0) + v;
      return all;
    }, {}),
  };
}

export async function compareThroughput(
  subject: ThroughputSide,
  baseline: ThroughputSide,
  shape: RoundsShape,
): Promise<ThroughputComparison> {
  const warm = { durationMs: shape.warmupMs, connections: shape.connections };
  await measureThroughput(baseline.server, baseline.request, warm);
  await measureThroughput(subject.server, subject.request, warm);
  const subjects: ThroughputSample[] = [];
  const baselines: ThroughputSample[] = [];
  for (let round = 0; round < shape.rounds; round++) {
    if (round % 2 === 0) {
      baselines.push(await measureThroughput(baseline.server, baseline.request, shape));
      subjects.push(await measureThroughput(subject.server, subject.request, shape));
    } else {
      subjects.push(await measureThroughput(subject.server, subject.request, shape));
      baselines.push(await measureThroughput(baseline.server, baseline.request, shape));
    }
  }
  const perCore = subjects.every(
    (s, i) => Number.isFinite(s.perCoreRps) && Number.isFinite(baselines[i]?.perCoreRps),
  );
  const ratios = subjects.map((s, i) => {
    const b = baselines[i] as ThroughputSample;
    return perCore ? s.perCoreRps / b.perCoreRps : s.wallRps / b.wallRps;
  });
  return {
    ratio: spreadOf(ratios),
    wallRatio: spreadOf(subjects.map((s, i) => s.wallRps / (baselines[i] as ThroughputSample).wallRps)),
    subject: side(subjects),
    baseline: side(baselines),
    basis: perCore ? "per-core" : "wall-clock",
  };
}
