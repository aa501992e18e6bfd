// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${attr} placeholders of unique ID filters are plain text here
// Two creates racing for one unique value on the slapd of scripts/ldap-up.sh (ldap-writes.ts
// `confirmCreated`). In the first store users are named by title, so userName (unique and
// case-insensitive in the contract plan, RFC 7643 §4.1.1) is not the RDN and the directory itself does not
// keep it unique. The client is wrapped to run a rival create at the moment this create's add is about to
// go out: both have passed the search before the add, which is the window the search after it closes.
// In the second store users are named by userName, and a plain-ASCII userName is kept unique by the RDN
// itself, so a create reads its entry back instead of searching again. A third store sees a directory
// without scimKey and has a candidate bound of 1, which the search after the add passes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Datastore } from "../datastore.js";
import { contractConnection, scopeOf } from "../datastore-contract.js";
import { ClientHooks } from "./ldap-client-hooks.js";
import { connectLdapts } from "./ldap-driver.js";
import { ldapSkipReason, ldapTestSettings, ldapTestUrl, openTestStore } from "./ldap-test-support.js";

const skip = ldapTestUrl === undefined ? { skip: ldapSkipReason } : {};
const suite = ldapTestUrl === undefined ? () => {} : describe;
const users = scopeOf(contractConnection("c1"), "User");

const hooks = new ClientHooks();

/**
 * A store whose users are named by `userNaming` (a unique ID filter), with the client instrumented; with
 * `hideKeys`, on a directory whose schema has no scimKey and with a candidate bound of 1.
 */
function openStore(userNaming: string, hideKeys = false): Promise<Datastore & { readonly baseDn: string }> {
  return openTestStore((baseDn) => ({
    placement: (conn, type) => ({
      container: type === "User" ? `ou=people,ou=${conn},${baseDn}` : `ou=groups,ou=${conn},${baseDn}`,
      nameTemplate: type === "User" ? userNaming : "cn=${displayName:-group}",
      objectClasses: type === "User" ? ["scimUser"] : ["groupOfNames"],
    }),
    connect: hooks.connect({ hideKeys }),
    ...(hideKeys ? { maxCandidates: 1 } : {}),
  }));
}

/** The store's users, all of them (the tests create fewer than 100). */
async function everyUser(store: Datastore) {
  const page = { kind: "index", startIndex: 1, count: 100 } as const;
  return store.query(users, { filter: undefined, sort: undefined, page, members: false });
}

/** The client operations one create makes, by name (searches by scope). */
const operationsOf = (create: () => Promise<unknown>) => hooks.count(create);

suite("LDAP creates racing for one unique value", skip, () => {
  let store: Datastore & { readonly baseDn: string };
  let byUserName: Datastore & { readonly baseDn: string };

  before(async () => {
    store = await openStore("cn=${title:-user}");
    byUserName = await openStore("uid=${userName}");
    // The first create of a store also adds its containers; counted creates come after it.
    await store.create(users, { attributes: { userName: "first", title: "first" } });
    await byUserName.create(users, { attributes: { userName: "first" } });
  });
  after(async () => {
    hooks.clear();
    await store?.close();
    await byUserName?.close();
  });

  it("keeps the rival that got in first and answers 409 to the create that lost, leaving none of it", async () => {
    let rivalId: string | undefined;
    hooks.before("add", "cn=loser,", async () => {
      rivalId = (await store.create(users, { attributes: { userName: "Twin", title: "rival" } })).id;
    });
    await assert.rejects(
      store.create(users, { attributes: { userName: "twin", title: "loser" } }),
      (error: { status?: number; scimType?: string }) =>
        error.status === 409 && error.scimType === "uniqueness",
    );
    assert.ok(rivalId !== undefined, "the rival create ran between the loser's search and its add");
    const holders = await everyUser(store);
    const twins = holders.entries.filter((e) => String(e.attributes.userName).toLowerCase() === "twin");
    assert.deepEqual(
      twins.map((e) => [e.id, e.attributes.title]),
      [[rivalId, "rival"]],
    );
  });

  it("a create without a rival costs three operations: the search, the add, the search that reads it back", async () => {
    let created: { id: string; attributes: Record<string, unknown> } | undefined;
    const ops = await operationsOf(async () => {
      created = await store.create(users, { attributes: { userName: "alone", title: "alone" } });
    });
    assert.equal(created?.attributes.userName, "alone");
    assert.match(created?.id ?? "", /^[0-9a-f-]{36}$/);
    assert.deepEqual(ops, { add: 1, "search one": 2 });
  });

  it("searches again only where the RDN does not already keep userName unique", async () => {
    // Plain ASCII: the directory compares the RDN as SCIM compares userName, so the add decides.
    assert.deepEqual(
      await operationsOf(() => byUserName.create(users, { attributes: { userName: "ascii" } })),
      { add: 1, "search base": 1, "search one": 1 },
    );
    // Outside ASCII the directory folds case with its own tables: only a second search is sure.
    assert.deepEqual(
      await operationsOf(() => byUserName.create(users, { attributes: { userName: "\u00c9mile" } })),
      { add: 1, "search one": 2 },
    );
    await assert.rejects(byUserName.create(users, { attributes: { userName: "ASCII" } }), {
      status: 409,
      scimType: "uniqueness",
    });
  });

  it("lets the add decide a race for a plain-ASCII userName RDN: the loser's add is refused and answers 409", async () => {
    // What skipping the second search relies on: the rival takes uid=Race first, the loser's add of
    // uid=race fails with entryAlreadyExists (68), and the search after that finds the rival.
    let rivalId: string | undefined;
    hooks.before("add", "uid=race,", async () => {
      rivalId = (await byUserName.create(users, { attributes: { userName: "Race" } })).id;
    });
    await assert.rejects(byUserName.create(users, { attributes: { userName: "race" } }), {
      status: 409,
      scimType: "uniqueness",
    });
    const holders = await everyUser(byUserName);
    assert.deepEqual(
      holders.entries.filter((e) => String(e.attributes.userName).toLowerCase() === "race").map((e) => e.id),
      [rivalId],
    );
  });

  it("tells its own entry from a rival whose DN only a JavaScript case fold calls the same", async () => {
    // uid=İlker and uid=i̇lker are two names to the directory and one userName to SCIM. The search after
    // the add finds both: the create must recognise its own entry by its creation key, not by its DN.
    let rivalId: string | undefined;
    hooks.before("add", "uid=i\u0307lker,", async () => {
      rivalId = (await byUserName.create(users, { attributes: { userName: "\u0130lker" } })).id;
    });
    await assert.rejects(byUserName.create(users, { attributes: { userName: "i\u0307lker" } }), {
      status: 409,
      scimType: "uniqueness",
    });
    assert.ok(rivalId !== undefined, "the rival create ran between the loser's search and its add");
    const holders = await everyUser(byUserName);
    assert.deepEqual(
      holders.entries.filter((e) => String(e.attributes.userName).endsWith("lker")).map((e) => e.id),
      [rivalId],
    );
  });

  it("keeps a create whose search after the add passes the candidate bound, checked before the add as before", async () => {
    // On a directory without scimKey (an older scim.schema), userName, which lives only in the JSON
    // document of these entries, narrows every uniqueness search to the whole container: with a bound of 1,
    // the search after the second add sees 2 candidates.
    const bounded = await openStore("cn=${title:-user}", true);
    try {
      await bounded.create(users, { attributes: { userName: "one", title: "one" } });
      const two = await bounded.create(users, { attributes: { userName: "two", title: "two" } });
      assert.equal((await bounded.get(users, two.id, { members: false }))?.attributes.userName, "two");
    } finally {
      await bounded.close();
    }
  });

  it("searches again when the name was taken by an entry the store does not manage (named apart)", async () => {
    // Another directory client's entry holds the RDN uid=taken: the create is named apart
    // (uid=taken+scimNameTag=…), so a racing create of "taken" would be named apart too and the RDN
    // decides nothing.
    const s = ldapTestSettings();
    const other = connectLdapts(s.url, 10_000);
    await other.bind(s.bindDn, s.password);
    try {
      await other.add(`uid=taken,ou=people,ou=c1,${byUserName.baseDn}`, {
        objectClass: ["scimUser"],
        uid: ["taken"],
      });
    } finally {
      await other.unbind();
    }
    assert.deepEqual(
      await operationsOf(() => byUserName.create(users, { attributes: { userName: "taken" } })),
      { add: 2, "search one": 3 },
    );
  });
});
