// Configuration validation (compile-resource-mapping.ts, fulfillment-source.ts, read-contract.ts,
// inbound-mappings.ts): every mistake is an issue that names the field and the fix.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { specRegistry } from "../../protocol/testing/spec-registry.js";
import type { ConfigIssue } from "./config-issue.js";
import { compileInboundMappings } from "./inbound-mappings.js";
import { RecordingLog } from "./mapping-test-support.js";

type Config = Record<string, unknown>;

function base(): Config {
  return {
    groupSupport: true,
    userRepository: { type: "LDAP" },
    users: {
      writeUsers: {
        attributeFulfillment: {
          uid: { source: { type: "SCIM_USER" }, value: "userName" },
          mail: { source: { type: "SCIM_USER" }, value: "emails.work.value" },
        },
      },
      readUsers: {
        attributeContract: { extendedAttributes: [] },
        attributeFulfillment: {
          userName: { source: { type: "LDAP_DATA_STORE" }, value: "uid" },
          "emails.work.value": { source: { type: "LDAP_DATA_STORE" }, value: "mail" },
        },
      },
    },
    groups: {
      writeGroups: { attributeFulfillment: { cn: { source: { type: "SCIM_GROUP" }, value: "displayName" } } },
      readGroups: {
        attributeFulfillment: { displayName: { source: { type: "LDAP_DATA_STORE" }, value: "cn" } },
      },
    },
  };
}

function issuesOf(config: unknown): readonly ConfigIssue[] {
  const result = compileInboundMappings({
    inboundProvisioning: config,
    registry: specRegistry(),
    connectionId: "c1",
    log: new RecordingLog(),
  });
  return result.ok ? [] : result.issues;
}

const W = "inboundProvisioning.users.writeUsers.attributeFulfillment";
const R = "inboundProvisioning.users.readUsers.attributeFulfillment";

function withWrite(key: string, value: unknown): Config {
  const c = base() as { users: { writeUsers: { attributeFulfillment: Config } } };
  c.users.writeUsers.attributeFulfillment[key] = value;
  return c;
}

function withRead(key: string, value: unknown, extended: string[] = []): Config {
  const c = base() as { users: { readUsers: { attributeFulfillment: Config; attributeContract: Config } } };
  c.users.readUsers.attributeFulfillment[key] = value;
  c.users.readUsers.attributeContract.extendedAttributes = extended.map((name) => ({ name }));
  return c;
}

describe("compileInboundMappings validation", () => {
  it("accepts the base configuration", () => {
    assert.deepEqual(issuesOf(base()), []);
  });

  const cases: [string, { config: () => unknown; path: string; message: RegExp; fix: RegExp }][] = [
    [
      "a missing inboundProvisioning",
      { config: () => undefined, path: "inboundProvisioning", message: /missing/, fix: /writeUsers/ },
    ],
    [
      "groups without groupSupport",
      {
        config: () => ({ ...base(), groupSupport: false }),
        path: "inboundProvisioning.groups",
        message: /groupSupport is not true/,
        fix: /Set groupSupport: true/,
      },
    ],
    [
      "groupSupport without groups",
      {
        config: () => ({ ...base(), groups: undefined }),
        path: "inboundProvisioning.groups",
        message: /groups is missing/,
        fix: /writeGroups/,
      },
    ],
    [
      "a non-boolean groupSupport",
      {
        config: () => ({ ...base(), groupSupport: "yes" }),
        path: "inboundProvisioning.groupSupport",
        message: /true or false/,
        fix: /User and Group Support/,
      },
    ],
    [
      "a missing attributeFulfillment",
      {
        config: () => ({
          ...base(),
          users: { writeUsers: {}, readUsers: (base().users as Config).readUsers },
        }),
        path: `${"inboundProvisioning.users.writeUsers"}.attributeFulfillment`,
        message: /missing/,
        fix: /source/,
      },
    ],
    [
      "a fulfillment that is not { source, value }",
      {
        config: () => withWrite("cn", "displayName"),
        path: `${W}.cn`,
        message: /must be \{ source/,
        fix: /TEXT/,
      },
    ],
    [
      "an unknown source type",
      {
        config: () => withWrite("cn", { source: { type: "ADAPTER" }, value: "x" }),
        path: `${W}.cn.source.type`,
        message: /ADAPTER is not available/,
        fix: /SCIM_USER, SCIM_GROUP, TEXT, EXPRESSION, CONTEXT, NO_MAPPING/,
      },
    ],
    [
      "a read source type on the write side",
      {
        config: () => withWrite("cn", { source: { type: "LDAP_DATA_STORE" }, value: "x" }),
        path: `${W}.cn.source.type`,
        message: /not available/,
        fix: /SCIM_USER/,
      },
    ],
    [
      "SCIM_GROUP in a users mapping",
      {
        config: () => withWrite("cn", { source: { type: "SCIM_GROUP" }, value: "displayName" }),
        path: `${W}.cn.source.type`,
        message: /as SCIM_USER, not SCIM_GROUP/,
        fix: /Use SCIM_USER/,
      },
    ],
    [
      "a SCIM path naming the engine's id",
      {
        config: () => withWrite("entryId", { source: { type: "SCIM_USER" }, value: "id" }),
        path: `${W}.entryId.value`,
        message: /managed by the engine/,
        fix: /fills id/,
      },
    ],
    [
      "the password",
      {
        config: () => withWrite("unicodePwd", { source: { type: "SCIM_USER" }, value: "password" }),
        path: `${W}.unicodePwd.value`,
        message: /managed by the engine/,
        fix: /hashes the password/,
      },
    ],
    [
      "a readOnly source path",
      {
        config: () =>
          withWrite("mgr", {
            source: { type: "SCIM_USER" },
            value: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName",
          }),
        path: `${W}.mgr.value`,
        message: /readOnly/,
        fix: /writable/,
      },
    ],
    [
      "an unknown SCIM path",
      {
        config: () => withWrite("x", { source: { type: "SCIM_USER" }, value: "nickname.x" }),
        path: `${W}.x.value`,
        message: /not complex/,
        fix: /nickName/,
      },
    ],
    [
      "a missing value",
      {
        config: () => withWrite("x", { source: { type: "SCIM_USER" } }),
        path: `${W}.x.value`,
        message: /needs a value/,
        fix: /SCIM path/,
      },
    ],
    [
      "a non-string value",
      {
        config: () => withWrite("x", { source: { type: "TEXT" }, value: 42 }),
        path: `${W}.x.value`,
        message: /must be a string/,
        fix: /Quote/,
      },
    ],
    [
      "a bad datastore attribute name",
      {
        config: () => withWrite("bad name", { source: { type: "TEXT" }, value: "x" }),
        path: `${W}["bad name"]`,
        message: /not a datastore attribute name/,
        fix: /datastore attribute/,
      },
    ],
    // JSON.parse (like a YAML or JSON file) makes "__proto__" an own key; assignment would not.
    [
      "a prototype key",
      {
        config: () =>
          JSON.parse(
            JSON.stringify(base()).replace(
              '"uid":',
              '"__proto__":{"source":{"type":"TEXT"},"value":"x"},"uid":',
            ),
          ),
        path: `${W}.__proto__`,
        message: /cannot be an attribute name/,
        fix: /datastore attribute/,
      },
    ],
    [
      "store attributes differing only in case",
      {
        config: () => withWrite("UID", { source: { type: "TEXT" }, value: "x" }),
        path: `${W}.UID`,
        message: /differ only in case/,
        fix: /Keep one/,
      },
    ],
    [
      "an expression that does not compile",
      {
        config: () => withWrite("cn", { source: { type: "EXPRESSION" }, value: "name.(" }),
        path: `${W}.cn.value`,
        message: /does not compile: S0/,
        fix: /docs\.jsonata\.org/,
      },
    ],
    [
      "a regular expression",
      {
        config: () =>
          withWrite("cn", { source: { type: "EXPRESSION" }, value: '$replace(userName, /a/, "b")' }),
        path: `${W}.cn.value`,
        message: /regular expressions are not allowed/,
        fix: /Correct the expression/,
      },
    ],
    [
      "an unknown request fact",
      {
        config: () => withWrite("ip", { source: { type: "CONTEXT" }, value: "HttpRequest" }),
        path: `${W}.ip.value`,
        message: /not a request fact/,
        fix: /connectionId, clientAddress, requestId/,
      },
    ],
    [
      "a store source not matching the LDAP repository",
      {
        config: () => withRead("userName", { source: { type: "IDENTITY_STORE_USER" }, value: "uid" }),
        path: `${R}.userName.source.type`,
        message: /does not match/,
        fix: /LDAP_DATA_STORE/,
      },
    ],
    [
      "a read key naming the engine's meta",
      {
        config: () => withRead("meta.lastModified", { source: { type: "TEXT" }, value: "x" }),
        path: `${R}["meta.lastModified"]`,
        message: /managed by the engine/,
        fix: /Remove/,
      },
    ],
    [
      "a read key naming the engine's groups",
      {
        config: () => withRead("groups", { source: { type: "TEXT" }, value: "x" }),
        path: `${R}.groups`,
        message: /managed by the engine/,
        fix: /Remove/,
      },
    ],
    [
      "a read key outside the contract",
      {
        config: () => withRead("title", { source: { type: "TEXT" }, value: "x" }),
        path: `${R}.title`,
        message: /not in the attribute contract/,
        fix: /extendedAttributes/,
      },
    ],
    [
      "a contract attribute nobody fulfils",
      {
        config: () => withRead("nickName", { source: { type: "TEXT" }, value: "x" }, ["nickName", "title"]),
        path: `${R}.title`,
        message: /does not fulfil it/,
        fix: /NO_MAPPING/,
      },
    ],
    [
      "a written path never read back",
      {
        config: () => withWrite("title", { source: { type: "SCIM_USER" }, value: "title" }),
        path: `${R}.title`,
        message: /does not fulfil it/,
        fix: /LDAP_DATA_STORE/,
      },
    ],
    [
      "a literal of the wrong type",
      {
        config: () => withRead("active", { source: { type: "TEXT" }, value: "yes" }, ["active"]),
        path: `${R}.active.value`,
        message: /"yes" is not/,
        fix: /valid boolean/,
      },
    ],
    [
      "a literal for a complex attribute",
      {
        config: () => withRead("name", { source: { type: "TEXT" }, value: "x" }, ["name"]),
        path: `${R}.name.value`,
        message: /complex/,
        fix: /valid complex/,
      },
    ],
    [
      "the same SCIM path twice",
      {
        config: () => withRead("Emails.Work.Value", { source: { type: "LDAP_DATA_STORE" }, value: "mail" }),
        path: `${R}["Emails.Work.Value"]`,
        message: /same SCIM path/,
        fix: /Keep one/,
      },
    ],
    [
      "a complex attribute filled whole and by parts",
      {
        config: () => {
          const c = withRead("name", { source: { type: "LDAP_DATA_STORE" }, value: "n" }, [
            "name",
            "name.givenName",
          ]);
          ((c.users as Config).readUsers as { attributeFulfillment: Config }).attributeFulfillment[
            "name.givenName"
          ] = { source: { type: "LDAP_DATA_STORE" }, value: "g" };
          return c;
        },
        path: `${R}.name`,
        message: /filled whole and also/,
        fix: /either name or its sub-attributes/,
      },
    ],
    [
      "a required attribute nobody returns",
      {
        config: () => {
          const c = base();
          ((c.users as Config).readUsers as { attributeFulfillment: Config }).attributeFulfillment.userName =
            { source: { type: "NO_MAPPING" } };
          return c;
        },
        path: `${R}.userName`,
        message: /required .* nothing returns it/,
        fix: /both directions/,
      },
    ],
    [
      "a unique attribute without a direct mapping",
      {
        config: () => {
          const c = base();
          ((c.users as Config).readUsers as { attributeFulfillment: Config }).attributeFulfillment.userName =
            { source: { type: "EXPRESSION" }, value: "$lowercase(uid)" };
          return c;
        },
        path: `${R}.userName`,
        message: /must be unique/,
        fix: /read userName back from that same attribute/,
      },
    ],
    [
      "a bad extended attribute",
      {
        config: () => withRead("title", { source: { type: "TEXT" }, value: "x" }, ["titel"]),
        path: "inboundProvisioning.users.readUsers.attributeContract.extendedAttributes[0].name",
        message: /names no attribute/,
        fix: /userName/,
      },
    ],
  ];
  for (const [name, c] of cases) {
    it(`reports ${name} at ${c.path}`, () => {
      const issues = issuesOf(c.config());
      const hit = issues.find((i) => i.path === c.path && c.message.test(i.message));
      assert.ok(
        hit,
        `no issue at ${c.path} matching ${c.message}; got:\n${issues.map((i) => `${i.path}: ${i.message}`).join("\n")}`,
      );
      assert.match(hit.fix, c.fix);
    });
  }

  it("reports every problem at once, not only the first", () => {
    const c = withWrite("cn", { source: { type: "ADAPTER" }, value: "x" }) as {
      users: { writeUsers: { attributeFulfillment: Config } };
    };
    c.users.writeUsers.attributeFulfillment.ip = { source: { type: "CONTEXT" }, value: "nope" };
    assert.ok(issuesOf(c).length >= 2);
  });

  it("ignores coreAttributes sent by a client, as PingFederate computes them", () => {
    const c = base() as { users: { readUsers: { attributeContract: Config } } };
    c.users.readUsers.attributeContract.coreAttributes = [{ name: "title" }, { name: "not a path" }];
    assert.deepEqual(issuesOf(c), []);
  });

  it("computes coreAttributes from the SCIM paths the write mapping reads", () => {
    const result = compileInboundMappings({
      inboundProvisioning: base(),
      registry: specRegistry(),
      connectionId: "c1",
      log: new RecordingLog(),
    });
    assert.ok(result.ok);
    assert.deepEqual(result.value.users.compiled.coreAttributes, ["userName", "emails.work.value"]);
  });
});
