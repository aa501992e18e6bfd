// Runs the harness against an in-memory mutant server through msw (setupServer patches node:http,
// which the harness's transport uses, so the run sees exactly what a real target would show).
import { setupServer } from "msw/node";
import type { CheckResult, Profile, Verdict } from "../checks/check.js";
import { gates } from "../checks/check.js";
import type { PropertyRunOptions } from "../checks/check-context.js";
import type { Catalogue } from "../engine/catalogue.js";
import type { CheckSource } from "../engine/plan.js";
import type { RunResult } from "../engine/run-conformance.js";
import { runConformance } from "../engine/run-conformance.js";
import type { MutantServerOptions } from "./server/mutant-server.js";
import { createMutantServer } from "./server/mutant-server.js";

export interface RunAgainstOptions extends MutantServerOptions {
  readonly checks: readonly CheckSource[];
  readonly catalogue?: Catalogue;
  readonly only?: readonly string[];
  readonly profiles?: readonly Profile[];
  readonly seed?: number;
  /** Effort of the property checks; default `mutantPropertyRuns`. */
  readonly properties?: PropertyRunOptions;
}

/**
 * The property checks' effort against mutants: few cases and a short shrink budget keep the matrix fast,
 * and the fixed seed makes every mutant's counterexample the same on every run.
 */
export const mutantPropertyRuns: PropertyRunOptions = { runs: 10, shrinkTimeMs: 2000 };

/**
 * Every gate is `--require`d: a broken MUST then grades `fail` whether or not the server advertises
 * (or can advertise, like /Me and .search) the feature, so the mutant matrix is crisp.
 */
export async function runAgainstMutant(options: RunAgainstOptions): Promise<RunResult> {
  const target = createMutantServer(options);
  const msw = setupServer(...target.handlers);
  msw.listen({ onUnhandledRequest: "error" });
  try {
    return await runConformance({
      baseUrl: target.baseUrl,
      credentials: { kind: "bearer", token: target.token },
      checks: options.checks,
      ...(options.catalogue ? { catalogue: options.catalogue } : {}),
      ...(options.only ? { only: options.only } : {}),
      profiles: options.profiles ?? ["rfc", "entra", "okta"],
      require: [...gates],
      seed: options.seed ?? 7,
      properties: options.properties ?? mutantPropertyRuns,
      concurrency: 4,
      timeoutMs: 5000,
    });
  } finally {
    msw.close();
  }
}

export function verdicts(results: readonly CheckResult[]): Map<string, Verdict> {
  return new Map(results.map((r) => [r.id, r.status]));
}

/** One line per result for assertion messages: verdict, id, and what the check saw. */
export function describeResult(r: CheckResult): string {
  const detail =
    r.status === "fail" || r.status === "warn"
      ? r.actual
      : r.status === "skip"
        ? r.reason
        : r.status === "error"
          ? r.error
          : "";
  return `${r.status.padEnd(5)} ${r.id}${detail ? ` — ${detail.slice(0, 300)}` : ""}`;
}
