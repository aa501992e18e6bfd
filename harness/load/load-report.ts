// The result of a load run as data (STYLE.md §10: results are data; reporters only render). Versioned like
// report.json; throughput is requests per second of wall-clock time over the whole run, latencies are the
// client's (server time plus one loopback or network round trip).
import { LatencyHistogram, type LatencySummary } from "./latency-histogram.js";
import type { EngineResult, OperationTally, StopReason } from "./load-engine.js";
import type { CleanupResult } from "./load-fixture.js";
import type { LoadMode } from "./load-options.js";

export const loadReportVersion = "1.0";

export interface OperationFigures {
  readonly name: string;
  readonly requests: number;
  readonly errors: number;
  readonly throughputPerSecond: number;
  readonly latency: LatencySummary;
  /** Problem text → how many requests had it ("HTTP 500", "timeout: …", "expected 1 result, got 0"). */
  readonly problems: Readonly<Record<string, number>>;
}

export interface LoadReport {
  readonly version: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly run: {
    readonly id: string;
    readonly prefix: string;
    readonly seed: number;
    readonly startedAt: string;
    readonly elapsedMs: number;
    readonly stoppedBy: StopReason;
  };
  readonly target: { readonly baseUrl: string };
  readonly settings: {
    readonly mode: LoadMode;
    readonly connections: number;
    readonly durationMs: number;
    readonly requests: number | null;
    readonly users: number;
    readonly timeoutMs: number;
  };
  /** How hard the generator itself worked: near 100 % of a core, it (not the server) set the pace. */
  readonly generator: {
    readonly kind: "node:http";
    readonly cpuMs: number;
    readonly cpuPercentOfOneCore: number;
    readonly cpuMicrosPerRequest: number;
  };
  readonly totals: OperationFigures;
  readonly operations: readonly OperationFigures[];
  readonly setup: { readonly users: number; readonly group: boolean; readonly ms: number };
  readonly cleanup: CleanupResult;
}

function figures(name: string, tallies: readonly OperationTally[], elapsedMs: number): OperationFigures {
  const latency = new LatencyHistogram();
  const problems: Record<string, number> = {};
  let requests = 0;
  let errors = 0;
  for (const tally of tallies) {
    requests += tally.count;
    errors += tally.errors;
    latency.merge(tally.latency);
    for (const [problem, count] of tally.problems) problems[problem] = (problems[problem] ?? 0) + count;
  }
  return {
    name,
    requests,
    errors,
    throughputPerSecond: Math.round((requests / Math.max(elapsedMs, 1)) * 10_000) / 10,
    latency: latency.summary(),
    problems,
  };
}

export function operationFigures(result: EngineResult): {
  readonly totals: OperationFigures;
  readonly operations: OperationFigures[];
} {
  return {
    totals: figures("all", result.tallies, result.elapsedMs),
    operations: result.tallies.map((t) => figures(t.name, [t], result.elapsedMs)),
  };
}
