// Every MUST of the catalogue (spec/requirements/*.yaml) has at least one check or fixture case that
// cites it. The few MUSTs a black-box harness cannot test are listed once, here, each with its reason;
// an exclusion that gains a check, or a MUST that loses its last one, fails this test.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadCatalogue } from "../../engine/catalogue.js";
import { defaultCheckSources } from "../../engine/check-sources.js";

/** Reviewed: MUSTs no black-box check can evidence, and why. */
const untestable: Readonly<Record<string, string>> = {
  "rfc7643.security.password-not-stored-cleartext":
    "white-box: how a password is stored is only visible in the server's storage (the reference server's tests check it)",
  "rfc9865.cursor.authorization-per-page":
    "needs two credentials with different access; the harness is given one (catalogue: opt-in)",
  "rfc7644.me.alias-for-updates":
    "PUT or PATCH on /Me would modify the authenticated subject, a resource the run did not create (isolation rule)",
};

const catalogue = loadCatalogue();
const musts = catalogue.all().filter((r) => r.level === "MUST" && r.deprecated !== true);
const cited = new Set(defaultCheckSources().flatMap((s) => s.check.requirements));

describe("MUST coverage", () => {
  it("cites every testable MUST from at least one check or case", () => {
    const uncovered = musts.filter((r) => !cited.has(r.id) && !(r.id in untestable)).map((r) => r.id);
    assert.deepEqual(uncovered, [], `MUSTs without a check: ${uncovered.join(", ")}`);
  });

  it("excludes only MUSTs that exist and that really have no check", () => {
    for (const id of Object.keys(untestable)) {
      assert.equal(catalogue.get(id)?.level, "MUST", `${id} is not a MUST of the catalogue`);
      assert.ok(!cited.has(id), `${id} is listed as untestable but a check cites it: remove the exclusion`);
    }
  });

  it("reports the coverage it measured", () => {
    const covered = musts.filter((r) => cited.has(r.id)).length;
    assert.equal(covered + Object.keys(untestable).length, musts.length);
    assert.ok(covered / musts.length > 0.95, `only ${covered}/${musts.length} MUSTs covered`);
  });
});
