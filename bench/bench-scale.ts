// The two scales of `npm run bench`. Full is the issue's: a million users, groups of 100,000, Bulk of
// 100,000. Quick (`--quick`, what CI runs) keeps every code path with data small enough for a few
// minutes on two shared cores; its ratios are printed but say little about scale.

export interface BenchScale {
  readonly label: "full" | "quick" | "tiny";
  /** Users of the large reference database (filter, cursor walk and RSS figures). */
  readonly users: number;
  /** Users of the small reference database (the filter p99 baseline). */
  readonly smallUsers: number;
  /** Users of the SCIMMY comparison (both servers hold this many). */
  readonly comparisonUsers: number;
  readonly bigGroup: number;
  readonly smallGroup: number;
  readonly bulkImportUsers: number;
  readonly bulkPerRequest: number;
  readonly memberAddRounds: number;
  readonly scimmyMemberAdds: number;
  readonly latencySamples: number;
  readonly rounds: number;
  readonly roundMs: number;
  readonly warmupMs: number;
  readonly connections: number;
  readonly cursorPageSize: number;
  /** Whether the conformance run is timed (about a minute; off at --quick to keep CI short). */
  readonly conformance: boolean;
}

export const fullScale: BenchScale = Object.freeze({
  label: "full",
  users: 1_000_000,
  smallUsers: 1_000,
  comparisonUsers: 10_000,
  bigGroup: 100_000,
  smallGroup: 100,
  bulkImportUsers: 100_000,
  bulkPerRequest: 1_000,
  memberAddRounds: 300,
  scimmyMemberAdds: 8,
  latencySamples: 2_000,
  rounds: 5,
  roundMs: 3_000,
  warmupMs: 1_500,
  connections: 16,
  cursorPageSize: 1_000,
  conformance: true,
});

export const quickScale: BenchScale = Object.freeze({
  label: "quick",
  users: 10_000,
  smallUsers: 1_000,
  comparisonUsers: 10_000,
  bigGroup: 5_000,
  smallGroup: 100,
  bulkImportUsers: 10_000,
  bulkPerRequest: 1_000,
  memberAddRounds: 40,
  scimmyMemberAdds: 3,
  latencySamples: 300,
  rounds: 2,
  roundMs: 800,
  warmupMs: 400,
  connections: 16,
  cursorPageSize: 100,
  conformance: false,
});

/** The smallest scale: every piece runs, nothing is meaningful (bench.test.ts). */
export const tinyScale: BenchScale = Object.freeze({
  ...quickScale,
  label: "tiny",
  users: 300,
  smallUsers: 100,
  comparisonUsers: 200,
  bigGroup: 150,
  smallGroup: 10,
  bulkImportUsers: 200,
  bulkPerRequest: 100,
  memberAddRounds: 5,
  scimmyMemberAdds: 2,
  latencySamples: 20,
  rounds: 1,
  roundMs: 200,
  warmupMs: 100,
  connections: 4,
  cursorPageSize: 50,
});
