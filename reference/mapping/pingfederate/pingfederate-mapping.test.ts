// The dual mapping at run time (pingfederate-mapping.ts, path-values.ts): each source type on each side,
// PingFederate's flattened paths written and un-flattened, paths of one typed element merged, extension
// attributes under their URN, and expression failures as SCIM errors (write) or logged omissions (read).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScimError } from "../../protocol/errors/scim-error.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import {
  compileOrThrow,
  context,
  entryOf,
  expr,
  ldap,
  RecordingLog,
  scim,
  usersOnly,
} from "./mapping-test-support.js";

const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const text = (value: string) => ({ source: { type: "TEXT" }, value });
const ctx = (value: string) => ({ source: { type: "CONTEXT" }, value });
const none = { source: { type: "NO_MAPPING" } };

describe("PingFederateMapping.write", () => {
  const cases: [string, { write: Record<string, unknown>; resource: JsonObject; want: JsonObject }][] = [
    [
      "SCIM_USER copies a simple attribute",
      { write: { t: scim("title") }, resource: { title: "Boss" }, want: { t: "Boss" } },
    ],
    [
      "SCIM_USER copies a sub-attribute",
      {
        write: { givenName: scim("name.givenName") },
        resource: { name: { givenName: "Barbara" } },
        want: { givenName: "Barbara" },
      },
    ],
    [
      "SCIM_USER copies a whole multi-valued attribute",
      {
        write: { e: scim("emails") },
        resource: { emails: [{ value: "a", type: "work" }] },
        want: { e: [{ value: "a", type: "work" }] },
      },
    ],
    [
      "a flattened path takes the element of its type (case-insensitively)",
      {
        write: { mail: scim("emails.work.value") },
        resource: {
          emails: [
            { value: "h", type: "home" },
            { value: "w", type: "Work" },
          ],
        },
        want: { mail: "w" },
      },
    ],
    [
      "a flattened path takes every element of its type",
      {
        write: { mail: scim("emails.work.value") },
        resource: {
          emails: [
            { value: "w1", type: "work" },
            { value: "w2", type: "work" },
          ],
        },
        want: { mail: ["w1", "w2"] },
      },
    ],
    [
      "a path across elements takes each element's value",
      {
        write: { all: scim("emails.value") },
        resource: { emails: [{ value: "a" }, { value: "b", type: "home" }] },
        want: { all: ["a", "b"] },
      },
    ],
    [
      "paths of one typed element keep their values in step",
      {
        write: { tel: scim("phoneNumbers.work.value"), telPrimary: scim("phoneNumbers.work.primary") },
        resource: {
          phoneNumbers: [
            { value: "1", type: "work" },
            { value: "2", type: "work", primary: true },
          ],
        },
        want: { tel: ["1", "2"], telPrimary: [null, true] },
      },
    ],
    [
      "an extension attribute is read under its URN",
      {
        write: { no: scim(`${enterprise}:employeeNumber`), mgr: scim(`${enterprise}:manager.value`) },
        resource: { [enterprise]: { employeeNumber: "7", manager: { value: "m1" } } },
        want: { no: "7", mgr: "m1" },
      },
    ],
    [
      "TEXT writes the literal",
      { write: { objectClass: text("inetOrgPerson") }, resource: {}, want: { objectClass: "inetOrgPerson" } },
    ],
    [
      "CONTEXT writes a request fact",
      {
        write: { by: ctx("connectionId"), from: ctx("clientAddress"), req: ctx("requestId") },
        resource: {},
        want: { by: "c1", from: "192.0.2.7", req: "req-1" },
      },
    ],
    [
      "EXPRESSION writes the JSONata result over the resource",
      {
        write: { cn: expr('name.givenName & " " & name.familyName') },
        resource: { name: { givenName: "Ada", familyName: "Lovelace" } },
        want: { cn: "Ada Lovelace" },
      },
    ],
    [
      "EXPRESSION sees $context",
      {
        write: { tag: expr("$context.connectionId & '/' & userName") },
        resource: { userName: "u" },
        want: { tag: "c1/u" },
      },
    ],
    ["NO_MAPPING writes nothing", { write: { title: none }, resource: { title: "x" }, want: {} }],
    [
      "absent, null and empty values write nothing",
      {
        write: { t: scim("title"), e: scim("emails"), m: scim("emails.work.value"), x: expr("nothing") },
        resource: { title: null, emails: [] },
        want: {},
      },
    ],
  ];
  for (const [name, c] of cases) {
    it(name, async () => {
      const { users } = compileOrThrow(
        usersOnly({ uid: scim("userName"), ...c.write }, readingBack(c.write)),
      );
      const { uid, ...rest } = await users.write({ userName: "u", ...c.resource }, context);
      assert.equal(uid, "u");
      assert.deepEqual(rest, c.want);
    });
  }

  it("rejects a resource its write expression fails on with 400 invalidValue naming the attribute", async () => {
    const log = new RecordingLog();
    const { users } = compileOrThrow(
      usersOnly({ uid: scim("userName"), n: expr("$number(title) + 1") }, { userName: ldap("uid") }),
      { log },
    );
    await assert.rejects(users.write({ userName: "u", title: "not a number" }, context), (error) => {
      assert.ok(error instanceof ScimError);
      assert.equal(error.status, 400);
      assert.equal(error.scimType, "invalidValue");
      assert.match(error.detail, /datastore attribute "n"/);
      return true;
    });
    assert.equal(log.lines[0]?.obj.storeAttribute, "n");
    assert.ok(!JSON.stringify(log.lines).includes("not a number"), "values are not logged");
  });

  it("rejects a write expression that runs out of time with 400, not a crash", async () => {
    const { users } = compileOrThrow(
      usersOnly(
        { uid: scim("userName"), loop: expr("($f := function($n){ $f($n + 1) }; $f(0))") },
        { userName: ldap("uid") },
      ),
    );
    await assert.rejects(users.write({ userName: "u" }, context), /D1012/);
  });
});

/**
 * A read side for a write mapping under test: PingFederate's core contract holds every SCIM path the write
 * mapping reads, and each must be fulfilled; NO_MAPPING fulfils it knowingly with nothing.
 */
function readingBack(write: Record<string, unknown>): Record<string, unknown> {
  const read: Record<string, unknown> = { userName: ldap("uid") };
  for (const value of Object.values(write)) {
    const v = value as { source: { type: string }; value?: string };
    if (v.source.type === "SCIM_USER" && v.value !== undefined && v.value !== "userName")
      read[v.value] = none;
  }
  return read;
}

describe("PingFederateMapping.read", () => {
  const cases: [
    string,
    { read: Record<string, unknown>; extended: string[]; entry: JsonObject; want: JsonObject },
  ][] = [
    [
      "a store attribute fills a simple attribute",
      { read: { title: ldap("t") }, extended: ["title"], entry: { t: "Boss" }, want: { title: "Boss" } },
    ],
    [
      "store attributes fill sub-attributes of one complex value",
      {
        read: { "name.givenName": ldap("g"), "name.familyName": ldap("f") },
        extended: ["name.givenName", "name.familyName"],
        entry: { g: "Ada", f: "Lovelace" },
        want: { name: { givenName: "Ada", familyName: "Lovelace" } },
      },
    ],
    [
      "a flattened path is un-flattened into a typed element",
      {
        read: { "emails.work.value": ldap("mail") },
        extended: ["emails.work.value"],
        entry: { mail: "a@x" },
        want: { emails: [{ value: "a@x", type: "work" }] },
      },
    ],
    [
      "several values of a flattened path give several elements",
      {
        read: { "emails.work.value": ldap("mail") },
        extended: ["emails.work.value"],
        entry: { mail: ["a", "b"] },
        want: {
          emails: [
            { value: "a", type: "work" },
            { value: "b", type: "work" },
          ],
        },
      },
    ],
    [
      "flattened paths of one type merge into one element",
      {
        read: {
          "emails.work.value": ldap("mail"),
          "emails.work.primary": ldap("p"),
          "emails.work.display": ldap("d"),
        },
        extended: ["emails.work.value", "emails.work.primary", "emails.work.display"],
        entry: { mail: "a", p: true, d: "Ada" },
        want: { emails: [{ value: "a", primary: true, display: "Ada", type: "work" }] },
      },
    ],
    [
      "merged paths pair up element by element, placeholders skipped",
      {
        read: { "phoneNumbers.work.value": ldap("tel"), "phoneNumbers.work.primary": ldap("tp") },
        extended: ["phoneNumbers.work.value", "phoneNumbers.work.primary"],
        entry: { tel: ["1", "2"], tp: [null, true] },
        want: {
          phoneNumbers: [
            { value: "1", type: "work" },
            { value: "2", primary: true, type: "work" },
          ],
        },
      },
    ],
    [
      "typed groups of one attribute are all returned",
      {
        read: { "emails.work.value": ldap("w"), "emails.home.value": ldap("h") },
        extended: ["emails.work.value", "emails.home.value"],
        entry: { w: "a", h: "b" },
        want: {
          emails: [
            { value: "a", type: "work" },
            { value: "b", type: "home" },
          ],
        },
      },
    ],
    [
      "a path across elements gives untyped elements",
      {
        read: { "ims.value": ldap("im") },
        extended: ["ims.value"],
        entry: { im: ["x", "y"] },
        want: { ims: [{ value: "x" }, { value: "y" }] },
      },
    ],
    [
      "a single value of a multi-valued attribute becomes a list",
      {
        read: { emails: ldap("e") },
        extended: ["emails"],
        entry: { e: { value: "a" } },
        want: { emails: [{ value: "a" }] },
      },
    ],
    [
      "extension attributes go under their URN",
      {
        read: { [`${enterprise}:employeeNumber`]: ldap("no"), [`${enterprise}:manager.value`]: ldap("mgr") },
        extended: [`${enterprise}:employeeNumber`, `${enterprise}:manager.value`],
        entry: { no: "7", mgr: "m1" },
        want: { [enterprise]: { employeeNumber: "7", manager: { value: "m1" } } },
      },
    ],
    [
      "TEXT fills a literal of the attribute's type",
      {
        read: { active: text("true"), nickName: text("Babs") },
        extended: ["active", "nickName"],
        entry: {},
        want: { active: true, nickName: "Babs" },
      },
    ],
    [
      "CONTEXT fills a request fact",
      {
        read: { nickName: ctx("connectionId") },
        extended: ["nickName"],
        entry: {},
        want: { nickName: "c1" },
      },
    ],
    [
      "EXPRESSION runs over the entry attributes",
      {
        read: { displayName: expr('givenName & " " & sn') },
        extended: ["displayName"],
        entry: { givenName: "Ada", sn: "L" },
        want: { displayName: "Ada L" },
      },
    ],
    [
      "EXPRESSION can split one attribute into typed elements",
      {
        read: {
          "emails.work.value": expr('mail[$substringBefore($, " ") = "work"].$substringAfter($, " ")'),
        },
        extended: ["emails.work.value"],
        entry: { mail: ["work a b", "home c"] },
        want: { emails: [{ value: "a b", type: "work" }] },
      },
    ],
    [
      "NO_MAPPING returns nothing",
      { read: { title: none }, extended: ["title"], entry: { title: "x" }, want: {} },
    ],
    [
      "absent store attributes return nothing",
      { read: { title: ldap("t"), emails: ldap("e") }, extended: ["title", "emails"], entry: {}, want: {} },
    ],
    [
      "an attribute named like an Object method is not read from the prototype",
      {
        read: { title: ldap("constructor1"), nickName: ldap("toString") },
        extended: ["title", "nickName"],
        entry: {},
        want: {},
      },
    ],
  ];
  for (const [name, c] of cases) {
    it(name, async () => {
      const { users } = compileOrThrow(
        usersOnly({ uid: scim("userName") }, { userName: ldap("uid"), ...c.read }, c.extended),
      );
      const got = await users.read(entryOf({ uid: "u", ...c.entry }), context);
      assert.deepEqual(got, { userName: "u", ...c.want });
    });
  }

  it("leaves out an attribute whose read expression fails and logs the path and code, not values", async () => {
    const log = new RecordingLog();
    const { users } = compileOrThrow(
      usersOnly({ uid: scim("userName") }, { userName: ldap("uid"), nickName: expr("$number(secret) + 1") }, [
        "nickName",
      ]),
      { log },
    );
    const got = await users.read(entryOf({ uid: "u", secret: "hunter2" }), context);
    assert.deepEqual(got, { userName: "u" });
    const line = log.lines.find((l) => l.level === "warn");
    assert.equal(line?.obj.path, "nickName");
    assert.equal(typeof line?.obj.code, "string");
    assert.ok(!JSON.stringify(log.lines).includes("hunter2"));
  });

  it("returns copies: changing a read result never changes the entry", async () => {
    const { users } = compileOrThrow(
      usersOnly({ uid: scim("userName") }, { userName: ldap("uid"), emails: ldap("e") }, ["emails"]),
    );
    const entry = entryOf({ uid: "u", e: [{ value: "a" }] });
    const got = await users.read(entry, context);
    (got.emails as JsonObject[])[0] = { value: "changed" };
    assert.deepEqual(entry.attributes.e, [{ value: "a" }]);
  });

  it("lists masked contract attributes for the log layer", () => {
    const config = usersOnly({ uid: scim("userName") }, { userName: ldap("uid"), nickName: ldap("n") });
    (
      config as { users: { readUsers: { attributeContract: JsonObject } } }
    ).users.readUsers.attributeContract.extendedAttributes = [{ name: "nickName", masked: true }];
    assert.deepEqual(compileOrThrow(config).users.maskedPaths, ["nickName"]);
  });
});

describe("PingFederateMapping round trip", () => {
  it("writes and reads back a typed element with several sub-attributes", async () => {
    const write = {
      uid: scim("userName"),
      tel: scim("phoneNumbers.work.value"),
      tp: scim("phoneNumbers.work.primary"),
      td: scim("phoneNumbers.work.display"),
    };
    const read = {
      userName: ldap("uid"),
      "phoneNumbers.work.value": ldap("tel"),
      "phoneNumbers.work.primary": ldap("tp"),
      "phoneNumbers.work.display": ldap("td"),
    };
    const { users } = compileOrThrow(usersOnly(write, read));
    const sent: JsonObject = {
      userName: "u",
      phoneNumbers: [
        { value: "1", type: "work", display: "desk" },
        { value: "2", type: "work", primary: true },
      ],
    };
    const got = await users.read(entryOf(await users.write(sent, context)), context);
    assert.deepEqual(got, sent);
  });
});
