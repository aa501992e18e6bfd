// The mutant catalogue proves every check can fail: each registered check and fixture case appears as
// `fail` or `warn` in at least one mutant (mutants.test.ts proves that those changes really happen).
// The one exception is reviewed here with its reason. The test also keeps the catalogue honest: only
// real check ids, no dead quirks, every area broken by some mutant.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { areas } from "../checks/check.js";
import { defaultCheckSources } from "../engine/check-sources.js";
import { mutants } from "./mutants.js";
import { quirkNames } from "./server/quirks.js";

/** Reviewed: checks no mutant can make fail, and why. */
const cannotFail: Readonly<Record<string, string>> = {
  "security.tls.version-1-2":
    "needs a real TLS endpoint: msw answers in-process above the socket layer, so no handshake is ever made; the check skips on plain-HTTP and loopback targets",
};

const checks = defaultCheckSources().map((s) => s.check);
const ids = new Set(checks.map((c) => c.id));
const failing = new Set(
  mutants.flatMap((m) =>
    Object.entries(m.changes)
      .filter(([, v]) => v === "fail" || v === "warn")
      .map(([id]) => id),
  ),
);

describe("the mutant catalogue", () => {
  it("makes every check fail (or warn, for SHOULD and MAY) under some mutant", () => {
    const never = [...ids].filter((id) => !failing.has(id) && !(id in cannotFail));
    assert.deepEqual(never, [], `checks no mutant makes fail: ${never.join(", ")}`);
  });

  it("lists as unfailable only checks that exist and that no mutant fails", () => {
    for (const id of Object.keys(cannotFail)) {
      assert.ok(ids.has(id), `${id} is not a check`);
      assert.ok(!failing.has(id), `${id} does fail under a mutant: remove it from the exclusions`);
    }
  });

  it("names only real checks, and never expects an error", () => {
    for (const m of mutants) {
      for (const [id, verdict] of Object.entries(m.changes)) {
        assert.ok(ids.has(id), `mutant ${m.id} names unknown check ${id}`);
        assert.notEqual(verdict, "error", `mutant ${m.id} expects an error from ${id}`);
      }
    }
  });

  it("gives every mutant a unique id, at least one failing check, and uses every quirk", () => {
    assert.equal(new Set(mutants.map((m) => m.id)).size, mutants.length);
    for (const m of mutants) {
      const fails = Object.values(m.changes).some((v) => v === "fail" || v === "warn");
      assert.ok(fails || m.id === "users-only", `mutant ${m.id} makes nothing fail`);
    }
    const used = new Set(mutants.flatMap((m) => m.quirks));
    const unused = quirkNames.filter((q) => !used.has(q));
    assert.deepEqual(unused, [], `quirks no mutant uses: ${unused.join(", ")}`);
  });

  it("breaks every check area with at least one mutant", () => {
    const broken = new Set([...failing].map((id) => id.split(".")[0]));
    const untouched = areas.filter((a) => !broken.has(a));
    assert.deepEqual(untouched, []);
  });
});
