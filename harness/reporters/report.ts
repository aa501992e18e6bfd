// The report of one run: what every reporter renders and what `report.json` serialises. Its JSON shape
// is versioned and documented by json/report.schema.json (validated in a test); bump `reportVersion`'s
// major on any incompatible change so CI consumers can tell.
import type { CheckResult, Gate, Level, Profile, Verdict } from "../checks/check.js";
import type { PropertyRunOptions } from "../checks/check-context.js";
import type { Exchange } from "../client/exchange.js";
import type { Requirement } from "../engine/catalogue.js";
import type { CleanupReport } from "../engine/cleanup.js";
import type { DiscoveryDocuments, FeatureState } from "../engine/discovery.js";
import type { FidelityTable } from "../properties/compare/index.js";

export const reportVersion = "1.1";
export const verdicts: readonly Verdict[] = ["pass", "fail", "warn", "skip", "error"];
export const levels: readonly Level[] = ["MUST", "SHOULD", "MAY", "interop"];

export type Counts = Record<Verdict, number>;

export interface LevelCoverage {
  /** Requirements of this level in the catalogue. */
  readonly requirements: number;
  /** Of those, how many have at least one executed check (pass, fail or warn). */
  readonly covered: number;
  readonly uncovered: readonly string[];
}

export interface Report {
  readonly reportVersion: typeof reportVersion;
  readonly harness: { readonly name: "scim-conformance"; readonly version: string };
  readonly run: {
    readonly id: string;
    readonly prefix: string;
    readonly seed: number;
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly durationMs: number;
    /** Ctrl-C: the results are partial. */
    readonly interrupted: boolean;
    readonly options: {
      readonly profiles: readonly Profile[];
      readonly require: readonly Gate[];
      readonly only: readonly string[];
      readonly skip: readonly string[];
      readonly concurrency: number;
      readonly timeoutMs: number;
      /** `--runs`, `--path`, `--shrink-ms` as given (since 1.1). */
      readonly properties?: PropertyRunOptions;
    };
  };
  readonly target: { readonly baseUrl: string; readonly reachable: boolean };
  readonly summary: {
    readonly total: number;
    readonly byStatus: Counts;
    readonly byLevel: Readonly<Record<Level, Counts>>;
    readonly byArea: Readonly<Record<string, Counts>>;
    /** Schema findings in all recorded responses (discovery, checks, cleanup). */
    readonly schemaFindings: number;
    /** 0: every MUST check passed; 1: one failed; 2: unreachable target or harness error. */
    readonly exitCode: 0 | 1 | 2;
  };
  readonly coverage: {
    readonly requirements: number;
    readonly covered: number;
    readonly byLevel: Readonly<Record<Level, LevelCoverage>>;
  };
  readonly discovery: {
    readonly documents: DiscoveryDocuments;
    readonly features: Readonly<Record<Gate, FeatureState>>;
    readonly problems: readonly string[];
    readonly exchanges: readonly Exchange[];
  };
  readonly results: readonly CheckResult[];
  /**
   * The attribute fidelity table (since 1.1): per attribute path, how often the property checks' values
   * were read back equal, lost, altered or invented. Absent when no property check compared anything.
   */
  readonly fidelity?: FidelityTable;
  readonly cleanup: CleanupReport & { readonly exchanges: readonly Exchange[] };
}

export function emptyCounts(): Counts {
  return { pass: 0, fail: 0, warn: 0, skip: 0, error: 0 };
}

export function exitCodeOf(reachable: boolean, results: readonly CheckResult[]): 0 | 1 | 2 {
  if (!reachable || results.some((r) => r.status === "error")) return 2;
  return results.some((r) => r.status === "fail") ? 1 : 0;
}

export function summarise(
  results: readonly CheckResult[],
  findings: number,
  exitCode: 0 | 1 | 2,
): Report["summary"] {
  const byStatus = emptyCounts();
  const byLevel = Object.fromEntries(levels.map((l) => [l, emptyCounts()])) as Record<Level, Counts>;
  const byArea: Record<string, Counts> = {};
  for (const r of results) {
    byStatus[r.status] += 1;
    byLevel[r.level][r.status] += 1;
    const area = byArea[r.area] ?? emptyCounts();
    area[r.status] += 1;
    byArea[r.area] = area;
  }
  return { total: results.length, byStatus, byLevel, byArea, schemaFindings: findings, exitCode };
}

export function coverageOf(
  catalogue: readonly Requirement[],
  results: readonly CheckResult[],
): Report["coverage"] {
  const executed = new Set(
    results
      .filter((r) => r.status === "pass" || r.status === "fail" || r.status === "warn")
      .flatMap((r) => r.requirements.map((q) => q.id)),
  );
  const byLevel = Object.fromEntries(
    levels.map((level) => {
      const ids = catalogue.filter((r) => r.level === level).map((r) => r.id);
      const uncovered = ids.filter((id) => !executed.has(id));
      return [level, { requirements: ids.length, covered: ids.length - uncovered.length, uncovered }];
    }),
  ) as unknown as Record<Level, LevelCoverage>;
  return {
    requirements: catalogue.length,
    covered: catalogue.filter((r) => executed.has(r.id)).length,
    byLevel,
  };
}
