// How much effort a property spends and which case it replays: `--runs N` and `--path P` (with the run's
// `--seed S`). The engine has no such options yet, so they are read from the run facts when a future
// RunInfo carries them (`properties: { runs, path }`) and otherwise from the environment
// (SCIMC_PROPERTY_RUNS, SCIMC_PROPERTY_PATH, SCIMC_PROPERTY_TIME_LIMIT_MS, SCIMC_PROPERTY_SHRINK_MS),
// so a replay works today.
import type { RunInfo } from "../../checks/check-context.js";

export interface PropertySettings {
  /** Cases per property (fast-check numRuns). */
  readonly runs: number;
  /** A fast-check path: replay exactly that (shrunk) case. */
  readonly path: string | undefined;
  /** Milliseconds the property may spend before it stops generating and shrinking. */
  readonly timeLimitMs: number;
  /**
   * Milliseconds spent shrinking a failure before the smallest case found so far is reported: every
   * shrink step replays a case against the target, so an unbounded search can take minutes.
   */
  readonly shrinkTimeMs: number;
}

/** The optional extension of RunInfo this module understands. */
interface PropertyRunInfo {
  readonly properties?: {
    readonly runs?: number;
    readonly path?: string;
    readonly timeLimitMs?: number;
    readonly shrinkTimeMs?: number;
  };
}

function positive(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function propertySettings(
  run: RunInfo,
  defaults: { readonly runs: number; readonly timeLimitMs?: number; readonly shrinkTimeMs?: number },
  env: Readonly<Record<string, string | undefined>> = process.env,
): PropertySettings {
  const fromRun = (run as RunInfo & PropertyRunInfo).properties;
  const path = fromRun?.path ?? env.SCIMC_PROPERTY_PATH;
  return {
    runs: fromRun?.runs ?? positive(env.SCIMC_PROPERTY_RUNS) ?? defaults.runs,
    path: path !== undefined && path.trim() !== "" ? path.trim() : undefined,
    timeLimitMs:
      fromRun?.timeLimitMs ?? positive(env.SCIMC_PROPERTY_TIME_LIMIT_MS) ?? defaults.timeLimitMs ?? 90_000,
    shrinkTimeMs:
      fromRun?.shrinkTimeMs ?? positive(env.SCIMC_PROPERTY_SHRINK_MS) ?? defaults.shrinkTimeMs ?? 10_000,
  };
}
