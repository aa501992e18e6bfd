// The whole harness against the reference server on a connection that stores only part of a User
// (fixtures/connections/subset.yaml: userName, externalId, name.givenName and familyName, e-mail
// addresses, active) and lists exactly that in /Schemas. RFC 7643 §4.1 makes every User attribute but
// userName optional and §7 has /Schemas say which are supported, so such a server conforms: nothing may
// fail or error, every check about an attribute it does not list must be skipped saying so, and the
// checks that can adapt (sorting, ETags, PUT) must still run on what it does store.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { defaultCheckSources } from "../../harness/engine/check-sources.js";
import { runConformance } from "../../harness/engine/run-conformance.js";
import {
  type ReferenceUnderTest,
  startReferenceUnderTest,
} from "../reliability/support/reference-under-test.js";
import { suiteSeed } from "../reliability/support/scale.js";

const subsetFile = new URL("../../fixtures/connections/subset.yaml", import.meta.url).pathname;

describe("the harness against a connection that stores a subset of User", () => {
  let server: ReferenceUnderTest;
  before(async () => {
    server = await startReferenceUnderTest({
      config: subsetFile,
      env: { SCIM_SUBSET_TOKEN: "subset-test-token" },
    });
  });
  after(() => server?.close());

  it("fails nothing, skips what the target does not list, and still tests what it stores", async (t) => {
    const seed = suiteSeed() % 2 ** 31;
    const { report } = await runConformance({
      baseUrl: server.url,
      credentials: { kind: "bearer", token: "subset-test-token" },
      checks: defaultCheckSources(),
      profiles: ["rfc", "entra", "okta"],
      only: [],
      seed,
      concurrency: 4,
    });
    t.diagnostic(`seed ${seed}: ${JSON.stringify(report.summary)}`);
    const bad = report.results
      .filter((r) => r.status === "fail" || r.status === "error")
      .map((r) =>
        `${r.id} (${r.status}): ${"actual" in r ? r.actual : "error" in r ? r.error : ""}`.slice(0, 400),
      );
    assert.deepEqual(bad, []);
    const status = (id: string) => report.results.find((r) => r.id === id)?.status;
    const reason = (id: string) => {
      const r = report.results.find((x) => x.id === id);
      return r !== undefined && "reason" in r ? String(r.reason) : "";
    };
    // Skipped for what the connection does not store, each naming the attribute.
    for (const [id, attribute] of [
      ["sort.order.multi-valued-primary", /emails\.primary/],
      ["filter.case-exact-false.beyond-ascii", /attribute title/],
      ["patch.replace.single-valued", /attribute title/],
      ["interop.entra.patch-capitalised-ops", /attribute displayName/],
      ["interop.entra.manager", /extension urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User/],
    ] as const) {
      assert.equal(status(id), "skip", id);
      assert.match(reason(id), attribute);
    }
    // Adapted to what it does store, and passed.
    for (const id of [
      "sort.order.case-insensitive",
      "sort.order.missing-values",
      "etag.if-match.precondition",
      "put.values.replaced",
      "filter.eq.exact-match",
      "schema.attribute-names.case-insensitive",
      "create.property.round-trip",
      "put.property.round-trip",
    ])
      assert.equal(status(id), "pass", `${id}: ${reason(id)}`);
  });
});
