// Runs one check and turns what happened into a CheckResult: the outcome graded (grading.ts), or an
// `error` when the check threw or no response arrived, always with the check's own exchanges as
// evidence. A check gets a time budget; overrunning it aborts its requests and is an `error`.
import type { CheckResult, Gate, Outcome } from "../checks/check.js";
import type { RunInfo, UniqueNames } from "../checks/check-context.js";
import { skip } from "../checks/expect.js";
import { firstUnadvertised } from "../checks/support/advertised-attributes.js";
import { ExchangeFailure } from "../client/client.js";
import type { ClientFactory } from "../client/client-factory.js";
import { buildContext } from "./context.js";
import type { Discovery } from "./discovery.js";
import { grade } from "./grading.js";
import type { PlannedCheck } from "./plan.js";

export interface RunnerDeps {
  readonly factory: ClientFactory;
  readonly discovery: Discovery;
  readonly run: RunInfo;
  readonly unique: UniqueNames;
  readonly required: ReadonlySet<Gate>;
  /** Ctrl-C. */
  readonly signal: AbortSignal;
  readonly budgetMs: number;
}

export function describeError(error: unknown): string {
  if (error instanceof ExchangeFailure) return `no usable response: ${error.message}`;
  if (error instanceof Error) {
    // The first frames locate a bug in a check; more is noise in a report.
    const frames = (error.stack ?? "")
      .split("\n")
      .slice(1, 4)
      .map((l) => l.trim());
    return [`${error.name}: ${error.message}`, ...frames].join("\n");
  }
  return `thrown: ${String(error)}`;
}

export function baseOf(planned: PlannedCheck): Omit<CheckResult, "status"> {
  return {
    id: planned.id,
    title: planned.title,
    area: planned.area,
    profile: planned.profile,
    gate: planned.gate,
    level: planned.level,
    requirements: planned.requirements.map(({ id, rfc, section, level, summary }) => ({
      id,
      rfc,
      section,
      level,
      summary,
    })),
    expectation: planned.check.expectation,
    exchanges: [],
    durationMs: 0,
    source: planned.source,
  } as Omit<CheckResult, "status">;
}

export async function runCheck(planned: PlannedCheck, deps: RunnerDeps): Promise<CheckResult> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(deps.signal.reason);
  deps.signal.addEventListener("abort", onAbort, { once: true });
  let overran = false;
  const budget = setTimeout(() => {
    overran = true;
    controller.abort(new Error("time budget exceeded"));
  }, deps.budgetMs);
  const client = deps.factory.forCheck(planned.id, controller.signal);
  const { ctx, notes } = buildContext({
    checkId: planned.id,
    expectation: planned.check.expectation,
    client,
    discovery: deps.discovery,
    run: deps.run,
    unique: deps.unique,
    ledger: deps.factory.ledger,
    signal: controller.signal,
  });
  const started = performance.now();
  let outcome: Outcome | undefined;
  let failure: string | undefined;
  // A check about attributes the target does not list has nothing to test there (RFC 7643 §7).
  const unlisted = firstUnadvertised(deps.discovery, planned.check.attributes);
  try {
    // Promise.race so a check that ignores the signal still ends at its budget.
    outcome = await Promise.race([
      unlisted === undefined ? planned.check.run(ctx) : Promise.resolve(skip(unlisted)),
      new Promise<never>((_, reject) =>
        controller.signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true }),
      ),
    ]);
  } catch (error) {
    failure = overran
      ? `the check did not finish within its ${deps.budgetMs} ms budget`
      : deps.signal.aborted
        ? "the run was interrupted"
        : describeError(error);
  } finally {
    clearTimeout(budget);
    deps.signal.removeEventListener("abort", onAbort);
  }
  const base = {
    ...baseOf(planned),
    exchanges: [...client.exchanges],
    durationMs: Math.round(performance.now() - started),
    ...(notes.length > 0 ? { notes: [...notes] } : {}),
  };
  if (
    outcome === undefined ||
    !["met", "unmet", "skip"].includes((outcome as { kind?: unknown }).kind as string)
  ) {
    return {
      ...base,
      status: "error",
      error: failure ?? `the check returned no Outcome: ${JSON.stringify(outcome)}`,
    };
  }
  const expectation = outcome.kind === "skip" ? base.expectation : outcome.expectation;
  const replay = outcome.kind === "unmet" && outcome.replay ? { replay: outcome.replay } : {};
  const graded = grade({
    outcome,
    requirements: planned.requirements,
    gate: planned.gate,
    profile: planned.profile,
    feature: deps.discovery.feature(planned.gate),
    required: deps.required,
  });
  switch (graded.status) {
    case "pass":
      return { ...base, expectation, status: "pass" };
    case "skip":
      return { ...base, status: "skip", reason: graded.reason };
    case "fail":
      return {
        ...base,
        expectation,
        ...replay,
        level: graded.level,
        status: "fail",
        actual: outcome.kind === "unmet" ? outcome.actual : "",
      };
    case "warn":
      return {
        ...base,
        expectation,
        ...replay,
        level: graded.level,
        status: "warn",
        actual: outcome.kind === "unmet" ? outcome.actual : "",
        reason: graded.reason,
      };
  }
}
