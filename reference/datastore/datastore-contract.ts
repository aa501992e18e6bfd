// The one contract suite every datastore runs (STYLE.md §15, hono's router/common.case.test.ts):
//   runDatastoreContract({ name: "sqlite", create: () => new SqliteDatastore({ path: ":memory:" }) })
// `create` returns a fresh, empty store per test; `skip` maps a test title or a capability
// ("transactions", "stableCursors", …) to the reason this adapter skips it, and the skip shows that reason.
// Nothing here knows an adapter: the memory, SQLite, PostgreSQL and LDAP stores run the same tests.
import { describe } from "node:test";
import { contractHarness, type DatastoreContractOptions } from "./contract/contract-harness.js";
import { crudContract } from "./contract/crud-contract.js";
import { cursorContract } from "./contract/cursor-contract.js";
import { filterContract } from "./contract/filter-contract.js";
import { integrityContract } from "./contract/integrity-contract.js";
import { listingContract } from "./contract/listing-contract.js";
import { membershipContract } from "./contract/membership-contract.js";
import { transactionContract } from "./contract/transaction-contract.js";

export {
  a as contractAttributes,
  contractConnection,
  groupPlan as contractGroupPlan,
  scopeOf,
  userPlan as contractUserPlan,
} from "./contract/contract-fixtures.js";
export type { DatastoreContractOptions } from "./contract/contract-harness.js";

export function runDatastoreContract(options: DatastoreContractOptions): void {
  const h = contractHarness(options);
  describe(`datastore contract: ${options.name}`, () => {
    crudContract(h);
    integrityContract(h);
    membershipContract(h);
    filterContract(h);
    listingContract(h);
    cursorContract(h);
    transactionContract(h);
  });
}
