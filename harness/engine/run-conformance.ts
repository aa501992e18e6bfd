// One conformance run, end to end: plan (catalogue + checks + selection), discovery, the checks on a
// bounded pool, cleanup (always, in reverse creation order, also after a harness error or Ctrl-C), and
// the report. The CLI and `npm run conformance` are thin shells around `runConformance`.
import type { CheckResult, Gate, Profile } from "../checks/check.js";
import { gates } from "../checks/check.js";
import type { PropertyRunOptions, RunInfo } from "../checks/check-context.js";
import type { Credentials } from "../client/client-config.js";
import { ClientFactory, harnessVersion } from "../client/client-factory.js";
import type { Exchange } from "../client/exchange.js";
import type { HttpTransport } from "../client/http-transport.js";
import type { TlsOptions } from "../client/node-http-transport.js";
import type { FidelityTable } from "../properties/compare/index.js";
import { takeFidelityTable } from "../properties/runner/fidelity-registry.js";
import type { Report } from "../reporters/report.js";
import { coverageOf, exitCodeOf, reportVersion, summarise } from "../reporters/report.js";
import type { Catalogue } from "./catalogue.js";
import { loadCatalogue } from "./catalogue.js";
import { baseOf, runCheck } from "./check-runner.js";
import type { CleanupReport } from "./cleanup.js";
import { cleanUp } from "./cleanup.js";
import { discover } from "./discover.js";
import type { Discovery, FeatureState } from "./discovery.js";
import type { CheckSource, Plan, PlannedCheck } from "./plan.js";
import { resolveChecks, selectChecks } from "./plan.js";
import { runPool } from "./pool.js";
import { newRunId, prefixOf, randomSeed, UniqueNameSource } from "./run-identity.js";

export interface RunOptions {
  readonly baseUrl: string;
  readonly credentials?: Credentials;
  readonly headers?: Readonly<Record<string, string>>;
  readonly tls?: TlsOptions;
  /** Default ["rfc"]. */
  readonly profiles?: readonly Profile[];
  readonly require?: readonly Gate[];
  readonly only?: readonly string[];
  readonly skip?: readonly string[];
  readonly seed?: number;
  /** `--runs`, `--path`, `--shrink-ms`: effort and replay of the property checks. */
  readonly properties?: PropertyRunOptions;
  readonly timeoutMs?: number;
  /** Default 4. */
  readonly concurrency?: number;
  /** Per-check time budget; default 120 s. */
  readonly budgetMs?: number;
  readonly signal?: AbortSignal;
  /** The checks to plan from; default: every registered code check and fixture case. */
  readonly checks: readonly CheckSource[];
  readonly catalogue?: Catalogue;
  readonly transport?: HttpTransport;
  readonly maxResponseBytes?: number;
  readonly onEvent?: (event: RunEvent) => void;
}

export type RunEvent =
  | { readonly kind: "planned"; readonly total: number }
  | { readonly kind: "discovered"; readonly discovery: Discovery }
  | { readonly kind: "started"; readonly id: string }
  | { readonly kind: "finished"; readonly result: CheckResult; readonly done: number; readonly total: number }
  | { readonly kind: "cleaning"; readonly count: number }
  | { readonly kind: "cleaned"; readonly cleanup: CleanupReport };

export interface PlannedRun {
  readonly plan: Plan;
  readonly catalogue: Catalogue;
}

/** Resolves and selects the checks without touching the network (also `--dry-run`). */
export function planRun(
  options: Pick<RunOptions, "checks" | "catalogue" | "only" | "skip" | "profiles">,
): PlannedRun {
  const catalogue = options.catalogue ?? loadCatalogue();
  const resolved = resolveChecks(options.checks, catalogue);
  const plan = selectChecks(resolved, {
    only: options.only ?? [],
    skip: options.skip ?? [],
    profiles: options.profiles ?? ["rfc"],
  });
  return { plan, catalogue };
}

function skipped(planned: PlannedCheck, reason: string): CheckResult {
  return { ...baseOf(planned), status: "skip", reason } as CheckResult;
}

function countFindings(exchanges: readonly Exchange[]): number {
  return exchanges.reduce((n, e) => n + e.schemaFindings.length, 0);
}

export interface RunResult {
  readonly report: Report;
  readonly exitCode: 0 | 1 | 2;
}

export async function runConformance(options: RunOptions): Promise<RunResult> {
  const startedAt = new Date();
  const { plan, catalogue } = planRun(options);
  const profiles = options.profiles ?? ["rfc"];
  const required = new Set(options.require ?? []);
  const signal = options.signal ?? new AbortController().signal;
  const runId = newRunId();
  const run: RunInfo = {
    id: runId,
    prefix: prefixOf(runId),
    seed: options.seed ?? randomSeed(),
    baseUrl: options.baseUrl,
    profiles,
    ...(options.properties ? { properties: options.properties } : {}),
  };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const factory = new ClientFactory({
    baseUrl: options.baseUrl,
    prefix: run.prefix,
    maxSockets: concurrency + 1,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}),
  });
  const emit = options.onEvent ?? (() => {});
  const total = plan.run.length + plan.notSelected.length;
  emit({ kind: "planned", total });

  let discovery: Discovery | undefined;
  let results: CheckResult[] = [];
  // Cleanup must not be aborted by the Ctrl-C that interrupted the run: its client has no signal.
  const cleanupClient = factory.forCheck("cleanup");
  let cleanup: CleanupReport = { deleted: 0, leftBehind: [] };
  let fidelity: FidelityTable | undefined;
  try {
    discovery = await discover(factory.forCheck("discovery", signal));
    emit({ kind: "discovered", discovery });
    const found = discovery;
    const unique = new UniqueNameSource(run.prefix);
    let done = 0;
    const ran = found.reachable
      ? await runPool(
          plan.run,
          concurrency,
          async (planned) => {
            emit({ kind: "started", id: planned.id });
            const result = await runCheck(planned, {
              factory,
              discovery: found,
              run,
              unique,
              required,
              signal,
              budgetMs: options.budgetMs ?? 120_000,
            });
            done += 1;
            emit({ kind: "finished", result, done, total });
            return result;
          },
          signal,
          (planned) => skipped(planned, "not run: the run was interrupted"),
        )
      : plan.run.map((planned) =>
          skipped(planned, `not run: the target could not be reached (${found.problems.join("; ")})`),
        );
    const notSelected = plan.notSelected.map((planned) =>
      skipped(planned, `profile "${planned.profile}" not selected (--profile ${planned.profile})`),
    );
    results = [...ran, ...notSelected];
  } finally {
    // Taken even when the run failed, so that a long-lived process does not keep the run's table.
    fidelity = takeFidelityTable(run.id);
    emit({ kind: "cleaning", count: factory.ledger.pending().length });
    try {
      cleanup = await cleanUp(factory.ledger, cleanupClient);
    } finally {
      factory.close();
    }
    emit({ kind: "cleaned", cleanup });
  }

  const reachable = discovery?.reachable ?? false;
  const exitCode = exitCodeOf(reachable, results);
  const finishedAt = new Date();
  const allExchanges = [
    ...(discovery?.exchanges ?? []),
    ...results.flatMap((r) => r.exchanges),
    ...cleanupClient.exchanges,
  ];
  const features = Object.fromEntries(gates.map((g) => [g, discovery?.feature(g) ?? "unknown"])) as Record<
    Gate,
    FeatureState
  >;
  const report: Report = {
    reportVersion,
    harness: { name: "scim-conformance", version: harnessVersion },
    run: {
      id: run.id,
      prefix: run.prefix,
      seed: run.seed,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      interrupted: signal.aborted,
      options: {
        profiles,
        require: [...required],
        only: options.only ?? [],
        skip: options.skip ?? [],
        concurrency,
        timeoutMs: factory.config.timeoutMs,
        ...(options.properties && Object.keys(options.properties).length > 0
          ? { properties: options.properties }
          : {}),
      },
    },
    target: { baseUrl: factory.config.baseUrl, reachable },
    summary: summarise(results, countFindings(allExchanges), exitCode),
    coverage: coverageOf(catalogue.all(), results),
    discovery: {
      documents: discovery?.documents ?? {},
      features,
      problems: discovery?.problems ?? [],
      exchanges: discovery?.exchanges ?? [],
    },
    results,
    ...(fidelity ? { fidelity } : {}),
    cleanup: { ...cleanup, exchanges: cleanupClient.exchanges },
  };
  return { report, exitCode };
}
