// The closed-loop generator: `connections` workers, each sending its next request when the previous one
// is answered, until --duration is over, --requests have been sent, the run is interrupted, or nothing is
// left to do. Closed-loop means the offered load adapts to the server (no queue builds up in the client),
// so latencies are the server's plus one round trip. Requests in flight at the deadline still count; an
// interrupted request does not count at all.

import { LatencyHistogram } from "./latency-histogram.js";
import type { LoadClient, LoadOutcome } from "./load-client.js";
import {
  type Operation,
  type OperationName,
  type OperationRun,
  operation,
  type PlannedRequest,
} from "./operations.js";
import { type Mix, pickFrom } from "./profiles.js";

export type StopReason = "duration" | "requests" | "interrupted" | "exhausted";

export interface EngineOptions {
  readonly client: LoadClient;
  readonly mix: Mix;
  readonly run: OperationRun;
  readonly connections: number;
  readonly durationMs: number;
  readonly requests: number | undefined;
  readonly signal?: AbortSignal;
}

/** Distinct problem texts kept per operation; more are counted under "other". */
const maxProblemKinds = 20;

export class OperationTally {
  readonly name: OperationName;
  readonly latency = new LatencyHistogram();
  readonly problems = new Map<string, number>();
  count = 0;
  errors = 0;

  constructor(name: OperationName) {
    this.name = name;
  }

  record(outcome: LoadOutcome, planned: PlannedRequest, run: OperationRun): void {
    this.count += 1;
    this.latency.record(outcome.ms);
    const problem =
      outcome.kind === "failure"
        ? outcome.reason
        : !planned.expect.includes(outcome.status)
          ? `HTTP ${outcome.status}`
          : planned.check?.(outcome, run);
    if (problem === undefined) return;
    this.errors += 1;
    const key =
      this.problems.has(problem) || this.problems.size < maxProblemKinds ? problem.slice(0, 200) : "other";
    this.problems.set(key, (this.problems.get(key) ?? 0) + 1);
  }
}

export interface EngineResult {
  readonly elapsedMs: number;
  readonly stoppedBy: StopReason;
  readonly tallies: readonly OperationTally[];
  /** CPU the generator process used during the run (user + system), to tell a saturated client. */
  readonly generatorCpuMs: number;
}

function isAborted(outcome: LoadOutcome): boolean {
  return outcome.kind === "failure" && outcome.reason.startsWith("aborted");
}

export async function runLoad(options: EngineOptions): Promise<EngineResult> {
  const { client, mix, run, signal } = options;
  const tallies = new Map<OperationName, OperationTally>(mix.map((m) => [m.op, new OperationTally(m.op)]));
  const operations = new Map<OperationName, Operation>(mix.map((m) => [m.op, operation(m.op)]));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + options.durationMs;
  let issued = 0;
  let stoppedBy: StopReason | undefined;

  const next = (): { name: OperationName; planned: PlannedRequest } | undefined => {
    // A mix retries a few times: one of its operations may have run out (no member left to remove).
    for (let attempt = 0; attempt < 2 * mix.length + 2; attempt++) {
      const name = pickFrom(mix, run.random);
      const planned = operations.get(name)?.plan(run);
      if (planned !== undefined) return { name, planned };
    }
    return undefined;
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (stoppedBy !== undefined) return;
      if (signal?.aborted) stoppedBy = "interrupted";
      else if (performance.now() >= deadline) stoppedBy = "duration";
      else if (options.requests !== undefined && issued >= options.requests) stoppedBy = "requests";
      if (stoppedBy !== undefined) return;
      const picked = next();
      if (picked === undefined) {
        stoppedBy = "exhausted";
        return;
      }
      issued += 1;
      // An interrupt stops new requests but lets those in flight finish (each is bounded by the request
      // timeout): aborting a POST the server already carried out would leave a resource nobody records,
      // and the cleanup that follows could not delete it.
      const outcome = await client.send(picked.planned);
      if (isAborted(outcome)) continue;
      tallies.get(picked.name)?.record(outcome, picked.planned, run);
    }
  };

  await Promise.all(Array.from({ length: options.connections }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return {
    elapsedMs: performance.now() - started,
    stoppedBy: stoppedBy ?? "duration",
    tallies: [...tallies.values()],
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  };
}
