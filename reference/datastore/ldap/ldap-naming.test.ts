// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the ${attr} placeholders of unique ID filters under test are plain text
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { checkProperty } from "../../protocol/testing/check-property.js";
import {
  containerKey,
  dnKey,
  escapeDnValue,
  evaluateNameTemplate,
  parentDn,
  parseDn,
  parseNameTemplate,
  rdnText,
} from "./ldap-naming.js";
import { entryTemplate, repositoryPlacement } from "./ldap-repository.js";

describe("name templates (PingFederate unique ID filters)", () => {
  const table: readonly [
    string,
    { template: string; attributes: Record<string, unknown>; want: string | undefined },
  ][] = [
    ["a placeholder", { template: "uid=${userName}", attributes: { userName: "bjensen" }, want: "bjensen" }],
    [
      "a fallback for an absent attribute",
      { template: "uid=${userName:-anonymous}", attributes: {}, want: "anonymous" },
    ],
    [
      "a fallback for an empty attribute",
      { template: "cn=${displayName:-group}", attributes: { displayName: "" }, want: "group" },
    ],
    [
      "nothing when there is no value and no fallback",
      { template: "uid=${userName}", attributes: {}, want: undefined },
    ],
    [
      "text around placeholders",
      { template: "cn=${givenName}.${sn}", attributes: { givenName: "B", sn: "J" }, want: "B.J" },
    ],
    [
      "the first value of a list",
      { template: "cn=${mail}", attributes: { mail: ["a@x", "b@x"] }, want: "a@x" },
    ],
    ["numbers as text", { template: "uid=${n}", attributes: { n: 7 }, want: "7" }],
    ["no value from an object", { template: "uid=${name}", attributes: { name: { a: 1 } }, want: undefined }],
  ];
  for (const [name, { template, attributes, want }] of table) {
    it(`evaluates ${name}`, () => {
      assert.equal(evaluateNameTemplate(parseNameTemplate(template), attributes), want);
    });
  }

  it("refuses filters that are not attribute=value without parentheses", () => {
    for (const bad of ["(uid=${userName})", "=${x}", "uid", "1uid=${x}", "uid="]) {
      assert.throws(() => parseNameTemplate(bad), /PingFederate|names no value/, bad);
    }
  });

  it("rewrites SCIM paths to the datastore attributes the write mapping copies them to", () => {
    const write = {
      uid: { source: { type: "SCIM_USER" }, value: "userName" },
      mail: { source: { type: "EXPRESSION" }, value: "userName" },
      cn: { source: { type: "SCIM_GROUP" }, value: "displayName" },
    };
    assert.equal(entryTemplate("uid=${userName}", write, "SCIM_USER"), "uid=${uid}");
    assert.equal(entryTemplate("uid=${UserName:-x}", write, "SCIM_USER"), "uid=${uid:-x}");
    assert.equal(entryTemplate("cn=${displayName}", write, "SCIM_GROUP"), "cn=${cn}");
    assert.equal(entryTemplate("cn=${externalId}", write, "SCIM_GROUP"), "cn=${externalId}");
  });

  it("places a connection's users and groups in its own containers below the repository's baseDn", () => {
    const raw = {
      inboundProvisioning: {
        userRepository: {
          type: "LDAP",
          baseDn: "ou=people,dc=example,dc=com",
          uniqueUserIdFilter: "uid=${userName}",
        },
        users: {
          writeUsers: { attributeFulfillment: { uid: { source: { type: "SCIM_USER" }, value: "userName" } } },
        },
      },
    };
    const place = repositoryPlacement(raw);
    assert.deepEqual(place("demo", "User"), {
      container: "ou=demo,ou=people,dc=example,dc=com",
      nameTemplate: "uid=${uid}",
      objectClasses: ["scimUser"],
    });
    assert.equal(place("demo", "Group")?.container, "ou=groups,ou=demo,ou=people,dc=example,dc=com");
    assert.equal(place("demo", "Group")?.nameTemplate, "cn=${displayName}");
    assert.equal(
      repositoryPlacement({})("demo", "User"),
      undefined,
      "no baseDn: the store's default placement",
    );
  });
});

describe("distinguished names (RFC 4514)", () => {
  const table: readonly [string, { given: string; want: string }][] = [
    ["plain text", { given: "bjensen", want: "bjensen" }],
    ["separators and quotes", { given: 'a,b+c;d"e', want: "a\\2cb\\2bc\\3bd\\22e" }],
    ["angle brackets, backslash and equals", { given: "<a\\b=c>", want: "\\3ca\\5cb\\3dc\\3e" }],
    ["a leading #", { given: "#1", want: "\\231" }],
    ["leading and trailing spaces", { given: " a ", want: "\\20a\\20" }],
    ["a lone space", { given: " ", want: "\\20" }],
    ["NUL", { given: "a\u0000", want: "a\\00" }],
    ["UTF-8 as it is", { given: "Ωmega é", want: "Ωmega é" }],
  ];
  for (const [name, { given, want }] of table) {
    it(`escapes ${name} with hex pairs`, () => assert.equal(escapeDnValue(given), want));
  }

  it("parses back every value it escaped, in single and multi-valued RDNs", () => {
    checkProperty(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom("uid", "cn", "scimNameTag"),
            fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
          ),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        (pairs) => {
          const dn = `${rdnText(pairs)},ou=people,dc=example,dc=com`;
          const [first, ...rest] = parseDn(dn);
          assert.deepEqual(first, pairs);
          assert.equal(rest.length, 3);
          assert.ok(!/[^\\],/.test(rdnText(pairs)) || !rdnText(pairs).includes(","), "no unescaped comma");
        },
      ),
      500,
    );
  });

  it("compares DNs as the directory's naming attributes do: case, escapes and RDN order aside", () => {
    assert.equal(
      dnKey("UID=BJensen,OU=People,DC=example,DC=com"),
      dnKey("uid=bjensen,ou=people,dc=example,dc=com"),
    );
    assert.equal(dnKey("cn=a\\,b,dc=x"), dnKey("cn=a\\2cb,dc=x"));
    assert.equal(dnKey("cn=a+scimNameTag=1,dc=x"), dnKey("scimNameTag=1+cn=a,dc=x"));
    assert.notEqual(dnKey("cn=a,dc=x"), dnKey("cn=b,dc=x"));
    // Beyond ASCII the directory's fold decides, and it is not JavaScript's: two entries to slapd stay two.
    assert.notEqual(dnKey("cn=\u03a3\u0391\u03a3,dc=x"), dnKey("cn=\u03c3\u03b1\u03c2,dc=x"));
    assert.notEqual(dnKey("uid=\u0130lker,dc=x"), dnKey("uid=i\u0307lker,dc=x"));
    // A container's DN from the settings may be spelled in any case: folded fully.
    assert.equal(containerKey("ou=Zo\u00eb,DC=x"), containerKey("OU=ZO\u00cb,dc=x"));
    assert.notEqual(dnKey("ou=Zo\u00eb,DC=x"), dnKey("OU=ZO\u00cb,dc=x"));
    assert.equal(parentDn("uid=a\\2cb,ou=people,dc=x"), "ou=people,dc=x");
  });
});
