// The property checks end to end against the in-memory mutant server (harness/mutants/): on the
// correct server they pass; on a mutant that lowercases externalId, applies PATCH non-atomically,
// applies a value filter to any value, repeats rows across pages or ignores excludedAttributes, the
// matching property fails, shrinks, and replays from the printed seed and path. Runs are kept small
// (SCIMC_PROPERTY_RUNS) so the file stays fast; the full effort is for real runs.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { CheckResult } from "../../checks/check.js";
import { loadCatalogue } from "../../engine/catalogue.js";
import { resolveChecks } from "../../engine/plan.js";
import { runAgainstMutant } from "../../mutants/run-against.js";
import type { Quirk } from "../../mutants/server/quirks.js";
import { takeFidelityTable } from "../runner/fidelity-registry.js";
import { propertyChecks, propertyChecksByArea } from "./index.js";

const sources = propertyChecks.map((check) => ({ check, source: "code" }));

async function run(
  only: string,
  quirks: readonly Quirk[] = [],
): Promise<{ result: CheckResult; runId: string }> {
  const { report } = await runAgainstMutant({ checks: sources, only: [only], quirks, profiles: ["rfc"] });
  const result = report.results.find((r) => r.id === only);
  assert.ok(result, `no result for ${only}`);
  return { result, runId: report.run.id };
}

function describe_(r: CheckResult): string {
  return r.status === "fail" || r.status === "warn"
    ? r.actual
    : r.status === "skip"
      ? r.reason
      : r.status === "error"
        ? r.error
        : "";
}

describe("the property checks", () => {
  before(() => {
    process.env.SCIMC_PROPERTY_RUNS = "25";
    delete process.env.SCIMC_PROPERTY_PATH;
  });

  it("cite only catalogue ids and sit in the area their id names", () => {
    const planned = resolveChecks(sources, loadCatalogue());
    assert.equal(planned.length, propertyChecks.length);
    for (const [area, checks] of Object.entries(propertyChecksByArea)) {
      for (const check of checks ?? []) assert.equal(check.area, area);
    }
  });

  for (const id of [
    "create.property.round-trip",
    "put.property.round-trip",
    "filter.property.oracle",
    "paging.property.index-walk",
  ]) {
    it(`${id} passes on the correct server`, async () => {
      const { result } = await run(id);
      assert.equal(result.status, "pass", describe_(result));
    });
  }

  const mutants: [string, { quirk: Quirk; id: string; status: CheckResult["status"]; mentions: RegExp }][] = [
    [
      "a server that lowercases externalId (caseExact)",
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
      "a server that compares caseExact=false values case-sensitively",
      {
        quirk: "caseSensitiveFilter",
        id: "filter.property.oracle",
        status: "fail",
        mentions: /the oracle rules out are present|missing/,
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
      "a server that ignores excludedAttributes",
      {
        quirk: "ignoreExcludedAttributes",
        id: "read.property.projection",
        status: "fail",
        mentions: /present though it must not be/,
      },
    ],
  ];
  for (const [name, { quirk, id, status, mentions }] of mutants) {
    it(`${id} fails on ${name}, with a replayable minimal case`, async () => {
      const { result } = await run(id, [quirk]);
      assert.equal(result.status, status, describe_(result));
      assert.match(describe_(result), mentions);
      assert.ok(result.replay, "the result carries replay information");
      assert.equal(result.replay.seed, 7);
    });
  }

  it("replays exactly the minimal case from the printed seed and path", async () => {
    const first = await run("create.property.round-trip", ["externalIdLowercased"]);
    const path = first.result.replay?.path;
    assert.ok(path);
    process.env.SCIMC_PROPERTY_PATH = path;
    try {
      const again = await run("create.property.round-trip", ["externalIdLowercased"]);
      assert.equal(again.result.status, "fail");
      assert.equal(again.result.replay?.path, path);
      assert.match(describe_(again.result), /after 1 case\(s\) and 0 shrink\(s\)/);
      const sent = (c: unknown) =>
        JSON.stringify((c as { sent?: { externalId?: unknown } }).sent?.externalId);
      assert.equal(sent(again.result.replay?.counterexample), sent(first.result.replay?.counterexample));
    } finally {
      delete process.env.SCIMC_PROPERTY_PATH;
    }
  });

  it("fills the run's fidelity table with the loss it found", async () => {
    const { runId } = await run("create.property.round-trip", ["externalIdLowercased"]);
    const table = takeFidelityTable(runId);
    const row = table?.rows.find((r) => r.resourceType === "User" && r.path === "externalId");
    assert.ok(row && row.altered > 0, JSON.stringify(row));
    assert.equal(takeFidelityTable(runId), undefined, "the table is handed out once");
  });
});
