import { readFileSync, writeFileSync } from "node:fs";
import { setupServer } from "msw/node";
import { gates } from "../checks/check.js";
import { loadCatalogue } from "../engine/catalogue.js";
import { defaultCheckSources } from "../engine/check-sources.js";
import { runConformance } from "../engine/run-conformance.js";
import { createMutantServer } from "./server/mutant-server.js";

const mutants = JSON.parse(readFileSync("/tmp/mutants.json", "utf8")) as {
  id: string;
  scope: string[];
  quirks: string[];
  baseUrl?: string;
}[];
const checks = defaultCheckSources();
const catalogue = loadCatalogue();
async function run(quirks: string[], only: string[] | undefined, baseUrl?: string) {
  const target = createMutantServer({ quirks: quirks as never[], ...(baseUrl ? { baseUrl } : {}) });
  const msw = setupServer(...target.handlers);
  msw.listen({ onUnhandledRequest: "error" });
  try {
    const { report } = await runConformance({
      baseUrl: target.baseUrl,
      credentials: { kind: "bearer", token: target.token },
      checks,
      catalogue,
      ...(only ? { only } : {}),
      profiles: ["rfc", "entra", "okta"],
      require: [...gates],
      seed: 7,
      concurrency: 4,
      timeoutMs: 5000,
    });
    return report.results;
  } finally {
    msw.close();
  }
}
const t0 = performance.now();
const base = new Map((await run([], undefined)).map((r) => [r.id, r.status]));
console.error("base", Math.round(performance.now() - t0));
const filter = process.env.ONLY_MUTANTS?.split(",");
const out: Record<string, Record<string, string>> = {};
const details: Record<string, string[]> = {};
for (const m of mutants) {
  if (filter && !filter.includes(m.id)) continue;
  const t = performance.now();
  const results = await run(m.quirks, m.scope, m.baseUrl);
  const changes: Record<string, string> = {};
  details[m.id] = [];
  for (const r of results) {
    if (base.get(r.id) !== r.status) {
      changes[r.id] = r.status;
      details[m.id].push(
        `${r.status} ${r.id}: ${"actual" in r ? r.actual : "reason" in r ? r.reason : "error" in r ? r.error : ""}`.slice(
          0,
          230,
        ),
      );
    }
  }
  out[m.id] = changes;
  console.error(m.id, Math.round(performance.now() - t), JSON.stringify(changes));
}
writeFileSync("/tmp/changes.json", JSON.stringify(out, null, 1));
writeFileSync("/tmp/details.json", JSON.stringify(details, null, 1));
console.error("total", Math.round(performance.now() - t0));
