// Differential property: on random directories, random StoreFilters and random sorts, the SQLite store
// returns exactly what the in-memory store (the executable specification) returns
// (testing/differential.ts): entries, order, totals, members, cursor walks both ways, errors. The seed is
// printed on failure; replay with FC_SEED=<seed>.
import { describe, it } from "node:test";
import { groups, users } from "../contract/contract-fixtures.js";
import { assertAgreesWithMemory } from "../testing/differential.js";
import { SqliteDatastore } from "./sqlite-datastore.js";

// One clock for both stores, so meta instants (and sorts by them) cannot differ.
const now = () => new Date("2024-01-01T00:00:00.000Z");

describe("SQLite store against the in-memory specification", () => {
  it("returns the same entries, order, totals, members, walks and errors for random filters and sorts", () =>
    assertAgreesWithMemory({
      numRuns: 60,
      now,
      open: async () => {
        const store = new SqliteDatastore({ path: ":memory:", now });
        return { store, scopes: { users, groups }, release: () => store.close() };
      },
    }));
});
