// Running one mutant and comparing every verdict with the catalogue (mutants.test.ts): the mutant's
// catalogued changes, and the correct server's verdict for every other check that ran.
import assert from "node:assert/strict";
import type { Verdict } from "../checks/check.js";
import type { Catalogue } from "../engine/catalogue.js";
import { loadCatalogue } from "../engine/catalogue.js";
import { defaultCheckSources } from "../engine/check-sources.js";
import type { CheckSource } from "../engine/plan.js";
import type { Mutant } from "./mutant.js";
import { baseVerdict, scopeOf } from "./mutants.js";
import { describeResult, runAgainstMutant } from "./run-against.js";

let shared: { checks: CheckSource[]; catalogue: Catalogue } | undefined;

function sources(): { checks: CheckSource[]; catalogue: Catalogue } {
  shared ??= { checks: defaultCheckSources(), catalogue: loadCatalogue() };
  return shared;
}

/** Runs `mutant` on its families and asserts every verdict: its changes, and the base elsewhere. */
export async function assertMutant(mutant: Mutant): Promise<void> {
  const { checks, catalogue } = sources();
  const { report } = await runAgainstMutant({
    checks,
    catalogue,
    only: scopeOf(mutant),
    quirks: mutant.quirks,
    ...(mutant.baseUrl ? { baseUrl: mutant.baseUrl } : {}),
  });
  const unexpected: string[] = [];
  for (const result of report.results) {
    const want: Verdict = mutant.changes[result.id] ?? baseVerdict(result.id);
    if (result.status !== want) unexpected.push(`expected ${want}, got ${describeResult(result)}`);
  }
  const ran = new Set(report.results.map((r) => r.id));
  const missing = Object.keys(mutant.changes).filter((id) => !ran.has(id));
  assert.deepEqual(
    [...unexpected, ...missing.map((id) => `${id} did not run`)],
    [],
    `mutant ${mutant.id} (${mutant.breaks})`,
  );
}
