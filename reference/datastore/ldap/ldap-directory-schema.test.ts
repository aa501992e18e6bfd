import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DirectorySchema } from "./ldap-directory-schema.js";
import { fixtureSchema } from "./ldap-schema-fixture.js";

describe("DirectorySchema (RFC 4512 §4.1 descriptions)", () => {
  it("resolves any NAME or OID, in any case, to the type's primary name", () => {
    const schema = fixtureSchema();
    for (const name of ["cn", "commonName", "CN", "2.5.4.3"])
      assert.equal(schema.attribute(name)?.name, "cn");
    assert.equal(schema.attribute("userName"), undefined);
  });

  it("inherits syntax and matching rules through SUP (RFC 4512 §2.5.1)", () => {
    const cn = fixtureSchema().attribute("cn");
    assert.equal(cn?.syntax, "1.3.6.1.4.1.1466.115.121.1.15");
    assert.equal(cn?.equality, "caseIgnoreMatch");
    assert.equal(cn?.substr, "caseIgnoreSubstringsMatch");
  });

  it("knows single-valued, operational and length-bounded types", () => {
    const schema = fixtureSchema();
    assert.equal(schema.attribute("displayName")?.singleValue, true);
    assert.equal(schema.attribute("mail")?.syntax, "1.3.6.1.4.1.1466.115.121.1.26");
    assert.equal(schema.attribute("entryUUID")?.operational, true);
    assert.equal(schema.attribute("createTimestamp")?.operational, true);
    assert.equal(schema.attribute("title")?.operational, false);
  });

  it("collects MUST and MAY through superclasses", () => {
    const { must, may } = fixtureSchema().attributesOf(["inetOrgPerson", "scimEntry"]);
    for (const a of ["sn", "cn", "objectclass", "scimversion"]) assert.ok(must.has(a), a);
    for (const a of ["mail", "uid", "telephonenumber", "scimemails", "title"]) assert.ok(may.has(a), a);
    assert.ok(!may.has("c"), "countryName is not an inetOrgPerson attribute");
    assert.ok(!may.has("sn"), "an attribute that is MUST is not listed as MAY");
  });

  it("reads quoted strings with escapes and keywords in any order", () => {
    const schema = new DirectorySchema(
      [
        "( 1.2.3 NAME ( 'a' 'b' ) DESC 'it\\27s \\5C here' SINGLE-VALUE EQUALITY caseExactMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{64} USAGE userApplications )",
      ],
      ["( 1.2.4 NAME 'c' SUP top AUXILIARY MAY ( a $ B ) )"],
    );
    assert.equal(schema.attribute("B")?.name, "a");
    assert.equal(schema.attribute("a")?.syntax, "1.3.6.1.4.1.1466.115.121.1.15");
    assert.equal(schema.attribute("a")?.singleValue, true);
    assert.equal(schema.objectClass("C")?.kind, "AUXILIARY");
    assert.deepEqual([...schema.attributesOf(["c"]).may].sort(), ["a"]);
  });
});
