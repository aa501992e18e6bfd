// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${attr} placeholders of unique ID filters are plain text here
// What the LDAP store does in the directory itself, checked with a plain LDAP client next to it on the
// slapd of scripts/ldap-up.sh: entries a directory consumer can read (PingFederate provisions into a
// directory), renames that keep the id, DISABLE_USER, empty groups, names apart, the Assertion control
// under concurrent writers, member changes without reading the member list, the four non-ASCII letters
// that fold into ASCII, why sorting stays out of the directory, and the candidate bound.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Client, ServerSideSortingRequestControl } from "ldapts";
import { compareNode } from "../../protocol/filter/filter-builders.js";
import type { Datastore, EntryQuery, StoreFilter } from "../datastore.js";
import { contractAttributes as a, contractConnection, scopeOf } from "../datastore-contract.js";
import { LdapDatastore } from "./ldap-datastore.js";
import type { LdapClient } from "./ldap-datastore-config.js";
import { connectLdapts } from "./ldap-driver.js";
import { ldapSkipReason, ldapTestSettings, ldapTestUrl, openTestStore } from "./ldap-test-support.js";

// Without a directory these suites register nothing: ldap-datastore.test.ts prints the one skip line.
const skip = ldapTestUrl === undefined ? { skip: ldapSkipReason } : {};
const suite = ldapTestUrl === undefined ? () => {} : describe;
const connection = contractConnection("c1");
const users = scopeOf(connection, "User");
const groups = scopeOf(connection, "Group");
/** "20240102030405.123456Z#…" → "2024-01-02T03:04:05.123" */
const fromCsnText = (csn: string) =>
  csn.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\.(\d{3}).*$/, "$1-$2-$3T$4:$5:$6.$7");

const all = (filter?: StoreFilter): EntryQuery => ({
  filter,
  sort: undefined,
  page: { kind: "index", startIndex: 1, count: 100 },
  members: false,
});

suite("the LDAP store in the directory", skip, () => {
  let client: Client;
  let store: Datastore & { readonly baseDn: string };
  const inetOrgPerson = ["top", "person", "organizationalPerson", "inetOrgPerson"];

  before(async () => {
    const s = ldapTestSettings();
    client = new Client({ url: s.url });
    await client.bind(s.bindDn, s.password);
    // The demo connection's shape: users named by uid in the repository's container, as inetOrgPerson.
    store = await openTestStore((baseDn) => ({
      placement: (conn, type) => ({
        container: type === "User" ? `ou=people,ou=${conn},${baseDn}` : `ou=groups,ou=${conn},${baseDn}`,
        nameTemplate: type === "User" ? "uid=${uid}" : "cn=${displayName:-group}",
        objectClasses: type === "User" ? ["scimUser"] : ["groupOfNames"],
      }),
    }));
  });
  after(async () => {
    await store?.close();
    await client?.unbind();
  });

  const read = async (dn: string) =>
    (await client.search(dn, { scope: "base", attributes: ["*", "+"] })).searchEntries[0];
  const find = async (filter: string) =>
    (await client.search(store.baseDn, { scope: "sub", filter, attributes: ["*", "+"] })).searchEntries;

  it("writes mapped attributes as directory attributes a directory client reads, id = entryUUID", async () => {
    const created = await store.create(users, {
      attributes: {
        objectClass: inetOrgPerson,
        uid: "bjensen",
        cn: "Barbara Jensen",
        mail: ["bjensen@example.com"],
        scimEmails: [{ value: "bjensen@example.com", type: "work", primary: true }],
        scimActive: true,
      },
    });
    const [entry] = await find("(uid=bjensen)");
    assert.match(String(entry?.dn), /^uid=bjensen,ou=people,ou=c1,/);
    assert.equal(entry?.entryUUID, created.id);
    assert.equal(entry?.cn, "Barbara Jensen");
    assert.equal(entry?.sn, "bjensen", "inetOrgPerson's MUST sn is filled from the RDN");
    assert.equal(entry?.mail, "bjensen@example.com");
    assert.equal(entry?.scimActive, "TRUE");
    assert.deepEqual(JSON.parse(String(entry?.scimEmails)), {
      value: "bjensen@example.com",
      type: "work",
      primary: true,
    });
    assert.equal(
      created.meta.created,
      `${String(entry?.createTimestamp).replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6")}.000Z`,
    );
    assert.deepEqual(
      (await store.get(users, created.id, { members: false }))?.attributes.objectClass,
      inetOrgPerson,
    );
  });

  it("moves lastModified with every change, within one second too (entryCSN), and not before one", async () => {
    const user = await store.create(users, { attributes: { uid: "clock" } });
    assert.equal(user.meta.lastModified, user.meta.created, "a new resource: lastModified is created");
    const once = await store.update(users, user.id, { attributes: { uid: "clock", title: "1" } });
    const twice = await store.update(users, user.id, { attributes: { uid: "clock", title: "2" } });
    assert.ok(
      once.meta.lastModified > user.meta.created,
      `${once.meta.lastModified} after ${user.meta.created}`,
    );
    assert.ok(
      twice.meta.lastModified > once.meta.lastModified,
      `${twice.meta.lastModified} after ${once.meta.lastModified}`,
    );
    const [entry] = await find(`(entryUUID=${user.id})`);
    assert.equal(twice.meta.lastModified.slice(0, 23), fromCsnText(String(entry?.entryCSN)));
  });

  it("renames the entry when its naming value changes, keeping the id and the group memberships", async () => {
    const user = await store.create(users, { attributes: { uid: "before" } });
    const group = await store.create(groups, {
      attributes: { displayName: "Renamers" },
      members: [{ value: user.id, type: "User" }],
    });
    await store.update(users, user.id, { attributes: { uid: "after" } });
    const [moved] = await find(`(entryUUID=${user.id})`);
    assert.match(String(moved?.dn), /^uid=after,/);
    assert.equal((await find("(uid=before)")).length, 0);
    const g = await store.get(groups, group.id, { members: true });
    assert.deepEqual(
      g?.members?.map((m) => m.value),
      [user.id],
    );
    assert.equal(g?.meta.version, 1, "the group's members did not change, only a DN");
  });

  // A new spelling of the same name is a rename too: slapd folds U+0130 to i and keeps the final sigma apart,
  // where JavaScript (and SCIM) fold İ to i + U+0307 and ς to σ, so only the directory knows the name's
  // identity. Skipping the rename for a JavaScript-equal name left the RDN value to the modify: 400.
  for (const [from, to] of [
    ["\u0130lker", "i\u0307lker"],
    ["\u03a3\u0391\u03a3", "\u03c3\u03b1\u03c2"],
    ["Bj\u00f6rn", "BJ\u00d6RN"],
  ] as const) {
    it(`re-spells the name ${from} as ${to}, keeping the group memberships`, async () => {
      const user = await store.create(users, { attributes: { uid: from } });
      const group = await store.create(groups, {
        attributes: { displayName: `Respell ${from}` },
        members: [{ value: user.id, type: "User" }],
      });
      const updated = await store.update(users, user.id, { attributes: { uid: to } });
      assert.equal(updated.attributes.uid, to);
      const [moved] = await find(`(entryUUID=${user.id})`);
      assert.deepEqual(moved?.uid, to);
      const g = await store.get(groups, group.id, { members: true });
      assert.deepEqual(
        g?.members?.map((m) => m.value),
        [user.id],
      );
    });
  }

  it("keeps two groups apart whose names JavaScript folds together and the directory does not", async () => {
    // Group displayName has no uniqueness (RFC 7643 §4.2); slapd names cn=ΣΑΣ and cn=σας as two entries.
    const upper = await store.create(groups, { attributes: { displayName: "\u03a3\u0391\u03a3" } });
    const lower = await store.create(groups, { attributes: { displayName: "\u03c3\u03b1\u03c2" } });
    const parent = await store.create(groups, {
      attributes: { displayName: "Parent of both" },
      members: [
        { value: upper.id, type: "Group" },
        { value: lower.id, type: "Group" },
      ],
    });
    const got = await store.get(groups, parent.id, { members: true });
    assert.deepEqual(got?.members?.map((m) => m.value).sort(), [upper.id, lower.id].sort());
    for (const child of [upper, lower]) {
      assert.deepEqual(
        (await store.groupsOf(groups, child.id)).map((g) => g.value),
        [parent.id],
      );
    }
  });

  it("disables a user by hiding and renaming it: kept in the directory, its name free again", async () => {
    const user = await store.create(users, { attributes: { uid: "leaver", cn: "Lea Ver" } });
    await store.delete(users, user.id, "disable");
    const [kept] = await find(`(entryUUID=${user.id})`);
    assert.equal(kept?.scimDisabled, "TRUE");
    assert.equal(kept?.uid, "leaver", "the entry keeps its values");
    assert.match(String(kept?.dn), /scimNameTag=disabled-/);
    const again = await store.create(users, { attributes: { uid: "leaver" } });
    assert.notEqual(again.id, user.id);
    assert.deepEqual((await store.query(users, all(compareNode(a.id, "eq", user.id)))).entries, []);
  });

  it("keeps an empty group a valid groupOfNames with the empty DN as placeholder member", async () => {
    const user = await store.create(users, { attributes: { uid: "member1" } });
    const group = await store.create(groups, { attributes: { displayName: "Empty" } });
    const dn = String((await find(`(entryUUID=${group.id})`))[0]?.dn);
    assert.equal((await read(dn))?.member, "");
    await store.update(groups, group.id, {
      members: { add: [{ value: user.id, type: "User" }], remove: [] },
    });
    assert.equal((await read(dn))?.member?.length, 2);
    await store.update(groups, group.id, { members: { add: [], remove: [user.id] } });
    assert.equal((await read(dn))?.member, "");
    assert.deepEqual((await store.get(groups, group.id, { members: true }))?.members, []);
  });

  it("names a second group with the same displayName apart instead of refusing it (RFC 7643 §4.2)", async () => {
    const one = await store.create(groups, { attributes: { displayName: "Twins" } });
    const two = await store.create(groups, { attributes: { displayName: "twins" } });
    assert.notEqual(one.id, two.id);
    const dns = (await find("(cn=Twins)")).map((e) => String(e.dn)).sort();
    assert.equal(dns.length, 2);
    assert.match(dns.find((d) => d.includes("scimNameTag")) ?? "", /^cn=twins\+scimNameTag=[0-9a-f]+,/i);
  });

  it("never loses a concurrent update, and lets exactly one of several If-Match writers win", async () => {
    const user = await store.create(users, { attributes: { uid: "racer", title: "0" } });
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        store.update(users, user.id, { attributes: { uid: "racer", title: String(i) } }),
      ),
    );
    assert.equal((await store.get(users, user.id, { members: false }))?.meta.version, 6);
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((i) =>
        store.update(users, user.id, { attributes: { uid: "racer", title: `v${i}` } }, { ifVersion: 6 }),
      ),
    );
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    for (const r of results)
      if (r.status === "rejected") assert.equal((r.reason as { status?: number }).status, 412);
  });

  it("finds the non-ASCII letters that fold into ASCII with an ASCII literal, as SCIM does", async () => {
    const table = [
      ["x\u0130y", "co", "i"],
      ["\u212Aelvin", "eq", "kelvin"],
      ["a\u037Eb", "co", ";"],
      ["a\u1FEFb", "co", "`"],
    ] as const;
    for (const [title, op, literal] of table) {
      const user = await store.create(users, { attributes: { uid: `fold-${title.codePointAt(1)}`, title } });
      const found = await store.query(users, all(compareNode(a.title, op, literal)));
      assert.ok(
        found.entries.some((e) => e.id === user.id),
        `${JSON.stringify(title)} ${op} ${literal}`,
      );
    }
  });

  it("would sort differently with the directory's ordering rule, which is why sorting stays here", async () => {
    await store.create(users, { attributes: { uid: "sort-ff", scimNickName: "\uFB00" } });
    await store.create(users, { attributes: { uid: "sort-z", scimNickName: "z" } });
    const control = new ServerSideSortingRequestControl({ value: { attributeType: "scimNickName" } });
    const sorted = await client.search(
      store.baseDn,
      { scope: "sub", filter: "(|(uid=sort-ff)(uid=sort-z))", attributes: ["uid"] },
      control,
    );
    assert.deepEqual(
      sorted.searchEntries.map((e) => e.uid),
      ["sort-ff", "sort-z"],
      "RFC 4518 NFKC: ﬀ sorts as ff",
    );
    const ours = await store.query(users, {
      ...all(compareNode(a.userName, "sw", "sort-")),
      filter: compareNode({ ...a.userName, name: "uid" }, "sw", "sort-"),
      sort: { attribute: { ...a.title, name: "scimNickName" }, descending: false },
    });
    assert.deepEqual(
      ours.entries.map((e) => e.attributes.uid),
      ["sort-z", "sort-ff"],
      "SCIM: code point order",
    );
  });

  it("reads attributes another directory client added, and skips members it deleted behind the store's back", async () => {
    const user = await store.create(users, { attributes: { uid: "foreign" } });
    const gone = await store.create(users, { attributes: { uid: "gone" } });
    const group = await store.create(groups, {
      attributes: { displayName: "Foreign" },
      members: [
        { value: user.id, type: "User" },
        { value: gone.id, type: "User" },
      ],
    });
    const dn = String((await find(`(entryUUID=${user.id})`))[0]?.dn);
    await client.modify(dn, [
      new (await import("ldapts")).Change({
        operation: "add",
        modification: new (await import("ldapts")).Attribute({
          type: "description",
          values: ["added by ldapmodify"],
        }),
      }),
    ]);
    assert.equal(
      (await store.get(users, user.id, { members: false }))?.attributes.description,
      "added by ldapmodify",
    );
    await client.del(String((await find(`(entryUUID=${gone.id})`))[0]?.dn));
    assert.deepEqual(
      (await store.get(groups, group.id, { members: true }))?.members?.map((m) => m.value),
      [user.id],
    );
  });
});

suite("the LDAP store's bounds and client use", skip, () => {
  it("refuses a query with more candidates than its bound with 400 tooMany (RFC 7644 §3.4.2.1)", async () => {
    const store = await openTestStore(() => ({ maxCandidates: 3 }));
    try {
      for (const u of ["a", "b", "c", "d"]) {
        await store.create(users, { attributes: { userName: u, displayName: `User ${u}` } });
      }
      // userName lives only in the document here: `ne` narrows nothing, so every user is a candidate,
      // while `eq` and `sw` search its comparison keys (scimKey) and stay within the bound.
      await assert.rejects(store.query(users, all(compareNode(a.userName, "ne", "a"))), {
        status: 400,
        scimType: "tooMany",
      });
      assert.equal((await store.query(users, all(compareNode(a.userName, "eq", "A")))).total, 1);
      assert.equal((await store.query(users, all(compareNode(a.userName, "sw", "A")))).total, 1);
      assert.equal((await store.query(users, all(compareNode(a.displayName, "eq", "User a")))).total, 1);
    } finally {
      await store.close();
    }
  });

  it("lists more users than the candidate bound without a filter, by index and by cursor, sorted or not (ldap-plain-listing.ts)", async () => {
    const store = await openTestStore(() => ({ maxCandidates: 3, maxListed: 5, pageSize: 2 }));
    try {
      const ids: string[] = [];
      for (const u of ["p0", "p1", "p2", "p3", "p4", "p5", "p6"]) {
        ids.push((await store.create(users, { attributes: { userName: u } })).id);
      }
      const byIndex = async (startIndex: number, count: number) =>
        store.query(users, { ...all(), page: { kind: "index", startIndex, count } });
      const second = await byIndex(3, 3);
      assert.equal(second.total, 7);
      // Creation order, as the in-memory store and the bounded path walk.
      assert.deepEqual(
        second.entries.map((e) => e.attributes.userName),
        ["p2", "p3", "p4"],
      );
      // startIndex + count - 1 = 6 positions would be kept: past maxListed.
      await assert.rejects(byIndex(4, 3), { status: 400, scimType: "tooMany" });
      // A cursor walk keeps count + 1 positions, however far it goes, both ways.
      const seen: string[] = [];
      let position: string | undefined;
      let last: string | undefined;
      do {
        const page = await store.query(users, {
          ...all(),
          page: { kind: "cursor", position, direction: "next", count: 3 },
        });
        assert.equal(page.total, 7);
        seen.push(...page.entries.map((e) => e.id));
        last = position;
        position = page.nextPosition;
      } while (position !== undefined);
      assert.deepEqual(seen, ids);
      // `last` is the cursor the third page was asked with: the position of p5.
      assert.ok(last !== undefined);
      const back = await store.query(users, {
        ...all(),
        page: { kind: "cursor", position: last, direction: "previous", count: 2 },
      });
      assert.deepEqual(
        back.entries.map((e) => e.attributes.userName),
        ["p3", "p4"],
      );
      assert.ok(back.previousPosition !== undefined && back.nextPosition !== undefined);
      // Sorted, descending: the sort key is read with the positions, and still nothing is bounded.
      const sorted = await store.query(users, {
        ...all(),
        sort: { attribute: a.userName, descending: true },
        page: { kind: "index", startIndex: 2, count: 3 },
      });
      assert.equal(sorted.total, 7);
      assert.deepEqual(
        sorted.entries.map((e) => e.attributes.userName),
        ["p5", "p4", "p3"],
      );
    } finally {
      await store.close();
    }
  });

  it("answers concurrent queries that each span several pages on one connection (slapd keeps one paged search per connection)", async () => {
    const store = await openTestStore(() => ({ pageSize: 2 }));
    try {
      const names = Array.from({ length: 9 }, (_, i) => `paged-${i}`);
      for (const userName of names) await store.create(users, { attributes: { userName } });
      const answers = await Promise.all(Array.from({ length: 8 }, () => store.query(users, all())));
      for (const answer of answers) assert.equal(answer.total, names.length);
    } finally {
      await store.close();
    }
  });

  it("adds a member with single-value operations, without reading the group's member list", async () => {
    const searches: { base: string; attributes: readonly string[] }[] = [];
    const spy = (url: string, timeout: number): LdapClient => {
      const real = connectLdapts(url, timeout);
      return new Proxy(real, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key !== "search" && key !== "searchPaginated")
            return typeof value === "function" ? value.bind(target) : value;
          return (base: string, options: { attributes?: string[] }, ...rest: unknown[]) => {
            searches.push({ base, attributes: options?.attributes ?? [] });
            return (value as (...args: unknown[]) => unknown).call(target, base, options, ...rest);
          };
        },
      });
    };
    const store = await openTestStore(() => ({ connect: spy }));
    try {
      const members = [];
      for (const u of ["m1", "m2", "m3"])
        members.push(await store.create(users, { attributes: { userName: u } }));
      const group = await store.create(groups, {
        attributes: { displayName: "Big" },
        members: members.slice(0, 2).map((m) => ({ value: m.id, type: "User" })),
      });
      searches.length = 0;
      const updated = await store.update(groups, group.id, {
        members: { add: [{ value: members[2]?.id ?? "", type: "User" }], remove: [] },
      });
      assert.equal(updated.meta.version, 2);
      const readMembers = searches.filter(
        (s) => s.attributes.includes("*") || s.attributes.some((x) => x.toLowerCase() === "member"),
      );
      assert.deepEqual(readMembers, [], "no search asked for the member list");
      assert.equal((await store.get(groups, group.id, { members: true }))?.members?.length, 3);
    } finally {
      await store.close();
    }
  });

  it("keeps settings in the directory across store instances", async () => {
    const first = await openTestStore();
    try {
      await first.putSetting("auth.builtin-token", { hash: "h" });
      const s = ldapTestSettings();
      const second = await LdapDatastore.open({
        url: s.url,
        bindDn: s.bindDn,
        password: s.password,
        baseDn: first.baseDn,
      });
      assert.deepEqual(await second.getSetting("auth.builtin-token"), { hash: "h" });
      await second.close();
    } finally {
      await first.close();
    }
  });

  it("fails to open with the wrong password without saying the password", async () => {
    const s = ldapTestSettings();
    await assert.rejects(
      LdapDatastore.open({
        url: s.url,
        bindDn: s.bindDn,
        password: "not-the-password",
        baseDn: "ou=x,dc=example,dc=com",
      }),
      (error: Error) => !error.message.includes("not-the-password"),
    );
  });
});
