// The requirement catalogue (spec/requirements/*.yaml): every check cites its ids, and the engine grades
// a failure by their level and gate. Files hold `{ area, title, requirements: [{ id, rfc, section,
// level, gate, summary, profile?, note? }] }` (spec/requirements/README.md). Loading validates what
// the engine relies on, so a typo in a level or a gate is a load error, not a silent `warn`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Gate, Level, Profile, RequirementRef } from "../checks/check.js";
import { gates } from "../checks/check.js";

export const catalogueDir = new URL("../../spec/requirements/", import.meta.url).pathname;

const levels: readonly Level[] = ["MUST", "SHOULD", "MAY", "interop"];
const profiles: readonly Profile[] = ["rfc", "entra", "okta"];

export interface Requirement extends RequirementRef {
  readonly gate: Gate;
  /** The catalogue file's area. */
  readonly area: string;
  readonly profile?: Profile;
  readonly note?: string;
  /** Kept for stable ids; reported, but never counted for coverage (spec/requirements/README.md). */
  readonly deprecated?: boolean;
}

/** Strongest first: a MUST outranks an interop expectation, which outranks SHOULD and MAY. */
export const levelStrength: Readonly<Record<Level, number>> = { MUST: 3, interop: 2, SHOULD: 1, MAY: 0 };

export function strongestLevel(levelsIn: readonly Level[]): Level {
  return levelsIn.reduce<Level>((best, l) => (levelStrength[l] > levelStrength[best] ? l : best), "MAY");
}

export class CatalogueError extends Error {
  override name = "CatalogueError";
}

export class Catalogue {
  readonly #byId: ReadonlyMap<string, Requirement>;

  constructor(requirements: readonly Requirement[]) {
    const byId = new Map<string, Requirement>();
    for (const r of requirements) {
      if (byId.has(r.id)) throw new CatalogueError(`duplicate requirement id "${r.id}"`);
      byId.set(r.id, r);
    }
    this.#byId = byId;
  }

  get(id: string): Requirement | undefined {
    return this.#byId.get(id);
  }

  all(): readonly Requirement[] {
    return [...this.#byId.values()];
  }

  get size(): number {
    return this.#byId.size;
  }
}

function text(value: unknown, where: string, field: string): string {
  if (typeof value === "string" && value.trim().length > 0) return value;
  if (typeof value === "number") return String(value);
  throw new CatalogueError(`${where}: "${field}" must be a non-empty string`);
}

/** Parses one catalogue file's content; `where` names it in errors. */
export function parseCatalogueFile(source: string, where: string): Requirement[] {
  const doc = parse(source) as unknown;
  if (typeof doc !== "object" || doc === null) throw new CatalogueError(`${where}: not a YAML mapping`);
  const { area, requirements } = doc as { area?: unknown; requirements?: unknown };
  const fileArea = text(area, where, "area");
  if (!Array.isArray(requirements)) throw new CatalogueError(`${where}: "requirements" must be a list`);
  return requirements.map((raw, i) => {
    const at = `${where} requirements[${i}]`;
    if (typeof raw !== "object" || raw === null) throw new CatalogueError(`${at}: not a mapping`);
    const r = raw as Record<string, unknown>;
    const id = text(r.id, at, "id");
    const level = r.level as Level;
    if (!levels.includes(level))
      throw new CatalogueError(`${at} (${id}): unknown level ${JSON.stringify(r.level)}`);
    const gate = r.gate as Gate;
    if (!(gates as readonly string[]).includes(gate)) {
      throw new CatalogueError(
        `${at} (${id}): unknown gate ${JSON.stringify(r.gate)}; known: ${gates.join(", ")}`,
      );
    }
    const profile = r.profile as Profile | undefined;
    if (profile !== undefined && !profiles.includes(profile)) {
      throw new CatalogueError(`${at} (${id}): unknown profile ${JSON.stringify(r.profile)}`);
    }
    return {
      id,
      rfc: text(r.rfc, at, "rfc"),
      section: text(r.section, at, "section"),
      level,
      gate,
      summary: text(r.summary, at, "summary"),
      area: fileArea,
      ...(profile !== undefined ? { profile } : {}),
      ...(typeof r.note === "string" ? { note: r.note } : {}),
      ...(r.deprecated === true ? { deprecated: true } : {}),
    };
  });
}

/** Loads every *.yaml / *.yml file of the catalogue directory. */
export function loadCatalogue(dir: string = catalogueDir): Catalogue {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch (error) {
    throw new CatalogueError(`cannot read the requirement catalogue at ${dir}: ${(error as Error).message}`);
  }
  if (files.length === 0) throw new CatalogueError(`the requirement catalogue at ${dir} has no *.yaml file`);
  return new Catalogue(files.flatMap((f) => parseCatalogueFile(readFileSync(join(dir, f), "utf8"), f)));
}
