// The LDAP datastore against the datastore contract, on the slapd of scripts/ldap-up.sh.
import { describe, it } from "node:test";
import { runDatastoreContract } from "../datastore-contract.js";
import { ldapSkipReason, ldapTestUrl, openTestStore } from "./ldap-test-support.js";

if (ldapTestUrl === undefined) {
  describe("datastore contract: ldap", () => {
    it("runs against a directory", { skip: ldapSkipReason }, () => {});
  });
} else {
  runDatastoreContract({
    name: "ldap",
    create: () => openTestStore(),
    skip: {
      transactions:
        "LDAP offers no usable transactions (capabilities.transactions = false): slapd's RFC 5805 updates stay invisible, without an entryUUID, until the commit",
    },
  });
}
