// The load module's surface for bin/cli.ts and the benchmarks (STYLE.md §18: index.ts only at module
// boundaries).

export { LatencyHistogram, type LatencySummary } from "./latency-histogram.js";
export { LoadClient, type LoadOutcome, type LoadRequest } from "./load-client.js";
export { executeLoad, registerLoadCommand } from "./load-command.js";
export type { LoadReport } from "./load-report.js";
export { isLoopbackHost, refusedTarget } from "./target-guard.js";
