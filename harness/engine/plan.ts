// Which checks a run executes, with everything the grading needs resolved up front: the cited
// requirements (an unknown id is a load error — a check must not cite a requirement nobody can look
// up), the gate, the profile and the level. `--only`/`--skip` select by id or area prefix.
import type { Area, Gate, Level, Profile } from "../checks/check.js";
import type { Check } from "../checks/check-context.js";
import type { Catalogue, Requirement } from "./catalogue.js";
import { strongestLevel } from "./catalogue.js";

export interface PlannedCheck {
  readonly check: Check;
  readonly id: string;
  readonly title: string;
  readonly area: Area;
  readonly requirements: readonly Requirement[];
  readonly gate: Gate;
  readonly profile: Profile;
  readonly level: Level;
  /** "code", or the fixture case file it came from. */
  readonly source: string;
}

export class PlanError extends Error {
  override name = "PlanError";
}

export interface CheckSource {
  readonly check: Check;
  readonly source: string;
}

/** Resolves every check against the catalogue; throws PlanError listing every problem found. */
export function resolveChecks(sources: readonly CheckSource[], catalogue: Catalogue): PlannedCheck[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const planned: PlannedCheck[] = [];
  for (const { check, source } of sources) {
    const previous = seen.get(check.id);
    if (previous !== undefined) problems.push(`duplicate check id "${check.id}" (${previous} and ${source})`);
    seen.set(check.id, source);
    const requirements: Requirement[] = [];
    for (const id of check.requirements) {
      const found = catalogue.get(id);
      if (found === undefined)
        problems.push(`check "${check.id}" (${source}) cites unknown requirement "${id}"`);
      else requirements.push(found);
    }
    if (check.requirements.length === 0)
      problems.push(`check "${check.id}" (${source}) cites no requirement`);
    if (requirements.length === 0) continue;
    // Default gate: the first non-core gate among the requirements (a PATCH check citing a core
    // representation rule is still a PATCH check).
    const gate = check.gate ?? requirements.find((r) => r.gate !== "core")?.gate ?? "core";
    planned.push({
      check,
      id: check.id,
      title: check.title,
      area: check.area,
      requirements,
      gate,
      profile: check.profile ?? "rfc",
      level: strongestLevel(requirements.map((r) => r.level)),
      source,
    });
  }
  if (problems.length > 0) throw new PlanError(problems.join("\n"));
  return planned;
}

function matches(check: PlannedCheck, patterns: readonly string[]): boolean {
  return patterns.some(
    (p) => check.id === p || check.id.startsWith(p.endsWith(".") ? p : `${p}.`) || check.area === p,
  );
}

export interface Selection {
  readonly only: readonly string[];
  readonly skip: readonly string[];
  readonly profiles: readonly Profile[];
}

export interface Plan {
  /** Checks to run. */
  readonly run: readonly PlannedCheck[];
  /** Checks of unselected profiles: reported as `skip`, never run. */
  readonly notSelected: readonly PlannedCheck[];
}

export function selectChecks(checks: readonly PlannedCheck[], selection: Selection): Plan {
  const chosen = checks.filter(
    (c) => (selection.only.length === 0 || matches(c, selection.only)) && !matches(c, selection.skip),
  );
  return {
    run: chosen.filter((c) => selection.profiles.includes(c.profile)),
    notSelected: chosen.filter((c) => !selection.profiles.includes(c.profile)),
  };
}
