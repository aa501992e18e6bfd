// Load-time guarantees for every check in the repository (code checks and fixture cases): each cites
// only catalogue ids, ids are unique, and each code check sits in its own area's folder.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadCatalogue } from "../engine/catalogue.js";
import { defaultCheckSources } from "../engine/check-sources.js";
import { resolveChecks } from "../engine/plan.js";
import { areas } from "./check.js";
import { checksByArea, registeredChecks } from "./registry.js";

describe("the check registry", () => {
  it("resolves every code check and fixture case against the catalogue", () => {
    const planned = resolveChecks(defaultCheckSources(), loadCatalogue());
    assert.ok(planned.length >= registeredChecks().length);
  });

  it("files every code check under its own area", () => {
    for (const area of areas) {
      for (const check of checksByArea[area])
        assert.equal(check.area, area, `${check.id} is listed in ${area}/index.ts`);
    }
  });
});
