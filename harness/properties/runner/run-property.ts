// Runs one live property against the target with fast-check: cases generated from the check's seed,
// a failing case shrunk to a minimal one (each shrink step is replayed against the target), and the
// result turned into an Outcome that carries `replay: { seed, path, counterexample }` so that
// `--seed S --path P` replays exactly that case (STYLE.md §10).
import fc from "fast-check";
import type { Outcome } from "../../checks/check.js";
import type { CheckContext } from "../../checks/check-context.js";
import { PreconditionUnmet } from "../../checks/support/scim-check.js";
import { ExchangeFailure } from "../../client/client.js";
import type { PropertySettings } from "./property-settings.js";

/**
 * A case the target got wrong. `requirements` narrows the grading to the ids this case broke (a lost
 * value under a SHOULD is a warn, an altered caseExact value under a MUST a fail); `evidence` is what
 * the report shows as the counterexample (the request actually sent, the response), rather than the
 * generator's internal value.
 */
export class CaseFailure extends Error {
  override name = "CaseFailure";
  readonly requirements: readonly string[] | undefined;
  readonly evidence: unknown;

  constructor(message: string, options: { requirements?: readonly string[]; evidence?: unknown } = {}) {
    super(message);
    this.requirements = options.requirements;
    this.evidence = options.evidence;
  }
}

/** A case the property cannot judge (the model has no answer, the target's precondition failed). */
export function discard(): never {
  fc.pre(false);
  throw new Error("unreachable: fc.pre(false) throws");
}

export type PropertyResult =
  | {
      readonly kind: "passed";
      readonly runs: number;
      readonly skipped: number;
      /** The time limit stopped generation before all requested cases ran. */
      readonly interrupted: boolean;
    }
  | {
      readonly kind: "failed";
      readonly error: unknown;
      readonly path: string;
      readonly counterexample: unknown;
      readonly runs: number;
      readonly shrinks: number;
      /** Shrinking stopped at its time budget: the case is small, not necessarily minimal. */
      readonly shrinkCutOff: boolean;
    }
  | { readonly kind: "interrupted"; readonly runs: number };

export async function runProperty<T>(
  ctx: Pick<CheckContext, "seed" | "signal">,
  settings: PropertySettings,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
): Promise<PropertyResult> {
  // No response at all, or a precondition the check cannot meet, is not a counterexample: it ends the
  // property at once and goes to the engine (an `error`, or a `skip` through scimCheck).
  let fatal: unknown;
  // Once a case failed, fast-check only shrinks. When the shrink budget is spent, further candidates
  // are let through unjudged (no request is sent), so the search ends on the smallest failure so far.
  let failedAt: number | undefined;
  let shrinkCutOff = false;
  const property = fc.asyncProperty(arbitrary, async (value) => {
    if (fatal !== undefined) throw fatal;
    if (ctx.signal.aborted) throw new Error("the check was aborted");
    if (failedAt !== undefined && performance.now() - failedAt > settings.shrinkTimeMs) {
      shrinkCutOff = true;
      return;
    }
    try {
      await predicate(value);
    } catch (error) {
      if (error instanceof ExchangeFailure || error instanceof PreconditionUnmet) fatal = error;
      else if (!fc.PreconditionFailure.isFailure(error)) failedAt ??= performance.now();
      throw error;
    }
  });
  const details = await fc.check(property, {
    seed: ctx.seed,
    numRuns: settings.runs,
    ...(settings.path !== undefined ? { path: settings.path } : {}),
    // Every shrink step talks to the target: the time limit bounds the whole search.
    interruptAfterTimeLimit: settings.timeLimitMs,
    markInterruptAsFailure: false,
    maxSkipsPerRun: 10,
  });
  if (fatal !== undefined) throw fatal;
  if (details.failed && details.counterexamplePath !== null && details.counterexample !== null) {
    return {
      kind: "failed",
      error: details.errorInstance,
      path: details.counterexamplePath,
      counterexample: details.counterexample[0],
      runs: details.numRuns,
      shrinks: details.numShrinks,
      shrinkCutOff,
    };
  }
  if (details.interrupted && details.numRuns === 0) return { kind: "interrupted", runs: 0 };
  return {
    kind: "passed",
    runs: details.numRuns,
    skipped: details.numSkips,
    interrupted: details.interrupted,
  };
}

function render(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/**
 * The Outcome of a property: met, or unmet with the failure, how many cases ran and shrank, and the
 * replay information. `checkId` goes into the replay hint.
 */
export function propertyOutcome(
  ctx: Pick<CheckContext, "run" | "note">,
  checkId: string,
  expectation: string,
  result: PropertyResult,
): Outcome {
  if (result.kind === "passed") {
    ctx.note(
      `${result.runs} generated case(s) held${result.skipped > 0 ? `, ${result.skipped} skipped` : ""} (seed ${ctx.run.seed})${
        result.interrupted ? "; the time limit stopped the property before every requested case ran" : ""
      }`,
    );
    return { kind: "met", expectation };
  }
  if (result.kind === "interrupted") {
    return { kind: "skip", reason: "the property was interrupted before a single case ran" };
  }
  const error = result.error;
  const failure = error instanceof CaseFailure ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const evidence = failure?.evidence ?? result.counterexample;
  const replay = `--only ${checkId} --seed ${ctx.run.seed} --path ${result.path}`;
  return {
    kind: "unmet",
    expectation,
    actual: `${message} — ${result.shrinkCutOff ? "smallest case within the shrink time budget" : "minimal case"} after ${result.runs} case(s) and ${result.shrinks} shrink(s): ${render(evidence)}; replay with ${replay}`,
    ...(failure?.requirements ? { requirements: failure.requirements } : {}),
    replay: { seed: ctx.run.seed, path: result.path, counterexample: evidence },
  };
}
