import { defaultCheckSources } from "../engine/check-sources.js";
import { describeResult, runAgainstMutant } from "./run-against.js";

const quirks = (process.env.QUIRKS ?? "").split(",").filter(Boolean) as never[];
const only = (process.env.ONLY ?? "").split(",").filter(Boolean);
const t0 = performance.now();
const { report } = await runAgainstMutant({
  checks: defaultCheckSources(),
  quirks,
  ...(only.length ? { only } : {}),
});
for (const r of report.results) if (r.status !== "pass" || process.env.ALL) console.log(describeResult(r));
console.log(report.summary, Math.round(performance.now() - t0), "ms");
