// Finds and validates fixture cases (fixtures/cases/**/*.yaml): each file against case.schema.json,
// then the things a schema cannot say — every `${name}` refers to a var, an earlier capture or a
// namespace, every `same` to an earlier capture, every JSON path parses. All problems of all files
// are reported at once, so a case author sees the whole list.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import type { CaseFile } from "./case-format.js";
import { parseJsonPath } from "./json-path.js";
import { mentionedNames } from "./template.js";

const repoRoot = new URL("../../", import.meta.url).pathname;
export const casesDir = join(repoRoot, "fixtures/cases");
export const caseSchemaPath = join(casesDir, "case.schema.json");

export class CaseFormatError extends Error {
  override name = "CaseFormatError";
}

export interface LoadedCase {
  /** Repository-relative path, e.g. "fixtures/cases/discovery/schemas-by-id.yaml". */
  readonly file: string;
  readonly case: CaseFile;
}

export function findCaseFiles(dir: string = casesDir): string[] {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) =>
      e.isDirectory() ? findCaseFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
    )
    .sort();
}

let compiled: ReturnType<Ajv2020["compile"]> | undefined;

function schemaValidator(): ReturnType<Ajv2020["compile"]> {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    compiled = ajv.compile(JSON.parse(readFileSync(caseSchemaPath, "utf8")) as object);
  }
  return compiled;
}

const namespaces = new Set(["run", "baseUrl", "endpoint", "unique"]);

function sameReferences(value: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === "object" && v !== null) {
      for (const [key, inner] of Object.entries(v)) {
        if ((key === "same" || key === "sameIgnoreCase") && typeof inner === "string") found.push(inner);
        else walk(inner);
      }
    }
  };
  walk(value);
  return found;
}

/** Problems with one parsed case document; empty when it is valid. */
export function validateCase(document: unknown, where: string): string[] {
  const validate = schemaValidator();
  if (!validate(document)) {
    return (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `${where}: ${e.instancePath || "/"} ${e.message ?? e.keyword}`);
  }
  const c = document as CaseFile;
  const problems: string[] = [];
  if (!c.id.startsWith(`${c.area}.`))
    problems.push(`${where}: id "${c.id}" must start with its area "${c.area}."`);
  const known = new Set(Object.keys(c.vars ?? {}));
  const unknown = (names: string[], what: string, at: string): void => {
    for (const name of names) {
      const head = name.split(".")[0] ?? "";
      if (!namespaces.has(head) && !known.has(head))
        problems.push(`${where} ${at}: ${what} "${name}" is neither a var nor an earlier capture`);
    }
  };
  unknown(mentionedNames(c.vars ?? {}), "variable", "vars");
  c.steps.forEach((step, i) => {
    const at = `step ${i + 1}`;
    unknown(mentionedNames(step.request), "variable", at);
    unknown(mentionedNames(step.expect ?? {}), "variable", at);
    unknown(sameReferences(step.expect ?? {}), "capture", at);
    for (const path of [
      ...Object.keys(step.expect?.json ?? {}),
      ...Object.values(step.capture ?? {}).flatMap((cap) => ("json" in cap ? [cap.json] : [])),
    ]) {
      try {
        parseJsonPath(path);
      } catch (error) {
        problems.push(`${where} ${at}: ${(error as Error).message}`);
      }
    }
    for (const name of Object.keys(step.capture ?? {})) known.add(name);
  });
  return problems;
}

/** Loads every case under `dir`; throws CaseFormatError listing every problem. */
export function loadCases(dir: string = casesDir): LoadedCase[] {
  const problems: string[] = [];
  const loaded: LoadedCase[] = [];
  for (const path of findCaseFiles(dir)) {
    const file = relative(repoRoot, path);
    let document: unknown;
    try {
      document = parse(readFileSync(path, "utf8"));
    } catch (error) {
      problems.push(`${file}: not valid YAML: ${(error as Error).message}`);
      continue;
    }
    const found = validateCase(document, file);
    if (found.length > 0) problems.push(...found);
    else loaded.push({ file, case: document as CaseFile });
  }
  if (problems.length > 0) throw new CaseFormatError(problems.join("\n"));
  return loaded;
}
