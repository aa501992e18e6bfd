// DN parsing and comparison for anchored certificate trust (PingFederate verificationSubjectDN /
// verificationIssuerDN): RFC 4514 strings and OpenSSL's slash form, compared as names (RFC 4514 §2,
// RFC 4518-style preparation), never as strings.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DnSyntaxError, dnKey, formatDn, parseDn, sameDn } from "./distinguished-name.js";

describe("sameDn", () => {
  const same: [string, string, string][] = [
    ["ignores case of types and values", "CN=Client,O=Example", "cn=client,o=EXAMPLE"],
    ["ignores spaces around separators", "CN=Client, O=Example Corp", "CN=Client,O=Example Corp"],
    ["collapses inner runs of spaces", "CN=scim  client,O=Example", "CN=scim client,O=Example"],
    ["reads the OpenSSL slash form in ASN.1 order", "/O=Example/CN=Client", "CN=Client,O=Example"],
    ["compares types by OID", "E=ops@example.com,CN=x", "emailAddress=ops@example.com,2.5.4.3=x"],
    ["accepts oid. prefixes", "OID.2.5.4.3=x", "CN=x"],
    ["unescapes RFC 4514 specials", "CN=Smith\\, John,O=Example", "cn=smith\\2C john,o=example"],
    ["decodes hex escapes as UTF-8", "CN=Ren\\C3\\A9", "CN=René"],
    ["treats the AVAs of a multi-valued RDN as a set", "CN=a+UID=b,O=x", "UID=b+CN=a,O=x"],
    ["normalises Unicode (NFKC)", "CN=ﬁle", "CN=file"],
    ["accepts RFC 2253's semicolon", "CN=a;O=b", "CN=a,O=b"],
  ];
  for (const [name, a, b] of same) it(name, () => assert.ok(sameDn(parseDn(a), parseDn(b)), `${a} vs ${b}`));

  const different: [string, string, string][] = [
    ["keeps RDN order", "CN=a,O=b", "O=b,CN=a"],
    ["keeps every RDN", "CN=a,OU=x,O=b", "CN=a,O=b"],
    ["keeps types apart", "CN=a", "OU=a"],
    ["keeps an escaped comma inside one value", "CN=a\\,O=b", "CN=a,O=b"],
    ["keeps multi-valued RDNs apart from separate RDNs", "CN=a+UID=b", "CN=a,UID=b"],
  ];
  for (const [name, a, b] of different) it(name, () => assert.equal(sameDn(parseDn(a), parseDn(b)), false));
});

describe("parseDn", () => {
  const bad: [string, string][] = [
    ["an empty string", ""],
    ["text without TYPE=value", "client certificate"],
    ["an unknown attribute type", "FOO=bar"],
    ["an empty RDN", "CN=a,,O=b"],
    ["a dangling escape", "CN=a\\"],
    ["bad hex", "CN=#zz"],
  ];
  for (const [name, text] of bad)
    it(`refuses ${name}`, () => assert.throws(() => parseDn(text), DnSyntaxError));

  it("formats back to RFC 4514 with the most specific RDN first, escaping specials", () => {
    assert.equal(formatDn(parseDn("/C=US/O=Example, Inc./CN=a+UID=b")), "CN=a+UID=b,O=Example\\, Inc.,C=US");
  });

  it("gives equal names equal keys", () => {
    assert.equal(dnKey(parseDn("CN=X, O=Y")), dnKey(parseDn("/o=y/cn=x")));
  });
});
