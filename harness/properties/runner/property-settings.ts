// How much effort a property spends and which case it replays: `--runs N`, `--path P` (with the run's
// `--seed S`) and `--shrink-ms`, carried in RunInfo.properties by the engine; what the run leaves out is
// read from the environment (SCIMC_PROPERTY_RUNS, SCIMC_PROPERTY_PATH, SCIMC_PROPERTY_TIME_LIMIT_MS,
// SCIMC_PROPERTY_SHRINK_MS), then each check's default.
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
  const fromRun = run.properties;
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
