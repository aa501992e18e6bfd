// The property checks end to end against the in-memory mutant server (harness/mutants/): on the
// correct server every one passes; on a mutant that loses an attribute, alters a value's case, applies
// PATCH non-atomically, returns a filter's wrong set, repeats rows across pages or ignores a projection,
// the matching property fails, shrinks, and replays exactly its minimal case from the printed seed and
// path — through the engine and through `scim-conformance test` itself. Effort is kept small through
// RunInfo.properties so the file stays fast; the full effort is for real runs.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setupServer } from "msw/node";
import type { CheckResult } from "../../checks/check.js";
import type { PropertyRunOptions } from "../../checks/check-context.js";
import type { RawTestOptions } from "../../cli/test-options.js";
import { executeTest } from "../../cli.js";
import { loadCatalogue } from "../../engine/catalogue.js";
import { resolveChecks } from "../../engine/plan.js";
import { runAgainstMutant } from "../../mutants/run-against.js";
import { createMutantServer } from "../../mutants/server/mutant-server.js";
import type { Quirk } from "../../mutants/server/quirks.js";
import type { Report } from "../../reporters/report.js";
import { propertyChecks, propertyChecksByArea } from "./index.js";

const sources = propertyChecks.map((check) => ({ check, source: "code" }));
const effort: PropertyRunOptions = { runs: 25, shrinkTimeMs: 5000 };

async function run(only: string, quirks: readonly Quirk[] = [], properties: PropertyRunOptions = effort) {
  const { report } = await runAgainstMutant({
    checks: sources,
    only: [only],
    quirks,
    profiles: ["rfc"],
    properties,
  });
  const result = report.results.find((r) => r.id === only);
  assert.ok(result, `no result for ${only}`);
  return { result, report };
}

function detail(r: CheckResult): string {
  return r.status === "fail" || r.status === "warn"
    ? r.actual
    : r.status === "skip"
      ? r.reason
      : r.status === "error"
        ? r.error
        : "";
}

/** "minimal case after 3 case(s) and 12 shrink(s)" → 12. */
function shrinks(r: CheckResult): number {
  const m = /after \d+ case\(s\) and (\d+) shrink\(s\)/.exec(detail(r));
  assert.ok(m, `no shrink count in ${detail(r).slice(0, 300)}`);
  return Number(m[1]);
}

/**
 * The counterexample without what legitimately differs between two runs of one seed: the run prefix in
 * generated names, the ids and timestamps the server assigned.
 */
function shape(counterexample: unknown): string {
  return (JSON.stringify(counterexample) ?? "")
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<time>")
    .replace(
      /scimc-[a-z0-9]+-((?:[A-Za-z]+-\d+-?)*)/g,
      (_, names: string) => `<run>-${names.replace(/\d+/g, "n")}`,
    )
    .replace(/\b[0-9a-f]{4}-[a-z0-9]{1,8}\b/g, "<id>");
}

describe("the property checks", () => {
  it("cite only catalogue ids and sit in the area their id names", () => {
    const planned = resolveChecks(sources, loadCatalogue());
    assert.equal(planned.length, propertyChecks.length);
    for (const [area, checks] of Object.entries(propertyChecksByArea)) {
      for (const check of checks ?? []) assert.equal(check.area, area);
    }
  });

  for (const { id } of propertyChecks) {
    it(`${id} passes on the correct server`, async () => {
      const { result } = await run(id);
      assert.equal(result.status, "pass", detail(result));
    });
  }

  const mutants: [string, { quirk: Quirk; id: string; status: CheckResult["status"]; mentions: RegExp }][] = [
    [
      "a server that silently drops title (an attribute lost)",
      {
        quirk: "roundTripDropsTitle",
        id: "create.property.round-trip",
        status: "warn",
        mentions: /title: lost/,
      },
    ],
    [
      "a server that lowercases externalId (a caseExact value's case altered)",
      {
        quirk: "externalIdLowercased",
        id: "create.property.round-trip",
        status: "fail",
        mentions: /externalId: altered/,
      },
    ],
    [
      "a server that applies PATCH non-atomically",
      {
        quirk: "patchNotAtomic",
        id: "patch.property.model",
        status: "fail",
        mentions: /refused .* but changed the resource/,
      },
    ],
    [
      "a server that compares caseExact=false values case-sensitively (a filter's wrong set)",
      {
        quirk: "caseSensitiveFilter",
        id: "filter.property.oracle",
        status: "fail",
        mentions: /the oracle (rules out|requires)/,
      },
    ],
    [
      "a server that repeats rows across pages",
      {
        quirk: "pagingRepeatsRows",
        id: "paging.property.index-walk",
        status: "warn",
        mentions: /exactly once/,
      },
    ],
    [
      "a server that repeats rows across cursor pages",
      { quirk: "cursorRepeats", id: "cursor.property.cursor-walk", status: "warn", mentions: /exactly once/ },
    ],
    [
      "a server that ignores excludedAttributes (projection ignored)",
      {
        quirk: "ignoreExcludedAttributes",
        id: "read.property.projection",
        status: "fail",
        mentions: /present though it must not be/,
      },
    ],
  ];
  for (const [name, { quirk, id, status, mentions }] of mutants) {
    it(`${id} fails on ${name}, shrinks, and replays that case from the printed seed and path`, async () => {
      const first = (await run(id, [quirk])).result;
      assert.equal(first.status, status, detail(first));
      assert.match(detail(first), mentions);
      assert.ok(shrinks(first) > 0, "the failing case was shrunk");
      const replay = first.replay;
      assert.ok(replay, "the result carries replay information");
      assert.equal(replay.seed, 7);
      assert.match(
        detail(first),
        new RegExp(`--only ${id.replaceAll(".", "\\.")} --seed 7 --path ${replay.path}$`),
      );

      const again = (await run(id, [quirk], { ...effort, path: replay.path })).result;
      assert.equal(again.status, status, detail(again));
      assert.equal(again.replay?.path, replay.path);
      assert.match(detail(again), /after 1 case\(s\) and 0 shrink\(s\)/);
      assert.equal(shape(again.replay?.counterexample), shape(replay.counterexample));
    });
  }

  it("fills the run's fidelity table with the loss it found, and hands it to the report", async () => {
    const { report } = await run("create.property.round-trip", ["roundTripDropsTitle"]);
    const row = report.fidelity?.rows.find((r) => r.resourceType === "User" && r.path === "title");
    assert.ok(row && row.lost > 0 && row.equal === 0, JSON.stringify(row));
    assert.equal(typeof row.examples.lost?.sent, "string");
    const kept = report.fidelity?.rows.find((r) => r.resourceType === "User" && r.path === "userName");
    assert.ok(kept && kept.equal > 0 && kept.lost + kept.altered === 0, JSON.stringify(kept));
  });
});

describe("scim-conformance test against a mutant", () => {
  const target = createMutantServer({ quirks: ["externalIdLowercased"] });
  const msw = setupServer(...target.handlers);
  let folder: string;
  before(() => {
    msw.listen({ onUnhandledRequest: "error" });
    folder = mkdtempSync(join(tmpdir(), "scimc-replay-"));
  });
  after(() => {
    msw.close();
    rmSync(folder, { recursive: true, force: true });
  });

  let runs = 0;
  async function cli(args: RawTestOptions): Promise<{ code: number; stdout: string }> {
    const parts: string[] = [];
    const stdout = { write: (s: string) => parts.push(s) > 0 };
    runs += 1;
    const code = await executeTest(
      target.baseUrl,
      { out: join(folder, `run-${runs}`), format: ["json"], ...args },
      {
        stdout,
        stderr: { write: () => true },
        env: { SCIM_BEARER_TOKEN: target.token },
        reportsRoot: folder,
      },
    );
    return { code, stdout: parts.join("") };
  }

  it("prints the command line that replays the shrunk case, and that command replays exactly it", async () => {
    const first = await cli({
      only: ["create.property.round-trip"],
      seed: "11",
      runs: "20",
      shrinkMs: "5000",
    });
    assert.equal(first.code, 1);
    const line = /replay create\.property\.round-trip: scim-conformance test (\S+) (.+)$/m.exec(first.stdout);
    assert.ok(line, first.stdout);
    assert.equal(line[1], target.baseUrl);
    const flags = line[2]?.split(" ") ?? [];
    const value = (flag: string) => flags[flags.indexOf(flag) + 1];
    assert.deepEqual([value("--only"), value("--seed")], ["create.property.round-trip", "11"]);

    const again = await cli({
      only: [value("--only") ?? ""],
      seed: value("--seed") ?? "",
      path: value("--path") ?? "",
    });
    assert.equal(again.code, 1);
    assert.ok(again.stdout.includes(line[0]), `the replay printed another case:\n${again.stdout}`);
    const report = JSON.parse(readFileSync(join(folder, `run-${runs}`, "report.json"), "utf8")) as Report;
    const replayed = report.results[0];
    assert.ok(replayed?.status === "fail", JSON.stringify(replayed));
    assert.match(replayed.actual, /after 1 case\(s\) and 0 shrink\(s\)/, "exactly the one case ran");
    assert.deepEqual(report.run.options.properties, { path: value("--path") });
  });
});
