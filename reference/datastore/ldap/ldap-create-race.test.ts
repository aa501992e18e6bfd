// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${attr} placeholders of unique ID filters are plain text here
// Two creates racing for one unique value on the slapd of scripts/ldap-up.sh (ldap-writes.ts
// `confirmCreated`). Users here are named by title, so userName (unique and case-insensitive in the
// contract plan, RFC 7643 §4.1.1) is not the RDN and the directory itself does not keep it unique. The
// client is wrapped to run a rival create at the moment this create's add is about to go out: both have
// passed the search before the add, which is the window the search after it closes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Datastore } from "../datastore.js";
import { contractConnection, scopeOf } from "../datastore-contract.js";
import type { LdapClient } from "./ldap-datastore-config.js";
import { connectLdapts } from "./ldap-driver.js";
import { ldapSkipReason, ldapTestUrl, openTestStore } from "./ldap-test-support.js";

const skip = ldapTestUrl === undefined ? { skip: ldapSkipReason } : {};
const suite = ldapTestUrl === undefined ? () => {} : describe;
const users = scopeOf(contractConnection("c1"), "User");

/** Client operations by name, counted from `counting = true`. */
const calls = new Map<string, number>();
let counting = false;
/** Runs once, just before the add of an entry whose DN starts with `dn` goes out. */
let beforeAdd: { readonly dn: string; readonly run: () => Promise<void> } | undefined;

function instrumented(client: LdapClient): LdapClient {
  return new Proxy(client, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (counting) calls.set(String(key), (calls.get(String(key)) ?? 0) + 1);
        const hook = beforeAdd;
        if (key === "add" && hook !== undefined && String(args[0]).startsWith(hook.dn)) {
          beforeAdd = undefined;
          return hook.run().then(() => value.apply(target, args));
        }
        // searchPaginated is an async generator: handed back as it is, not awaited.
        return value.apply(target, args);
      };
    },
  });
}

suite("LDAP creates racing for one unique value", skip, () => {
  let store: Datastore & { readonly baseDn: string };

  before(async () => {
    store = await openTestStore((baseDn) => ({
      placement: (conn, type) => ({
        container: type === "User" ? `ou=people,ou=${conn},${baseDn}` : `ou=groups,ou=${conn},${baseDn}`,
        nameTemplate: type === "User" ? "cn=${title:-user}" : "cn=${displayName:-group}",
        objectClasses: type === "User" ? ["scimUser"] : ["groupOfNames"],
      }),
      connect: (url, timeoutMs) => instrumented(connectLdapts(url, timeoutMs)),
    }));
  });
  after(async () => {
    beforeAdd = undefined;
    await store?.close();
  });

  it("keeps the rival that got in first and answers 409 to the create that lost, leaving none of it", async () => {
    let rivalId: string | undefined;
    beforeAdd = {
      dn: "cn=loser,",
      run: async () => {
        rivalId = (await store.create(users, { attributes: { userName: "Twin", title: "rival" } })).id;
      },
    };
    await assert.rejects(
      store.create(users, { attributes: { userName: "twin", title: "loser" } }),
      (error: { status?: number; scimType?: string }) =>
        error.status === 409 && error.scimType === "uniqueness",
    );
    assert.ok(rivalId !== undefined, "the rival create ran between the loser's search and its add");
    const holders = await store.query(users, {
      filter: undefined,
      sort: undefined,
      page: { kind: "index", startIndex: 1, count: 100 },
      members: false,
    });
    const twins = holders.entries.filter((e) => String(e.attributes.userName).toLowerCase() === "twin");
    assert.deepEqual(
      twins.map((e) => [e.id, e.attributes.title]),
      [[rivalId, "rival"]],
    );
  });

  it("a create without a rival costs three operations: the search, the add, the search that reads it back", async () => {
    calls.clear();
    counting = true;
    try {
      const created = await store.create(users, { attributes: { userName: "alone", title: "alone" } });
      assert.equal(created.attributes.userName, "alone");
      assert.match(created.id, /^[0-9a-f-]{36}$/);
    } finally {
      counting = false;
    }
    const searches = (calls.get("search") ?? 0) + (calls.get("searchPaginated") ?? 0);
    assert.deepEqual(
      { add: calls.get("add"), searches, del: calls.get("del") ?? 0 },
      { add: 1, searches: 2, del: 0 },
    );
  });
});
