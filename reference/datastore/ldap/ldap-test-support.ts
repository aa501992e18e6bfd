// TEST SUPPORT: stores on the directory that scripts/ldap-up.sh starts. Each store gets a subtree of its
// own below ou=tests (so the contract's "fresh, empty store per test" holds on one shared slapd), and
// closing it deletes that subtree. Settings come from the variables ldap-up.sh prints; without
// SCIM_TEST_LDAP_URL the LDAP suites skip with one line that says how to run them.
import { randomBytes } from "node:crypto";
import type { Datastore } from "../datastore.js";
import { LdapDatastore } from "./ldap-datastore.js";
import type { LdapDatastoreConfig } from "./ldap-datastore-config.js";
import { deleteSubtree } from "./ldap-scratch.js";

export const ldapTestUrl = process.env.SCIM_TEST_LDAP_URL;
export const ldapSkipReason =
  "SCIM_TEST_LDAP_URL is unset: start slapd with scripts/ldap-up.sh and export the SCIM_TEST_LDAP_* lines it prints";

export function ldapTestSettings(): Pick<LdapDatastoreConfig, "url" | "bindDn" | "password"> & {
  suffix: string;
} {
  return {
    url: ldapTestUrl ?? "ldap://127.0.0.1:3389",
    bindDn: process.env.SCIM_TEST_LDAP_BIND_DN ?? "cn=admin,dc=example,dc=com",
    password: process.env.SCIM_TEST_LDAP_PASSWORD ?? "secret",
    suffix: process.env.SCIM_TEST_LDAP_BASE_DN ?? "dc=example,dc=com",
  };
}

/** A store whose subtree is its own, removed when the store closes. */
export async function openTestStore(
  configure: (baseDn: string) => Partial<LdapDatastoreConfig> = () => ({}),
): Promise<Datastore & { readonly baseDn: string; keysSettled(): Promise<void> }> {
  const s = ldapTestSettings();
  const baseDn = `ou=t-${randomBytes(5).toString("hex")},ou=tests,${s.suffix}`;
  const overrides = configure(baseDn);
  const store = await LdapDatastore.open({
    url: s.url,
    bindDn: s.bindDn,
    password: s.password,
    baseDn,
    ...overrides,
  });
  return {
    name: store.name,
    capabilities: store.capabilities,
    baseDn,
    create: (scope, entry) => store.create(scope, entry),
    get: (scope, id, options) => store.get(scope, id, options),
    getPasswordHash: (scope, id) => store.getPasswordHash(scope, id),
    update: (scope, id, change, options) => store.update(scope, id, change, options),
    delete: (scope, id, mode, options) => store.delete(scope, id, mode, options),
    query: (scope, query) => store.query(scope, query),
    groupsOf: (scope, id) => store.groupsOf(scope, id),
    getSetting: (key) => store.getSetting(key),
    putSetting: (key, value) => store.putSetting(key, value),
    transaction: (work) => store.transaction(work),
    keysSettled: () => store.keysSettled(),
    close: async () => {
      await store.close();
      await deleteSubtree(s, overrides.baseDn ?? baseDn);
    },
  };
}
