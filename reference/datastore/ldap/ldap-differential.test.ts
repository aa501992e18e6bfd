// Differential property on slapd: on random directories, random StoreFilters and random sorts, the LDAP
// store returns exactly what the in-memory store (the executable specification) returns
// (testing/differential.ts): entries, order, totals, members, cursor walks both ways, errors. Every LDAP
// query is the compiled narrowing followed by the matcher, so a narrowing that lost an entry (an unsound
// pushdown, as slapd really matches) shows up as a missing label. The values collide across case,
// Unicode folding and spaces (testing/store-arbitraries.ts). The seed is printed on failure; replay with
// FC_SEED=<seed>, run longer with FC_RUNS.
import { describe, it } from "node:test";
import { groups, users } from "../contract/contract-fixtures.js";
import type { EntryQuery } from "../datastore.js";
import { assertAgreesWithMemory } from "../testing/differential.js";
import { ldapTestUrl, openTestStore } from "./ldap-test-support.js";

/**
 * Sorts by meta.created and meta.lastModified are left out: the directory's timestamps have whole
 * seconds, so its ties (broken by creation order) differ from the memory store's milliseconds whenever a
 * run straddles a second. The contract's listing tests cover those sorts.
 */
const wholeSeconds = (sort: EntryQuery["sort"]) =>
  sort === undefined || sort.attribute.source !== "engine" || sort.attribute.name === "id";

// Without a directory this registers nothing: ldap-datastore.test.ts prints the one skip line.
const suite = ldapTestUrl === undefined ? () => {} : describe;

suite("LDAP store against the in-memory specification", () => {
  it("returns the same entries, order, totals, members, walks and errors for random filters and sorts", () =>
    assertAgreesWithMemory({
      numRuns: 25,
      comparableSort: wholeSeconds,
      open: async () => {
        const store = await openTestStore();
        return { store, scopes: { users, groups }, release: () => store.close() };
      },
    }));
});
