// The PostgreSQL and LDAP rows of the bench at a tiny scale, on the servers scripts/pg-up.sh and
// scripts/ldap-up.sh start (.ci/run starts both): the reference server starts on a scratch store, loads,
// measures and drops it. Nothing asserts a time or a ratio's size (benchmarks are never timed tests); only
// that every row is measured, named and judged against its target, and that without a URL each row says
// how to get it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tinyScale } from "../bench-scale.js";
import { portOffsets } from "../bench-servers.js";
import { freePortBase } from "../process/free-port-base.js";
import {
  allExternalStoreRows,
  externalStoreCatalogue,
  externalStoreFigures,
  externalStores,
  externalStoreUrl,
} from "./datastore-figures.js";
import type { FigureContext } from "./figure-context.js";

const token = "bench-test-token-0123456789";
const ctx: FigureContext = { scale: tinyScale, token, log: () => {} };

describe("bench rows of the PostgreSQL and LDAP datastores", { timeout: 180_000 }, () => {
  it("say which variable and script measure them when no URL is set", async () => {
    const failures: string[] = [];
    const rows = await allExternalStoreRows(ctx, { portBase: 1, token }, tinyScale, failures, {});
    assert.deepEqual(
      rows.map((r) => r.id),
      externalStores.flatMap((s) => externalStoreCatalogue(s).map((e) => e.id)),
    );
    for (const r of rows) {
      assert.equal(r.met, null);
      assert.match(r.notes[0] ?? "", /SCIM_TEST_(PG|LDAP)_URL is unset \(scripts\/(pg|ldap)-up\.sh/);
    }
    assert.deepEqual(failures, []);
  });

  for (const store of externalStores) {
    const url = externalStoreUrl(store);
    it(
      `measures every ${store} row on a scratch store`,
      url === undefined
        ? { skip: `${store === "postgres" ? "SCIM_TEST_PG_URL" : "SCIM_TEST_LDAP_URL"} is unset` }
        : {},
      async () => {
        const rows = await externalStoreFigures(
          ctx,
          { portBase: await freePortBase(Object.values(portOffsets)), token },
          store,
          url ?? "",
          tinyScale,
        );
        assert.deepEqual(
          rows.map((r) => r.id),
          externalStoreCatalogue(store).map((e) => e.id),
        );
        for (const r of rows) {
          assert.ok(r.value !== null && r.value > 0, `${r.id} has a value: ${JSON.stringify(r)}`);
          assert.notEqual(r.met, null, `${r.id} is judged against its target`);
          assert.match(r.name, /200 users$/);
        }
        assert.ok(rows.slice(1).every((r) => r.ratio !== null && r.baseline !== null));
      },
    );
  }
});
