// Consistency checks for the conformance catalogue (spec/requirements/*.yaml).
// Run: npm test -- catalogue
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { areas as harnessAreas } from "../../harness/checks/check.js";

const LEVELS = ["MUST", "SHOULD", "MAY", "interop"] as const;
const MIN_TOTAL = 140;
const MIN_PER_AREA = 2;

type Level = (typeof LEVELS)[number];

interface Requirement {
  id: string;
  rfc: 7643 | 7644 | 9865 | "none";
  section: string;
  level: Level;
  gate: string;
  summary: string;
  profile?: "rfc" | "entra" | "okta";
  note?: string;
  deprecated?: boolean;
  replacedBy?: string | string[];
}

interface AreaFile {
  area: string;
  title: string;
  requirements: Requirement[];
}

interface LoadedFile {
  file: string;
  raw: unknown;
}

const dir = fileURLToPath(new URL("../../spec/requirements/", import.meta.url));
const schema = JSON.parse(readFileSync(join(dir, "catalogue.schema.json"), "utf8")) as {
  $defs: { area: { enum: string[] } };
};
/** The areas are the schema's: the spec is the one list, and the harness's must equal it (below). */
const AREAS: readonly string[] = schema.$defs.area.enum;
const yamlFiles = readdirSync(dir)
  .filter((name) => name.endsWith(".yaml"))
  .sort();
const loaded: LoadedFile[] = yamlFiles.map((name) => ({
  file: name,
  raw: parse(readFileSync(join(dir, name), "utf8")) as unknown,
}));

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile<AreaFile>(schema as object);

/** Files that passed schema validation; the remaining tests work on these. */
function validFiles(): AreaFile[] {
  const files: AreaFile[] = [];
  for (const { raw } of loaded) {
    if (validate(raw)) files.push(raw);
  }
  return files;
}

function allRequirements(): Array<{ file: AreaFile; req: Requirement }> {
  return validFiles().flatMap((file) => file.requirements.map((req) => ({ file, req })));
}

describe("conformance catalogue", () => {
  test("the folder holds YAML area files", () => {
    assert.ok(yamlFiles.length > 0, `no *.yaml files in ${dir}`);
  });

  for (const { file, raw } of loaded) {
    test(`${file} validates against catalogue.schema.json`, () => {
      const ok = validate(raw);
      assert.ok(ok, `${file}: ${ajv.errorsText(validate.errors, { separator: "\n  " })}`);
    });
  }

  test("the harness groups its checks by exactly the catalogue's areas", () => {
    assert.deepEqual([...harnessAreas], AREAS);
  });

  test("every file is named after its area", () => {
    for (const { file, raw } of loaded) {
      if (!validate(raw)) continue;
      assert.equal(basename(file, ".yaml"), raw.area, `${file} declares area "${raw.area}"`);
    }
  });

  test(`every area has a file with at least ${MIN_PER_AREA} entries, and no file is unexpected`, () => {
    const byArea = new Map(validFiles().map((f) => [f.area, f]));
    for (const area of AREAS) {
      const file = byArea.get(area);
      assert.ok(file, `missing or invalid ${area}.yaml`);
      assert.ok(
        file.requirements.length >= MIN_PER_AREA,
        `${area}.yaml has ${file.requirements.length} entries, fewer than ${MIN_PER_AREA}`,
      );
    }
    for (const name of yamlFiles) {
      assert.ok(AREAS.includes(basename(name, ".yaml")), `unexpected area file ${name}`);
    }
  });

  test("ids are unique across all files", () => {
    const seen = new Map<string, string>();
    for (const { file, req } of allRequirements()) {
      const earlier = seen.get(req.id);
      assert.equal(earlier, undefined, `${req.id} appears in ${earlier ?? "?"} and ${file.area}.yaml`);
      seen.set(req.id, `${file.area}.yaml`);
    }
  });

  test("the id's area segment equals the file's area", () => {
    for (const { file, req } of allRequirements()) {
      const [prefix, second] = req.id.split(".");
      if (file.area === "interop") {
        assert.equal(prefix, "interop", `${req.id} in interop.yaml must start with "interop."`);
        assert.ok(
          second === "entra" || second === "okta",
          `${req.id}: profile segment must be entra or okta`,
        );
      } else {
        assert.notEqual(prefix, "interop", `${req.id} belongs in interop.yaml`);
        assert.equal(second, file.area, `${req.id} is filed under ${file.area}.yaml`);
      }
    }
  });

  test("the id's RFC prefix matches the rfc field", () => {
    for (const { req } of allRequirements()) {
      const [prefix] = req.id.split(".");
      if (prefix === "interop") continue;
      assert.equal(prefix, `rfc${String(req.rfc)}`, `${req.id} has rfc: ${String(req.rfc)}`);
    }
  });

  test("interop entries carry profile entra or okta, matching the id, and rfc none or a real RFC", () => {
    for (const { file, req } of allRequirements()) {
      if (req.level !== "interop" && file.area !== "interop") continue;
      assert.equal(req.level, "interop", `${req.id} in interop.yaml must have level interop`);
      assert.equal(file.area, "interop", `${req.id} has level interop but is not in interop.yaml`);
      assert.ok(
        req.profile === "entra" || req.profile === "okta",
        `${req.id}: profile must be entra or okta`,
      );
      assert.equal(req.id.split(".")[1], req.profile, `${req.id}: id segment and profile differ`);
      assert.ok([7643, 7644, 9865, "none"].includes(req.rfc), `${req.id}: rfc must be none or a real RFC`);
    }
  });

  test("non-interop entries cite RFC 7643, 7644 or 9865 with a numeric section", () => {
    for (const { req } of allRequirements()) {
      if (req.level === "interop") continue;
      assert.ok([7643, 7644, 9865].includes(req.rfc as number), `${req.id}: rfc ${String(req.rfc)}`);
      assert.match(req.section, /^\d+(\.\d+)*$/, `${req.id}: section "${req.section}"`);
      assert.ok(
        req.profile === undefined || req.profile === "rfc",
        `${req.id}: profile ${String(req.profile)}`,
      );
    }
  });

  test("RFC 9865 entries live in the cursor area and use the cursor prefix", () => {
    for (const { file, req } of allRequirements()) {
      if (req.rfc !== 9865) continue;
      assert.equal(file.area, "cursor", `${req.id} must be in cursor.yaml`);
      assert.ok(req.id.startsWith("rfc9865.cursor."), `${req.id} must start with rfc9865.cursor.`);
    }
  });

  test("replacedBy points at existing ids and only appears on deprecated entries", () => {
    const ids = new Set(allRequirements().map(({ req }) => req.id));
    for (const { req } of allRequirements()) {
      if (req.replacedBy === undefined) continue;
      assert.equal(req.deprecated, true, `${req.id} has replacedBy but is not deprecated`);
      const targets = Array.isArray(req.replacedBy) ? req.replacedBy : [req.replacedBy];
      for (const target of targets) {
        assert.ok(ids.has(target), `${req.id} is replaced by unknown id ${target}`);
        assert.notEqual(target, req.id, `${req.id} replaces itself`);
      }
    }
  });

  test(`the catalogue has at least ${MIN_TOTAL} entries`, () => {
    const total = allRequirements().length;
    assert.ok(total >= MIN_TOTAL, `only ${total} entries`);
  });

  test("every level occurs", () => {
    const levels = new Set(allRequirements().map(({ req }) => req.level));
    for (const level of LEVELS) {
      assert.ok(levels.has(level), `no entry has level ${level}`);
    }
  });
});
