// Differential property: on random directories, random StoreFilters and random sorts, the PostgreSQL store
// returns exactly what the in-memory store (the executable specification) returns
// (testing/differential.ts): entries, order, totals, members, cursor walks both ways, errors. This is
// what shows that filters on attributes without index rows, evaluated over JS-computed key documents
// (postgres-key-document.ts), agree with compare-values.ts. Each run uses a connection of its own on one
// store, so runs are isolated by scope as tenants are. The seed is printed on failure; replay with
// FC_SEED=<seed> (FC_RUNS sets the number of runs).
import { after, before, describe, it } from "node:test";
import { contractConnection, scopeOf } from "../contract/contract-fixtures.js";
import { assertAgreesWithMemory } from "../testing/differential.js";
import type { PostgresDatastore } from "./postgres-datastore.js";
import { freshPostgresStore, pgUrl } from "./postgres-test-database.js";

// One clock for both stores, so meta instants (and sorts by them) cannot differ.
const now = () => new Date("2024-01-01T00:00:00.000Z");

// Declared only with a database: postgres-datastore.test.ts prints the one skip line otherwise.
if (pgUrl !== undefined) {
  describe("PostgreSQL store against the in-memory specification", () => {
    let store: PostgresDatastore;
    let runs = 0;
    before(async () => {
      store = await freshPostgresStore({ now });
    });
    after(() => store.close());

    it("returns the same entries, order, totals, members, walks and errors for random filters and sorts", () =>
      assertAgreesWithMemory({
        numRuns: 60,
        now,
        open: async () => {
          const connection = contractConnection(`run-${++runs}`);
          const scopes = { users: scopeOf(connection, "User"), groups: scopeOf(connection, "Group") };
          return { store, scopes, release: async () => {} };
        },
      }));
  });
}
