import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { checkProperty } from "../../protocol/testing/check-property.js";
import type { EntryAttributes, EntryValue } from "../datastore.js";
import { decodeEntry, type EncodedEntry, encodeEntry } from "./ldap-entry-codec.js";
import { fixtureSchema } from "./ldap-schema-fixture.js";

const schema = fixtureSchema();
const inetOrgPerson = ["top", "person", "organizationalPerson", "inetOrgPerson"];

function encode(attributes: EntryAttributes, naming?: readonly [string, string]): EncodedEntry {
  return encodeEntry(attributes, { schema, defaultClasses: ["scimUser"], naming });
}

/** What a search returns for the written entry: one value as a string, several as a list. */
function directoryView(encoded: EncodedEntry): Record<string, unknown> & { dn: string } {
  const raw: Record<string, unknown> & { dn: string } = { dn: "uid=x,ou=people,dc=example,dc=com" };
  const put = (type: string, values: readonly string[]) => {
    raw[type] = values.length === 1 ? values[0] : [...values];
  };
  put("objectClass", encoded.objectClasses);
  for (const { type, values } of encoded.attributes.values()) put(type, values);
  put("scimAttributes", [JSON.stringify(encoded.layout)]);
  put("scimVersion", ["1"]);
  put("entryUUID", ["6094ef84-816a-1041-8197-7968eafdab4f"]);
  return raw;
}

const roundTrip = (attributes: EntryAttributes, naming?: readonly [string, string]) => {
  const encoded = encode(attributes, naming);
  return decodeEntry(directoryView(encoded), encoded.layout, schema);
};

describe("encodeEntry: where each mapped attribute lives", () => {
  const table: readonly [string, { given: EntryAttributes; native: string[]; json: string[] }][] = [
    [
      "directory attributes of the entry's classes",
      {
        given: { objectClass: inetOrgPerson, uid: "b", cn: "B J", sn: "J", mail: ["b@x.org", "j@x.org"] },
        native: ["objectClass", "uid", "cn", "sn", "mail"],
        json: [],
      },
    ],
    [
      "names the directory does not know",
      { given: { userName: "b", "urn:x:y": 1 }, native: [], json: ["userName", "urn:x:y"] },
    ],
    [
      "a type the object classes do not allow (countryName in inetOrgPerson)",
      {
        given: { objectClass: inetOrgPerson, cn: "x", sn: "y", c: "US" },
        native: ["objectClass", "cn", "sn"],
        json: ["c"],
      },
    ],
    [
      "values the syntax refuses: a non-ASCII IA5String, a DN, an empty string",
      {
        given: { mail: "é@x.org", manager: "26118915-6090", title: "" },
        native: [],
        json: ["mail", "manager", "title"],
      },
    ],
    [
      "a list for a SINGLE-VALUE type",
      { given: { displayName: ["a", "b"] }, native: [], json: ["displayName"] },
    ],
    [
      "values that are one value to the directory",
      {
        given: { title: ["Guide", "guide"], description: ["a  b", "a b"] },
        native: [],
        json: ["title", "description"],
      },
    ],
    [
      "booleans only where the syntax is Boolean",
      { given: { scimActive: true, title: true }, native: ["scimActive"], json: ["title"] },
    ],
    [
      "JSON objects one per value in a Directory String",
      {
        given: { scimEmails: [{ value: "a@x", type: "work" }], scimAddresses: { locality: "X" } },
        native: ["scimEmails", "scimAddresses"],
        json: [],
      },
    ],
    [
      "a list that mixes objects and text",
      { given: { scimRoles: [{ value: "a" }, "b"] }, native: [], json: ["scimRoles"] },
    ],
    ["an empty list", { given: { description: [] }, native: [], json: ["description"] }],
    [
      "the engine's own attributes, even when mapped",
      {
        given: { scimVersion: "9", member: "cn=x", scimPasswordHash: "h" },
        native: [],
        json: ["scimVersion", "member", "scimPasswordHash"],
      },
    ],
    [
      "a second spelling of one type",
      { given: { cn: "a", commonName: "b" }, native: ["cn"], json: ["commonName"] },
    ],
  ];
  for (const [name, { given, native, json }] of table) {
    it(`keeps ${name} where they belong`, () => {
      const { layout } = encode(given);
      assert.deepEqual(Object.keys(layout.native).sort(), [...native].sort());
      assert.deepEqual(Object.keys(layout.json).sort(), [...json].sort());
      assert.deepEqual(roundTrip(given), given);
    });
  }

  it("fills the MUST attributes the mapping left empty with the RDN value, and hides them on read", () => {
    const given = { objectClass: inetOrgPerson, uid: "bjensen" };
    const encoded = encode(given, ["uid", "bjensen"]);
    assert.deepEqual(encoded.attributes.get("sn")?.values, ["bjensen"]);
    assert.deepEqual(encoded.attributes.get("cn")?.values, ["bjensen"]);
    assert.deepEqual([...encoded.layout.fill].sort(), ["cn", "sn"]);
    assert.deepEqual(roundTrip(given, ["uid", "bjensen"]), given);
  });

  it("writes the RDN value when no mapped attribute holds it, and moves mapped values that miss it", () => {
    const named = encode({ userName: "bjensen" }, ["uid", "bjensen"]);
    assert.deepEqual(named.rdn, ["uid", "bjensen"]);
    assert.deepEqual(named.attributes.get("uid")?.values, ["bjensen"]);
    assert.deepEqual(roundTrip({ userName: "bjensen" }, ["uid", "bjensen"]), { userName: "bjensen" });
    const other = encode({ uid: "old" }, ["uid", "new"]);
    assert.deepEqual(other.attributes.get("uid")?.values, ["new"]);
    assert.deepEqual(other.layout.json, { uid: "old" });
    assert.deepEqual(roundTrip({ uid: "old" }, ["uid", "new"]), { uid: "old" });
  });

  it("names no entry with a value its naming attribute cannot hold", () => {
    assert.equal(encode({ userName: "" }, ["uid", ""]).rdn, undefined);
    assert.equal(encode({ mail: "x" }, ["mail", "é"]).rdn, undefined);
  });

  it("reads attributes another directory client wrote as one value or a list", () => {
    const encoded = encode({ uid: "b" });
    const raw = {
      ...directoryView(encoded),
      title: "Guide",
      description: ["a", "b"],
      scimActive: "TRUE",
      entryCSN: "x",
    };
    assert.deepEqual(decodeEntry(raw, encoded.layout, schema), {
      uid: "b",
      title: "Guide",
      description: ["a", "b"],
      scimActive: true,
    });
  });
});

const name = fc.constantFrom(
  "uid",
  "cn",
  "sn",
  "title",
  "description",
  "displayName",
  "mail",
  "telephoneNumber",
  "scimActive",
  "scimEmails",
  "scimExternalId",
  "postalAddress",
  "manager",
  "userName",
  "Title",
  "commonName",
  "urn:x:User:a",
  "objectClass",
  "scimVersion",
  "member",
);
const scalar: fc.Arbitrary<EntryValue> = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.constantFrom("", " ", "a  b", "A", "a", "é@x.org", "a@x.org", "+1 555", "x$y", "a\\b", "TRUE", "42"),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
);
const element: fc.Arbitrary<EntryValue> = fc.oneof(
  { weight: 3, arbitrary: scalar },
  fc.dictionary(fc.constantFrom("value", "type", "primary"), scalar, { maxKeys: 3 }),
);
const value: fc.Arbitrary<EntryValue> = fc.oneof(element, fc.array(element, { maxLength: 4 }));
const attributes = fc
  .dictionary(name, value, { maxKeys: 8 })
  .map((a) => JSON.parse(JSON.stringify(a)) as EntryAttributes);

describe("the directory gives back exactly what was written", () => {
  it("decodes every encoded entry into the mapped attributes it came from", () => {
    checkProperty(
      fc.property(attributes, fc.option(fc.constantFrom("b", "x", ""), { nil: undefined }), (given, rdn) => {
        assert.deepEqual(roundTrip(given, rdn === undefined ? undefined : ["uid", rdn]), given);
      }),
      1000,
    );
  });

  it("never sends a value its attribute's syntax refuses, nor two the directory calls equal", () => {
    checkProperty(
      fc.property(attributes, (given) => {
        for (const [key, { values }] of encode(given).attributes) {
          const at = schema.attribute(key);
          assert.ok(at !== undefined && !at.operational, key);
          assert.ok(
            values.every((v) => v !== ""),
            `${key} holds an empty value`,
          );
          if (at.singleValue) assert.ok(values.length <= 1, `${key} is single-valued`);
        }
      }),
      1000,
    );
  });
});
