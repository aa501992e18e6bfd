// scimKey (ldap-value-keys.ts, ldap-key-backfill.ts): what an entry's keys are, that a substrings search
// of them selects exactly what SCIM's matcher does, and on the slapd of scripts/ldap-up.sh that a
// case-insensitive non-ASCII `eq`, `sw`, `ew` or `co`, one on a complex value's member, and a create's
// uniqueness check stay within a small candidate bound (before the keys they read every user and were
// refused with 400 tooMany), that renames keep the keys current, that entries written without keys get
// them before a search relies on them, and that entries of the older format get member keys behind it.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${attr} placeholders of unique ID filters are plain text here
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { Client } from "ldapts";
import { applyOperator, foldCase } from "../../protocol/filter/compare-values.js";
import { andNode, compareNode, valuePathNode } from "../../protocol/filter/filter-builders.js";
import { checkProperty } from "../../protocol/testing/check-property.js";
import type { EntryQuery, StoreFilter } from "../datastore.js";
import { contractAttributes as a, contractConnection, scopeOf } from "../datastore-contract.js";
import { ClientHooks } from "./ldap-client-hooks.js";
import { LdapDatastore } from "./ldap-datastore.js";
import type { LdapDatastoreConfig } from "./ldap-datastore-config.js";
import { change } from "./ldap-driver.js";
import { substrings } from "./ldap-filter.js";
import { modelMatches } from "./ldap-model-directory.js";
import { fixtureSchema, schemaFromSubschema, subschemaText } from "./ldap-schema-fixture.js";
import { ldapSkipReason, ldapTestSettings, ldapTestUrl, openTestStore } from "./ldap-test-support.js";
import { keyParts, keySearch, keysMarker, valueKey, valueKeys, valueKeysEnabled } from "./ldap-value-keys.js";

describe("scimKey values", () => {
  it("holds the marker and one key per distinct text value and complex member, folded as SCIM folds case", () => {
    assert.deepEqual(
      valueKeys({
        userName: "Zo\u00cb",
        nickName: "zo\u00eb",
        title: "ZO\u00cb",
        description: ["A", "a", "\uff21", 7, null],
        active: true,
        name: { givenName: "Zo\u00eb", parts: ["deeper"] },
        emails: [
          { value: "\u00c9@X.org", type: "work", primary: true },
          { value: "\u00e9@x.ORG", display: { nested: "no" } },
          "bare",
          ["no"],
        ],
      }),
      [
        keysMarker,
        '["description","a"]',
        '["emails","bare"]',
        '["emails","type","work"]',
        '["emails","value","\u00e9@x.org"]',
        '["name","givenName","zo\u00eb"]',
        '["nickName","zo\u00eb"]',
        '["title","zo\u00eb"]',
        '["userName","zo\u00eb"]',
      ],
    );
  });

  it("cannot be faked by a name or value that holds the separator", () => {
    assert.notEqual(valueKey('a","b', undefined, "c"), valueKey("a", undefined, '"b","c'));
    assert.notEqual(valueKey("a", "b", "c"), valueKey("a", undefined, '"b","c'));
    assert.notEqual(valueKey("a", "b", "c"), valueKey('a","b', undefined, "c"));
    assert.equal(valueKey("n", undefined, "\u0130"), '["n","i\u0307"]');
  });

  it("is the marker alone for an entry without text values", () => {
    assert.deepEqual(valueKeys({ active: false, count: 3 }), [keysMarker]);
  });

  it("are searched by their parts wherever SCIM's matcher matches, and only there but for JSON escapes", () => {
    // Text from a small alphabet of the characters that matter: cased letters beyond ASCII, a combining
    // mark, a width form, JSON's escapes, the filter's escapes, a surrogate pair and a lone surrogate.
    const alphabet = [
      "a",
      "Z",
      "\u00e9",
      "\u00c9",
      "e",
      "\u0301",
      "\u0130",
      "i",
      "\u03a3",
      "\u03c2",
      "\uff21",
    ];
    const symbols = ['"', "\\", "*", "(", ")", "\u0000", "]", ",", "\ud83d\ude00", "\ud83d", " "];
    const text = fc
      .array(fc.constantFrom(...alphabet, ...symbols), { maxLength: 6 })
      .map((chars) => chars.join(""));
    const schema = fixtureSchema();
    checkProperty(
      fc.property(
        fc.constantFrom("sw", "ew", "co") as fc.Arbitrary<"sw" | "ew" | "co">,
        fc.constantFrom(undefined, "value"),
        fc.array(text, { minLength: 1, maxLength: 3 }),
        text,
        text,
        (op, member, values, other, literal) => {
          // The values are uid's, or the `value` members of its complex elements. The entry's other
          // attributes and members hold keys too: the search must not match theirs.
          const uid = member === undefined ? values : values.map((v) => ({ value: v, type: other }));
          const attributes = { uid, cn: other, '"uid': literal, value: [{ uid: literal }] };
          const entry = new Map([["scimkey", valueKeys(attributes)]]);
          const parts = keyParts("uid", member, op, literal);
          const searched = modelMatches(schema, entry, substrings("scimKey", parts));
          const scim = values.some((v) => applyOperator(op, foldCase(v), foldCase(literal)));
          const what = `uid${member === undefined ? "" : `.${member}`} ${JSON.stringify(values)} ${op} ${JSON.stringify(literal)}`;
          if (scim) assert.ok(searched, `the key search misses a match: ${what}`);
          // A prefix of an escape is the escape of a prefix; a suffix or part may start inside an escape.
          const escapes = [...values, literal].some((v) => JSON.stringify(v) !== `"${v}"`);
          if (op === "sw" || !escapes) assert.equal(searched, scim, `the key search is not exact: ${what}`);
        },
      ),
      3000,
    );
  });

  it("are searched for equality, and for substrings where scimKey has octetStringSubstringsMatch", () => {
    const fixture = subschemaText();
    assert.equal(keySearch(schemaFromSubschema(fixture)), "substrings");
    assert.equal(
      keySearch(schemaFromSubschema(fixture.replace("SUBSTR octetStringSubstringsMatch ", ""))),
      "equality",
    );
    assert.equal(
      keySearch(
        schemaFromSubschema(fixture.replace("SUBSTR octetStringSubstringsMatch ", "SUBSTR 2.5.13.19 ")),
      ),
      "substrings",
    );
    assert.equal(keySearch(schemaFromSubschema(fixture.replace("scimKey $ ", ""))), "none");
  });

  it("are written only where the schema has scimKey and scimEntry may hold it", () => {
    const fixture = subschemaText();
    assert.equal(valueKeysEnabled(schemaFromSubschema(fixture)), true);
    // An older scim.schema: neither the attribute type nor its place in scimEntry.
    const older = fixture.replace(/^attributeTypes: .*'scimKey'.*$/m, "").replace("scimKey $ ", "");
    assert.equal(valueKeysEnabled(schemaFromSubschema(older)), false);
    // The type loaded on its own, scimEntry unchanged: writing keys would break the class, so none are.
    assert.equal(valueKeysEnabled(schemaFromSubschema(fixture.replace("scimKey $ ", ""))), false);
  });
});

const skip = ldapTestUrl === undefined ? { skip: ldapSkipReason } : {};
const suite = ldapTestUrl === undefined ? () => {} : describe;
const users = scopeOf(contractConnection("c1"), "User");
const all = (filter?: StoreFilter): EntryQuery => ({
  filter,
  sort: undefined,
  page: { kind: "index", startIndex: 1, count: 100 },
  members: false,
});
const byUserName = (value: string) => all(compareNode(a.userName, "eq", value));

suite("non-ASCII userNames in a directory larger than the candidate bound", skip, () => {
  // Users named by title: userName is then neither the RDN nor a directory attribute (the document holds it).
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let client: Client;
  const naming = "cn=${title:-user}";
  const peopleOf = () => `ou=people,ou=c1,${store.baseDn}`;
  /** A store of another process over the same users (its own key backfill state, from no search yet). */
  const anotherProcess = (options: Partial<LdapDatastoreConfig> = {}) => {
    const s = ldapTestSettings();
    return LdapDatastore.open({
      url: s.url,
      bindDn: s.bindDn,
      password: s.password,
      baseDn: store.baseDn,
      placement: () => ({ container: peopleOf(), nameTemplate: naming, objectClasses: ["scimUser"] }),
      ...options,
    });
  };
  /** The suite's users as a plain LDAP client reads them (at least the four the suite created). */
  const suiteEntries = async (attributes?: string[]) => {
    const { searchEntries } = await client.search(peopleOf(), {
      scope: "one",
      filter: "(objectClass=scimEntry)",
      ...(attributes === undefined ? {} : { attributes }),
    });
    assert.ok(searchEntries.length >= 4);
    return searchEntries;
  };
  /** A promise a client hook waits on, and the call that lets it go. */
  const gate = () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    return { held, release };
  };

  before(async () => {
    store = await openTestStore((baseDn) => ({
      maxCandidates: 2,
      placement: (conn, type) => ({
        container: `ou=${type === "User" ? "people" : "groups"},ou=${conn},${baseDn}`,
        nameTemplate: type === "User" ? naming : "cn=${displayName:-group}",
        objectClasses: type === "User" ? ["scimUser"] : ["groupOfNames"],
      }),
    }));
    const s = ldapTestSettings();
    client = new Client({ url: s.url });
    await client.bind(s.bindDn, s.password);
    for (const [userName, title] of [
      ["Zo\u00eb", "one"],
      ["\u00c5sa", "two"],
      ["J\u00f6rg", "three"],
      ["\u0130lker", "four"],
    ] as const) {
      await store.create(users, { attributes: { userName, title } });
    }
  });
  after(async () => {
    await client?.unbind();
    await store?.close();
  });

  it("finds a user by a differently cased non-ASCII userName within the bound", async () => {
    const found = await store.query(users, byUserName("ZO\u00cb"));
    assert.deepEqual(
      found.entries.map((e) => e.attributes.userName),
      ["Zo\u00eb"],
    );
    // U+0130 folds to i + U+0307 in SCIM, where slapd's tables fold it to plain i: the key decides.
    assert.equal((await store.query(users, byUserName("i\u0307LKER"))).total, 1);
    assert.equal((await store.query(users, byUserName("ilker"))).total, 0);
  });

  it("answers 409 to a create of a taken non-ASCII userName, not 400 tooMany", async () => {
    await assert.rejects(
      store.create(users, { attributes: { userName: "\u00e5SA", title: "five" } }),
      (error: { status?: number; scimType?: string }) =>
        error.status === 409 && error.scimType === "uniqueness",
    );
    const created = await store.create(users, { attributes: { userName: "\u00c9mile", title: "six" } });
    assert.equal(created.attributes.userName, "\u00c9mile");
  });

  it("keeps the keys of a renamed user current: the old userName is free, the new one taken", async () => {
    const [joerg] = (await store.query(users, byUserName("j\u00d6rg"))).entries;
    assert.ok(joerg !== undefined);
    await store.update(users, joerg.id, { attributes: { ...joerg.attributes, userName: "J\u00fcrgen" } }, {});
    assert.equal((await store.query(users, byUserName("J\u00f6rg"))).total, 0);
    assert.equal((await store.query(users, byUserName("j\u00fcrgen"))).total, 1);
    await assert.rejects(store.create(users, { attributes: { userName: "J\u00dcRGEN", title: "seven" } }), {
      status: 409,
    });
    await store.create(users, { attributes: { userName: "J\u00f6rg", title: "eight" } });
  });

  it("finds users by part of a non-ASCII userName within the bound (sw, ew, co by key)", async () => {
    const names = async (op: "sw" | "ew" | "co", value: string) =>
      (await store.query(users, all(compareNode(a.userName, op, value)))).entries
        .map((e) => e.attributes.userName)
        .sort();
    assert.deepEqual(await names("sw", "\u00e5"), ["\u00c5sa"]);
    assert.deepEqual(await names("sw", "j\u00dc"), ["J\u00fcrgen"]);
    assert.deepEqual(await names("ew", "\u00d6RG"), ["J\u00f6rg"]);
    // İ folds to i + U+0307 in SCIM: the part U+0307 l is inside "i̇lker" only.
    assert.deepEqual(await names("co", "\u0307L"), ["\u0130lker"]);
    // A plain ASCII part of a userName the document holds: the keys serve it too.
    assert.deepEqual(await names("ew", "ILE"), ["\u00c9mile"]);
    assert.deepEqual(await names("co", "\u00dfx"), []);
  });

  it("finds users by a member of a complex value within the bound (emails.value, a value filter)", async () => {
    await store.create(users, {
      attributes: {
        userName: "mail-one",
        title: "ten",
        emails: [
          { value: "\u00c9va@Example.org", type: "work" },
          { value: "eva@home.example", type: "home" },
        ],
      },
    });
    await store.create(users, {
      attributes: {
        userName: "mail-two",
        title: "eleven",
        emails: [{ value: "zo\u00eb@example.org", type: "home" }],
      },
    });
    // A third holder of emails: narrowed to "has emails", each filter below would read 3 > 2 candidates.
    await store.create(users, {
      attributes: {
        userName: "mail-three",
        title: "twelve",
        emails: [{ value: "x@other.test", type: "home" }],
      },
    });
    // The container's member-key pass starts with its first search and runs behind it: done by now on a
    // container this version wrote, but awaited so that the bound below never meets it half-way.
    await store.keysSettled();
    const names = async (filter: StoreFilter) =>
      (await store.query(users, all(filter))).entries.map((e) => e.attributes.userName).sort();
    assert.deepEqual(await names(compareNode(a.emailValue, "eq", "\u00e9VA@example.ORG")), ["mail-one"]);
    assert.deepEqual(await names(compareNode(a.emailValue, "ew", "@EXAMPLE.org")), ["mail-one", "mail-two"]);
    const home = (value: string) =>
      valuePathNode(
        a.emails,
        andNode(compareNode(a.emailType, "eq", "HOME"), compareNode(a.emailValue, "sw", value)),
      );
    assert.deepEqual(await names(home("ZO")), ["mail-two"]);
    assert.deepEqual(await names(home("\u00c9VA")), []);
    // Another process's first search of this container is a member search: with no entry of the older
    // format to rewrite, one indexed search tells it so, and the member keys serve it at once.
    const fresh = await anotherProcess({ maxCandidates: 2 });
    try {
      const byEmail = all(compareNode(a.emailValue, "eq", "ZO\u00cb@example.org"));
      assert.equal((await fresh.query(users, byEmail)).total, 1);
    } finally {
      await fresh.close();
    }
  });

  // A search that waited for the held rewrite below would never end: the timeout turns that into a failure.
  it("gives entries without keys theirs before the first search, and older keys member keys behind it", {
    timeout: 30_000,
  }, async () => {
    const container = peopleOf();
    const searchEntries = await suiteEntries();
    // As an older server (or a directory without scimKey in its schema) would have left them; one as
    // the format before member keys (marker scim-keys:1) left it: its top-level keys only.
    for (const entry of searchEntries) {
      const keys = entry.dn.startsWith("cn=ten,") ? ["scim-keys:1", '["userName","mail-one"]'] : [];
      await client.modify(entry.dn, [change("replace", "scimKey", keys)]);
    }
    const unkeyed = await client.search(container, { scope: "one", filter: `(scimKey=${keysMarker})` });
    assert.equal(unkeyed.searchEntries.length, 0);

    // Another writer changes an entry's version (not its text) just before the backfill writes its keys:
    // the assertion fails, and the backfill reads the entry again, since that write left it unkeyed.
    const hooks = new ClientHooks();
    let raced = false;
    hooks.before("modify", `cn=one,${container}`, async () => {
      const [one] = (
        await client.search(`cn=one,${container}`, { scope: "base", attributes: ["scimVersion"] })
      ).searchEntries;
      await client.modify(`cn=one,${container}`, [
        change("replace", "scimVersion", [String(Number(one?.scimVersion) + 1)]),
      ]);
      raced = true;
    });
    // The entry keyed in the format before member keys gets them behind the searches: its rewrite is held
    // here until the searches below have run, so they cannot have waited for it.
    const { held, release } = gate();
    hooks.before("modify", `cn=ten,${container}`, () => held);
    const later = await anotherProcess({ maxCandidates: 2, connect: hooks.connect() });
    try {
      assert.equal((await later.query(users, byUserName("zo\u00cb"))).total, 1);
      assert.ok(raced, "the other write came between the backfill's read and its write");
      await assert.rejects(later.create(users, { attributes: { userName: "ZO\u00cb", title: "nine" } }), {
        status: 409,
      });
      // Meanwhile a sub-attribute narrows to "has emails", as before member keys: 3 users, bound 2.
      const byEmail = all(compareNode(a.emailValue, "eq", "\u00e9va@example.org"));
      await assert.rejects(later.query(users, byEmail), { status: 400, scimType: "tooMany" });
      release();
      await later.keysSettled();
      assert.equal((await later.query(users, byEmail)).total, 1);
    } finally {
      release();
      await later.close();
    }
    const keyed = await client.search(container, { scope: "one", filter: `(scimKey=${keysMarker})` });
    assert.equal(keyed.searchEntries.length, searchEntries.length);
  });

  it("stops the member-key pass at its next entry when the store closes, quietly", {
    timeout: 30_000,
  }, async () => {
    const container = peopleOf();
    const searchEntries = await suiteEntries(["scimKey"]);
    // Every entry as format 1 left it: its attribute keys, no member keys, the older marker.
    for (const entry of searchEntries) {
      const keys = [entry.scimKey ?? []].flat().map(String);
      const format1 = keys.filter((k) => k.startsWith("[") && (JSON.parse(k) as unknown[]).length === 2);
      await client.modify(entry.dn, [change("replace", "scimKey", ["scim-keys:1", ...format1])]);
    }
    // The pass's first rewrite is held until the store has been asked to close.
    const hooks = new ClientHooks();
    const { held, release } = gate();
    hooks.before("modify", "cn=", () => held);
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (_: object, message: string) => warnings.push(message) };
    const later = await anotherProcess({ connect: hooks.connect(), logger });
    try {
      assert.equal((await later.query(users, byUserName("zo\u00cb"))).total, 1);
    } finally {
      const closed = later.close();
      release();
      await closed;
    }
    const rewritten = await client.search(container, { scope: "one", filter: `(scimKey=${keysMarker})` });
    assert.equal(rewritten.searchEntries.length, 1, "only the rewrite under way when the store closed");
    assert.deepEqual(warnings, []);
  });
});
