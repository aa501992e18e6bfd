// Contract: filters (RFC 7644 §3.4.2.2): every node kind over every attribute type, indexed and not,
// caseExact and not, multi-valued, value paths and the engine's id, meta, members and groups. The cases
// run against the directory of directory-fixture.ts; each expects the set of labels it selects.
import assert from "node:assert/strict";
import { after, before, describe } from "node:test";
import {
  andNode as and,
  compareNode,
  notNode as not,
  orNode as or,
  presentNode as pr,
  valuePathNode as vp,
} from "../../protocol/filter/filter-builders.js";
import type { FilterValue } from "../../protocol/filter/filter-node.js";
import type { Datastore, StoreAttribute, StoreFilter } from "../datastore.js";
import { a, groups, users } from "./contract-fixtures.js";
import type { ContractHarness } from "./contract-harness.js";
import { type Directory, seedDirectory } from "./directory-fixture.js";

const eq = (attr: StoreAttribute, value: FilterValue) => compareNode(attr, "eq", value);
const ne = (attr: StoreAttribute, value: FilterValue) => compareNode(attr, "ne", value);
const co = (attr: StoreAttribute, value: FilterValue) => compareNode(attr, "co", value);
const sw = (attr: StoreAttribute, value: FilterValue) => compareNode(attr, "sw", value);
const ew = (attr: StoreAttribute, value: FilterValue) => compareNode(attr, "ew", value);
const gt = (attr: StoreAttribute, value: FilterValue) => compareNode(attr, "gt", value);
const ge = (attr: StoreAttribute, value: FilterValue) => compareNode(attr, "ge", value);
const lt = (attr: StoreAttribute, value: FilterValue) => compareNode(attr, "lt", value);
const le = (attr: StoreAttribute, value: FilterValue) => compareNode(attr, "le", value);

type Case = readonly [name: string, filter: (d: Directory) => StoreFilter, want: readonly string[]];
const id = (d: Directory, label: string) => d.ids.get(label) ?? "";
const all = ["babs", "john", "omega", "zed", "elodie"];

const userCases: readonly Case[] = [
  // string, caseExact=false, indexed (RFC 7643 §4.1.1 userName)
  ["userName eq folds case", () => eq(a.userName, "BJENSEN"), ["babs"]],
  ["userName ne is not eq", () => ne(a.userName, "bjensen"), ["john", "omega", "zed", "elodie"]],
  // A unique eq that names no entry: SQL stores test it with `e.pk = (…)` at the top only, because that is
  // NULL, not false, for a missing entry (sql-filter-compiler.ts).
  ["userName eq nobody finds nothing", () => eq(a.userName, "nobody"), []],
  ["not (userName eq nobody) is everyone", () => not(eq(a.userName, "nobody")), all],
  ["userName ne nobody is everyone", () => ne(a.userName, "nobody"), all],
  [
    "userName eq nobody or eq bjensen",
    () => or(eq(a.userName, "nobody"), eq(a.userName, "bjensen")),
    ["babs"],
  ],
  ["userName co", () => co(a.userName, "MIT"), ["john"]],
  ["userName sw", () => sw(a.userName, "J"), ["john"]],
  ["userName ew", () => ew(a.userName, "GA"), ["omega"]],
  ["userName gt orders by code point", () => gt(a.userName, "jsmith"), ["omega", "zed", "elodie"]],
  ["userName ge", () => ge(a.userName, "JSMITH"), ["john", "omega", "zed", "elodie"]],
  ["userName lt", () => lt(a.userName, "c"), ["babs"]],
  ["userName le", () => le(a.userName, "bjensen"), ["babs"]],
  ["userName sw folds non-ASCII case", () => sw(a.userName, "Ω"), ["omega"]],
  ["userName eq folds Greek", () => eq(a.userName, "ΩMEGA"), ["omega"]],
  ["userName sw empty matches every value", () => sw(a.userName, ""), all],
  ["displayName eq (indexed, caseExact=false)", () => eq(a.displayName, "babs jensen"), ["babs"]],
  ["displayName pr", () => pr(a.displayName), ["babs", "john", "omega", "elodie"]],
  // string, caseExact=false, not indexed
  ["title eq", () => eq(a.title, "tour guide"), ["babs", "elodie"]],
  ["title co", () => co(a.title, "GUIDE"), ["babs", "elodie"]],
  ["title ne matches the absent", () => ne(a.title, "tour guide"), ["john", "omega", "zed"]],
  ["title sw", () => sw(a.title, "eng"), ["omega"]],
  [
    "title ew empty matches every value, even empty",
    () => ew(a.title, ""),
    ["babs", "john", "omega", "elodie"],
  ],
  ["title gt", () => gt(a.title, "f"), ["babs", "elodie"]],
  ["title pr: an empty string is not present", () => pr(a.title), ["babs", "omega", "elodie"]],
  ["title eq null is not present (RFC 7643 §2.5)", () => eq(a.title, null), ["john", "zed"]],
  ["title ne null is present", () => ne(a.title, null), ["babs", "omega", "elodie"]],
  ["title eq empty string", () => eq(a.title, ""), ["john"]],
  // string, caseExact=true
  ["externalId eq is case-exact (indexed)", () => eq(a.externalId, "ext-a"), ["john"]],
  ["externalId eq other case finds nothing", () => eq(a.externalId, "EXT-A"), []],
  ["externalId sw", () => sw(a.externalId, "ext-"), ["babs", "john"]],
  ["externalId gt compares case-exactly", () => gt(a.externalId, "ext-B"), ["john"]],
  ["nickName eq is case-exact (not indexed)", () => eq(a.nickName, "babs"), ["john"]],
  ["nickName eq other case", () => eq(a.nickName, "Babs"), ["babs"]],
  ["nickName lt compares case-exactly", () => lt(a.nickName, "a"), ["babs"]],
  ["nickName co", () => co(a.nickName, "lo"), ["elodie"]],
  ["URN-named extension attribute eq", () => eq(a.employeeNumber, "E-100"), ["babs"]],
  ["URN-named extension attribute sw", () => sw(a.employeeNumber, "E-"), ["babs", "john"]],
  ["URN-named extension attribute pr", () => pr(a.employeeNumber), ["babs", "john", "elodie"]],
  // single-valued complex
  ["name.givenName sw", () => sw(a.givenName, "bar"), ["babs"]],
  ["name pr", () => pr(a.name), ["babs", "john"]],
  ["name.givenName eq null", () => eq(a.givenName, null), ["omega", "zed", "elodie"]],
  ["name[givenName eq] on a single-valued complex", () => vp(a.name, eq(a.givenName, "John")), ["john"]],
  // integer and decimal: numeric order, not text order
  ["loginCount gt (indexed integer)", () => gt(a.loginCount, 9), ["babs", "omega"]],
  ["loginCount le", () => le(a.loginCount, 10), ["babs", "john"]],
  ["loginCount eq with a decimal literal", () => eq(a.loginCount, 10.0), ["babs"]],
  ["loginCount ne", () => ne(a.loginCount, 10), ["john", "omega", "zed", "elodie"]],
  ["age gt (integer, not indexed)", () => gt(a.age, 10), ["babs", "omega", "elodie"]],
  ["age eq", () => eq(a.age, 42), ["babs", "elodie"]],
  ["age lt a fraction", () => lt(a.age, 9.5), ["john"]],
  ["score gt (decimal)", () => gt(a.score, 3.4), ["babs", "john"]],
  ["score lt zero", () => lt(a.score, 0), ["omega"]],
  ["score ge a negative", () => ge(a.score, -1.25), ["babs", "john", "omega"]],
  // boolean
  ["active eq true", () => eq(a.active, true), ["babs", "omega"]],
  ["active eq false", () => eq(a.active, false), ["john", "elodie"]],
  ["active ne true", () => ne(a.active, true), ["john", "zed", "elodie"]],
  ["active pr: false is a value", () => pr(a.active), ["babs", "john", "omega", "elodie"]],
  // dateTime: instants, whatever the offset (RFC 7643 §2.3.5)
  ["birthday eq one instant in two zones", () => eq(a.birthday, "1980-01-02T08:00:00Z"), ["babs", "john"]],
  ["birthday eq in a third zone", () => eq(a.birthday, "1980-01-02T09:00:00+01:00"), ["babs", "john"]],
  ["birthday gt", () => gt(a.birthday, "1980-01-02T07:59:59.999Z"), ["babs", "john"]],
  ["birthday lt", () => lt(a.birthday, "1980-01-02T08:00:00Z"), []],
  ["hired gt (indexed dateTime)", () => gt(a.hired, "2020-01-01T00:00:00Z"), ["babs", "john", "omega"]],
  ["hired lt across midnight in another zone", () => lt(a.hired, "2020-01-01T01:00:00+00:00"), ["omega"]],
  ["hired eq with fractions in another zone", () => eq(a.hired, "2021-01-01T01:00:00.500+01:00"), ["john"]],
  ["hired ge", () => ge(a.hired, "2020-05-01T02:00:00+02:00"), ["babs", "john"]],
  // multi-valued complex: any value matches (RFC 7644 §3.4.2.2)
  ["emails.value eq a secondary email", () => eq(a.emailValue, "babs@jensen.org"), ["babs"]],
  ["emails.value co", () => co(a.emailValue, "EXAMPLE.COM"), ["babs", "john", "elodie"]],
  ["emails.value sw", () => sw(a.emailValue, "jsmith@"), ["john"]],
  ["emails.value ew", () => ew(a.emailValue, ".org"), ["babs", "omega"]],
  ["emails.value ne: no value equals", () => ne(a.emailValue, "o@x.org"), ["babs", "john", "zed", "elodie"]],
  ["emails.value gt", () => gt(a.emailValue, "o"), ["omega"]],
  ["emails.type eq (not indexed)", () => eq(a.emailType, "work"), ["babs", "omega"]],
  ["emails.type eq null", () => eq(a.emailType, null), ["zed", "elodie"]],
  ["emails pr", () => pr(a.emails), ["babs", "john", "omega", "elodie"]],
  ["emails.primary eq true", () => eq(a.emailPrimary, true), ["babs", "omega"]],
  ["tags eq (multi-valued simple)", () => eq(a.tags, "b"), ["babs", "john"]],
  ["tags pr: an empty list is absent", () => pr(a.tags), ["babs", "john"]],
  ["tags[value] on a simple multi-valued attribute", () => vp(a.tags, eq(a.tags, "a")), ["babs"]],
  // value paths: one element satisfies the whole inner filter
  [
    "emails[type and value] on the same element",
    () => vp(a.emails, and(eq(a.emailType, "work"), co(a.emailValue, "example"))),
    ["babs"],
  ],
  [
    "emails[type and value] never mixes elements",
    () => vp(a.emails, and(eq(a.emailType, "work"), ew(a.emailValue, ".org"))),
    ["omega"],
  ],
  [
    "emails[home and .org]",
    () => vp(a.emails, and(eq(a.emailType, "home"), ew(a.emailValue, ".org"))),
    ["babs"],
  ],
  [
    "emails[not (type eq work)]",
    () => vp(a.emails, not(eq(a.emailType, "work"))),
    ["babs", "john", "elodie"],
  ],
  [
    "emails[primary and sw]",
    () => vp(a.emails, and(eq(a.emailPrimary, true), sw(a.emailValue, "p"))),
    ["omega"],
  ],
  [
    "emails[value or value]",
    () => vp(a.emails, or(eq(a.emailValue, "o@x.org"), eq(a.emailValue, "e@example.com"))),
    ["omega", "elodie"],
  ],
  ["emails[type pr]", () => vp(a.emails, pr(a.emailType)), ["babs", "john", "omega"]],
  ["not emails[type eq work]", () => not(vp(a.emails, eq(a.emailType, "work"))), ["john", "zed", "elodie"]],
  // logic
  ["or", () => or(eq(a.userName, "bjensen"), eq(a.userName, "zed")), ["babs", "zed"]],
  ["and", () => and(eq(a.active, true), pr(a.title)), ["babs", "omega"]],
  ["not of or", () => not(or(eq(a.active, true), gt(a.age, 50))), ["john", "zed", "elodie"]],
  [
    "grouping with and, or, not",
    () => and(or(sw(a.userName, "j"), co(a.displayName, "jensen")), not(ew(a.emailValue, ".org"))),
    ["john"],
  ],
  // engine attributes
  ["id eq", (d) => eq(a.id, id(d, "babs")), ["babs"]],
  ["id is case-exact", (d) => eq(a.id, id(d, "babs").toUpperCase()), []],
  ["meta.created ge", () => ge(a.created, "1970-01-01T00:00:00Z"), all],
  ["meta.lastModified lt", () => lt(a.lastModified, "1970-01-01T00:00:00Z"), []],
  [
    "groups.value includes nested groups",
    (d) => eq(a.groupValue, id(d, "admins")),
    ["babs", "john", "omega"],
  ],
  ["groups.value direct", (d) => eq(a.groupValue, id(d, "staff")), ["john", "omega"]],
  ["groups.value through a cycle", (d) => eq(a.groupValue, id(d, "loop")), ["zed"]],
  ["groups[type eq indirect]", () => vp(a.groups, eq(a.groupType, "indirect")), ["john", "omega", "zed"]],
  ["groups.display", () => eq(a.groupDisplay, "loop two"), ["zed"]],
  ["groups pr", () => pr(a.groups), ["babs", "john", "omega", "zed"]],
  [
    "groups[display and type]",
    () => vp(a.groups, and(sw(a.groupDisplay, "Ad"), eq(a.groupType, "direct"))),
    ["babs"],
  ],
];

const groupCases: readonly Case[] = [
  ["members.value eq", (d) => eq(a.memberValue, id(d, "john")), ["staff"]],
  ["members[type eq Group]", () => vp(a.members, eq(a.memberType, "Group")), ["admins", "loop", "loop2"]],
  ["members.type folds case", () => eq(a.memberType, "user"), ["staff", "admins", "loop2"]],
  ["members.display co", () => co(a.memberDisplay, "jensen"), ["admins"]],
  ["members pr", () => pr(a.members), ["staff", "admins", "loop", "loop2"]],
  ["members eq null", () => eq(a.members, null), ["empty"]],
  [
    "members[value and type]",
    (d) => vp(a.members, and(eq(a.memberValue, id(d, "babs")), eq(a.memberType, "User"))),
    ["admins"],
  ],
  [
    "members.value or members.value",
    (d) => or(eq(a.memberValue, id(d, "babs")), eq(a.memberValue, id(d, "zed"))),
    ["admins", "loop2"],
  ],
  ["groups.value of a group", (d) => eq(a.groupValue, id(d, "loop")), ["loop", "loop2"]],
  ["groups.value of a nested group", (d) => eq(a.groupValue, id(d, "admins")), ["staff"]],
  ["displayName sw", () => sw(a.displayName, "loop"), ["loop", "loop2"]],
];

const invalid: readonly (readonly [string, StoreFilter])[] = [
  ["co on an integer", co(a.age, "4")],
  ["gt on a boolean (RFC 7644 §3.4.2.2)", gt(a.active, true)],
  ["a number for a string", eq(a.userName, 5)],
  ["a string that is not a dateTime", eq(a.birthday, "yesterday")],
  ["null with gt", gt(a.title, null)],
  ["an engine attribute that does not exist", eq({ ...a.id, name: "meta.version" }, "1")],
  ["a value filter inside a value filter", vp(a.emails, vp(a.emails, eq(a.emailType, "work")))],
  ["a value filter naming another attribute", vp(a.emails, eq(a.userName, "x"))],
  ["an invalid branch that evaluation would never reach", and(eq(a.userName, "nobody"), co(a.age, "4"))],
];

async function labelsOf(store: Datastore, d: Directory, scope: typeof users, filter: StoreFilter) {
  const result = await store.query(scope, {
    filter,
    sort: undefined,
    page: { kind: "index", startIndex: 1, count: 100 },
    members: false,
  });
  assert.equal(result.total, result.entries.length, "total counts the filtered set");
  return result.entries.map((e) => d.labels.get(e.id) ?? e.id).sort();
}

export function filterContract(h: ContractHarness): void {
  describe("filters", () => {
    let store: Datastore;
    let directory: Directory;
    before(async () => {
      store = await h.options.create();
      directory = await seedDirectory(store);
    });

    for (const [name, filter, want] of userCases) {
      h.shared(`Users: ${name}`, async () => {
        assert.deepEqual(await labelsOf(store, directory, users, filter(directory)), [...want].sort());
      });
    }
    for (const [name, filter, want] of groupCases) {
      h.shared(`Groups: ${name}`, async () => {
        assert.deepEqual(await labelsOf(store, directory, groups, filter(directory)), [...want].sort());
      });
    }
    for (const [name, filter] of invalid) {
      h.shared(`rejects ${name} with 400 invalidFilter`, async () => {
        await assert.rejects(labelsOf(store, directory, users, filter), {
          status: 400,
          scimType: "invalidFilter",
        });
      });
    }

    h.test("rejects an invalid filter on an empty store too", async (empty) => {
      await assert.rejects(empty.query(users, { ...emptyQuery, filter: co(a.age, "4") }), {
        status: 400,
        scimType: "invalidFilter",
      });
    });

    after(() => store.close());
  });
}

const emptyQuery = {
  filter: undefined,
  sort: undefined,
  page: { kind: "index", startIndex: 1, count: 10 },
  members: false,
} as const;
