// The PostgreSQL store against the datastore contract, each test on an empty schema of its own. Without
// SCIM_TEST_PG_URL this file prints the single skip line for every PostgreSQL suite.
import { describe, it } from "node:test";
import { runDatastoreContract } from "../datastore-contract.js";
import { freshPostgresStore, pgSkipReason, pgUrl } from "./postgres-test-database.js";

if (pgUrl === undefined) {
  describe("PostgreSQL datastore", () => {
    it("runs the contract, differential, settings and two-process race suites", {
      skip: pgSkipReason,
    }, () => {});
  });
} else {
  runDatastoreContract({ name: "postgres", create: () => freshPostgresStore() });
}
