// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${attr} placeholders of unique ID filters are plain text here
// An update racing a create for one unique value on the slapd of scripts/ldap-up.sh (ldap-update.ts
// `updateEntry`, ldap-unique-after-write.ts). The client is wrapped to run a rival create at the moment
// the update's first write is about to go out: both have passed the search before their write, which is
// the window the search after the write closes. In the first store users are named by title, so userName
// lives only in the document and nothing in the directory keeps it unique; in the second they are named by
// userName, and the values are ones the directory tells apart and SCIM does not (U+0130 against i with
// U+0307), so the update's rename succeeds and has to be undone.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { compareNode } from "../../protocol/filter/filter-builders.js";
import type { Datastore, EntryQuery } from "../datastore.js";
import { contractAttributes as a, contractConnection, scopeOf } from "../datastore-contract.js";
import { ClientHooks } from "./ldap-client-hooks.js";
import { change, connectLdapts } from "./ldap-driver.js";
import { ldapSkipReason, ldapTestSettings, ldapTestUrl, openTestStore } from "./ldap-test-support.js";

const skip = ldapTestUrl === undefined ? { skip: ldapSkipReason } : {};
const suite = ldapTestUrl === undefined ? () => {} : describe;
const connection = contractConnection("c1");
const users = scopeOf(connection, "User");
const groups = scopeOf(connection, "Group");
const hooks = new ClientHooks();

function openStore(userNaming: string): Promise<Datastore & { readonly baseDn: string }> {
  return openTestStore((baseDn) => ({
    placement: (conn, type) => ({
      container: type === "User" ? `ou=people,ou=${conn},${baseDn}` : `ou=groups,ou=${conn},${baseDn}`,
      nameTemplate: type === "User" ? userNaming : "cn=${displayName:-group}",
      objectClasses: type === "User" ? ["scimUser"] : ["groupOfNames"],
    }),
    connect: hooks.connect(),
  }));
}

const holdersOf = async (store: Datastore, userName: string) => {
  const query: EntryQuery = {
    filter: compareNode(a.userName, "eq", userName),
    sort: undefined,
    page: { kind: "index", startIndex: 1, count: 100 },
    members: false,
  };
  return (await store.query(users, query)).entries.map((e) => e.id);
};

const conflict = (error: { status?: number; scimType?: string }) =>
  error.status === 409 && error.scimType === "uniqueness";

suite("LDAP updates racing a create for one unique value", skip, () => {
  let byTitle: Datastore & { readonly baseDn: string };
  let byUserName: Datastore & { readonly baseDn: string };

  before(async () => {
    byTitle = await openStore("cn=${title:-user}");
    byUserName = await openStore("uid=${userName}");
  });
  after(async () => {
    hooks.clear();
    await byTitle?.close();
    await byUserName?.close();
  });

  it("answers 409 to the update that lost and leaves the entry as it was", async () => {
    const user = await byTitle.create(users, { attributes: { userName: "before", title: "u1" } });
    let rivalId: string | undefined;
    hooks.before("modify", "cn=u1,", async () => {
      rivalId = (await byTitle.create(users, { attributes: { userName: "Taken", title: "rival1" } })).id;
    });
    await assert.rejects(
      byTitle.update(users, user.id, { attributes: { userName: "taken", title: "u1" } }, {}),
      conflict,
    );
    assert.ok(rivalId !== undefined, "the rival create ran between the update's search and its write");
    const now = await byTitle.get(users, user.id, { members: false });
    assert.deepEqual(now?.attributes, user.attributes);
    assert.deepEqual(await holdersOf(byTitle, "TAKEN"), [rivalId]);
    assert.deepEqual(await holdersOf(byTitle, "before"), [user.id]);
  });

  it("searches again only when the update takes a unique value the entry did not hold", async () => {
    const user = await byTitle.create(users, { attributes: { userName: "steady", title: "u2" } });
    // Another displayName, same userName: the search before the write, the write, the read-back.
    assert.deepEqual(
      await hooks.count(() =>
        byTitle.update(
          users,
          user.id,
          { attributes: { userName: "steady", title: "u2", displayName: "S" } },
          {},
        ),
      ),
      { modify: 1, "search base": 1, "search one": 2 },
    );
    // A new userName: the search after the write returns the entry, so it takes the read-back's place.
    assert.deepEqual(
      await hooks.count(() =>
        byTitle.update(
          users,
          user.id,
          { attributes: { userName: "moved", title: "u2", displayName: "S" } },
          {},
        ),
      ),
      { modify: 1, "search one": 3 },
    );
  });

  it("renames the entry back, keeping its groups, when the rename it made lost", async () => {
    const user = await byUserName.create(users, { attributes: { userName: "emile-u" } });
    const group = await byUserName.create(groups, {
      attributes: { displayName: "race-group" },
      members: [{ value: user.id, type: "User" }],
    });
    let rivalId: string | undefined;
    hooks.before("modifyDN", "uid=emile-u,", async () => {
      rivalId = (await byUserName.create(users, { attributes: { userName: "\u0130lker" } })).id;
    });
    // The directory tells uid=İlker and uid=i̇lker apart, so the rename succeeds; SCIM folds both to i̇lker.
    await assert.rejects(
      byUserName.update(users, user.id, { attributes: { userName: "i\u0307lker" } }, {}),
      conflict,
    );
    assert.deepEqual(await holdersOf(byUserName, "i\u0307LKER"), [rivalId]);
    assert.deepEqual(await holdersOf(byUserName, "emile-u"), [user.id]);
    assert.deepEqual(
      (await byUserName.groupsOf(users, user.id)).map((g) => g.value),
      [group.id],
    );
    const members = await byUserName.get(groups, group.id, { members: true });
    assert.deepEqual(
      members?.members?.map((m) => m.value),
      [user.id],
    );
  });

  it("answers an update that lost as done when another write came before the undo (logged)", async () => {
    const user = await byTitle.create(users, { attributes: { userName: "solo", title: "u4" } });
    hooks.before("modify", "cn=u4,", async () => {
      await byTitle.create(users, { attributes: { userName: "Dup", title: "rival4" } });
    });
    // The undo's modify is the second of the entry; just before it, another writer moves the version on.
    let undoing = false;
    hooks.before("modify", "cn=u4,", async () => {
      undoing = true;
      const s = ldapTestSettings();
      const other = connectLdapts(s.url, 10_000);
      await other.bind(s.bindDn, s.password);
      try {
        const written = await byTitle.get(users, user.id, { members: false });
        const dn = `cn=u4,ou=people,ou=c1,${byTitle.baseDn}`;
        await other.modify(dn, [
          change("replace", "scimVersion", [String((written?.meta.version ?? 0) + 1)]),
        ]);
      } finally {
        await other.unbind();
      }
    });
    const updated = await byTitle.update(
      users,
      user.id,
      { attributes: { userName: "dup", title: "u4" } },
      {},
    );
    assert.ok(undoing, "the update saw the rival and tried to undo its write");
    assert.equal(updated.attributes.userName, "dup");
    assert.equal((await holdersOf(byTitle, "DUP")).length, 2);
  });

  it("answers as done, at the old name, when another write comes between the undo's rename back and its modify", async () => {
    const user = await byUserName.create(users, { attributes: { userName: "ruth-u" } });
    hooks.before("modifyDN", "uid=ruth-u,", async () => {
      await byUserName.create(users, { attributes: { userName: "i\u0307lkay" } });
    });
    // The update's own modify goes to uid=İlkay; the one to uid=ruth-u is the undo's, after the rename back.
    let undoing = false;
    hooks.before("modify", "uid=ruth-u,", async () => {
      undoing = true;
      const s = ldapTestSettings();
      const other = connectLdapts(s.url, 10_000);
      await other.bind(s.bindDn, s.password);
      try {
        const written = await byUserName.get(users, user.id, { members: false });
        await other.modify(`uid=ruth-u,ou=people,ou=c1,${byUserName.baseDn}`, [
          change("replace", "scimVersion", [String((written?.meta.version ?? 0) + 1)]),
        ]);
      } finally {
        await other.unbind();
      }
    });
    // Before, the answer was read at the name the undo had left: 404 for an entry that exists.
    const updated = await byUserName.update(users, user.id, { attributes: { userName: "\u0130lkay" } }, {});
    assert.ok(undoing, "the update saw the rival and started to undo its writes");
    assert.equal(updated.id, user.id);
    assert.deepEqual(
      (await byUserName.get(users, user.id, { members: false }))?.attributes,
      updated.attributes,
    );
  });
});
