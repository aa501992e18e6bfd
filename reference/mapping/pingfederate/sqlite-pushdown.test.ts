// Pushed filters run in a real datastore: entries written through a PingFederate mapping into SQLite, then
// queried with the pushed part of each filter and the residual checked over read views, must select the
// same users as the protocol matcher over all views (RFC 7644 §3.4.2.2). This holds the SQL compiler to
// the store filters the mapping builds (flattened groups held as scalars or arrays, value filters over
// scalar elements, engine attributes) and the plan's indexes to what the mapping writes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Datastore, Scope } from "../../datastore/datastore.js";
import { SqliteDatastore } from "../../datastore/sqlite/sqlite-datastore.js";
import { ScimError } from "../../protocol/errors/scim-error.js";
import { compileFilter } from "../../protocol/filter/match-filter.js";
import { parseFilter } from "../../protocol/filter/parse-filter.js";
import { resolveFilter } from "../../protocol/filter/resolve-filter.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { specRegistry } from "../../protocol/testing/spec-registry.js";
import { compileOrThrow, context, expr, ldap, scim, usersOnly } from "./mapping-test-support.js";

const registry = specRegistry();
const rt = registry.resourceType("User");
if (rt === undefined) throw new Error("no User resource type");

const mapping = compileOrThrow(
  usersOnly(
    {
      uid: scim("userName"),
      t: scim("title"),
      nick: scim("nickName"),
      mail: scim("emails.work.value"),
      homeMail: scim("emails.home.value"),
      tel: scim("phoneNumbers.work.value"),
      telPrimary: scim("phoneNumbers.work.primary"),
      adr: scim("addresses"),
      on: scim("active"),
    },
    {
      userName: ldap("uid"),
      title: ldap("t"),
      nickName: expr("nick"),
      "emails.work.value": ldap("mail"),
      "emails.home.value": ldap("homeMail"),
      "phoneNumbers.work.value": ldap("tel"),
      "phoneNumbers.work.primary": ldap("telPrimary"),
      addresses: ldap("adr"),
      active: ldap("on"),
    },
  ),
).users;

const users: JsonObject[] = [
  {
    userName: "ada",
    title: "Boss",
    nickName: "A",
    active: true,
    emails: [
      { value: "ada@work", type: "work" },
      { value: "ada@home", type: "home" },
    ],
  },
  {
    userName: "bob",
    title: "boss",
    active: false,
    emails: [
      { value: "bob@w1", type: "work" },
      { value: "bob@w2", type: "Work" },
    ],
    phoneNumbers: [
      { value: "1", type: "work" },
      { value: "2", type: "work", primary: true },
    ],
  },
  {
    userName: "cy",
    nickName: "c",
    emails: [{ value: "ada@work", type: "home" }],
    addresses: [
      { locality: "Paris", type: "work" },
      { locality: "Rome", type: "home" },
    ],
  },
  { userName: "dee", emails: [{ value: "x", type: "other" }], phoneNumbers: [{ value: "3", type: "work" }] },
];

const filters = [
  'userName eq "ADA"',
  'title eq "boss"',
  'title ne "boss"',
  'emails.value eq "ada@work"',
  'emails[type eq "work" and value eq "ada@work"]',
  'emails[type eq "work" and value sw "bob"]',
  'emails[type eq "work" and not (value eq "bob@w1")]',
  'emails.value ne "ada@work"',
  "emails.value pr",
  "emails.value eq null",
  'emails[type eq "home"]',
  'addresses[type eq "work" and locality eq "Paris"]',
  'addresses.locality eq "Rome"',
  "phoneNumbers.primary eq true",
  'phoneNumbers[value eq "2" and primary eq true]',
  'nickName eq "c" and active eq false',
  'nickName eq "a" or title eq "Boss"',
  "active eq true",
  'id pr and userName gt "b"',
];

describe("PingFederate mapping over SQLite", () => {
  let store: Datastore;
  let scope: Scope;
  const views = new Map<string, JsonObject>();

  before(async () => {
    store = new SqliteDatastore({ path: ":memory:" });
    scope = {
      connection: { connectionId: "c1", resourceTypes: { User: mapping.plan } },
      resourceType: "User",
    };
    for (const user of users) {
      const entry = await store.create(scope, { attributes: await mapping.write(user, context) });
      views.set(entry.id, { ...(await mapping.read(entry, context)), id: entry.id });
    }
  });

  after(async () => {
    await store.close();
  });

  for (const filter of filters) {
    it(`selects the same users as the matcher for ${filter}`, async () => {
      const resolved = resolveFilter(registry, rt, parseFilter(filter));
      const { pushed, residual } = mapping.translateFilter(resolved);
      const result = await store.query(scope, {
        filter: pushed,
        sort: undefined,
        page: { kind: "index", startIndex: 1, count: 100 },
        members: false,
      });
      const rest = residual === undefined ? () => true : compileFilter(residual);
      const viaStore = result.entries.map((e) => e.id).filter((id) => rest(views.get(id) ?? {}));
      const whole = compileFilter(resolved);
      const expected = [...views.entries()].filter(([, view]) => whole(view)).map(([id]) => id);
      assert.deepEqual(viaStore.sort(), expected.sort());
    });
  }

  it("enforces userName uniqueness through the mapped attribute (plan.unique)", async () => {
    // userName is caseExact false (RFC 7643 §4.1.1), so "ADA" collides with "ada": 409 uniqueness.
    await assert.rejects(
      store.create(scope, { attributes: await mapping.write({ userName: "ADA" }, context) }),
      (error) => {
        assert.ok(error instanceof ScimError);
        assert.equal(error.status, 409);
        assert.equal(error.scimType, "uniqueness");
        return true;
      },
    );
  });
});
