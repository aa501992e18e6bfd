// Everything a default run plans from: the registered code checks and the fixture cases.
import { registeredChecks } from "../checks/registry.js";
import { caseToCheck } from "../replay/case-check.js";
import { casesDir, loadCases } from "../replay/load-cases.js";
import type { CheckSource } from "./plan.js";

export function defaultCheckSources(dir: string = casesDir): CheckSource[] {
  return [
    ...registeredChecks().map((check) => ({ check, source: "code" })),
    ...loadCases(dir).map(({ file, case: c }) => ({ check: caseToCheck(c), source: file })),
  ];
}
