// The demo configuration (fixtures/connections/demo.yaml) and the fold/split fixture: they load in
// PingFederate's shape, compile, derive the plans the datastore needs, cover every attribute of the core
// User, EnterpriseUser and Group schemas (demo-directory), and survive write∘read round trips.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { specDefinitions } from "../../connections/spec-schemas.js";
import { parseFilter } from "../../protocol/filter/parse-filter.js";
import { resolveFilter } from "../../protocol/filter/resolve-filter.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import { advertisedRegistry } from "../../protocol/schema/advertised-schemas.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import { servedSchemas } from "../../provisioning/discovery/schemas.js";
import { generationShape, uncoveredPaths } from "../check/generation-shape.js";
import { connectionsOf } from "../check/read-connections-file.js";
import { checkRoundTrip } from "../check/round-trip.js";
import { formatIssues } from "./config-issue.js";
import { type ConnectionMappings, compileConnectionMappings } from "./connection-mappings.js";
import { context, entryOf, RecordingLog, seedFromEnv } from "./mapping-test-support.js";
import type { PingFederateMapping } from "./pingfederate-mapping.js";

const fixtures = new URL("../../../fixtures/connections/", import.meta.url);
const load = (file: string): unknown => parse(readFileSync(new URL(file, fixtures), "utf8"));
const demo = load("demo.yaml");

function compiled(document: unknown, id: string): ConnectionMappings {
  const listed = connectionsOf(document);
  assert.ok(listed.ok);
  const connection = listed.value.find((c) => c.id === id);
  assert.ok(connection, `no connection ${id}`);
  const result = compileConnectionMappings({
    connection: connection.raw,
    path: connection.path,
    spec: specDefinitions(),
    log: new RecordingLog(),
  });
  if (!result.ok) throw new Error(formatIssues(result.issues));
  return result.value;
}

const ids = ["demo-directory", "hr-system", "fold-split"];

function mappingsOf(c: ConnectionMappings): PingFederateMapping[] {
  return [c.mappings.users, c.mappings.groups].filter((m): m is PingFederateMapping => m !== undefined);
}

describe("demo.yaml", () => {
  it("lists the three demo connections", () => {
    const listed = connectionsOf(demo);
    assert.ok(listed.ok);
    assert.deepEqual(
      listed.value.map((c) => c.id),
      ids,
    );
  });

  it("holds each connection in PingFederate's admin-API shape, for the connections layer", () => {
    const listed = connectionsOf(demo);
    assert.ok(listed.ok);
    for (const { raw, id } of listed.value) {
      assert.ok(isJsonObject(raw));
      for (const field of ["id", "entityId", "name", "active", "credentials", "inboundProvisioning"])
        assert.ok(field in raw, `${id} lacks ${field}`);
      const inbound = raw.inboundProvisioning;
      assert.ok(isJsonObject(inbound));
      for (const field of ["groupSupport", "userRepository", "users", "actionOnDelete"])
        assert.ok(field in inbound, `${id} lacks ${field}`);
      const auth = isJsonObject(raw.credentials) ? raw.credentials.inboundBackChannelAuth : undefined;
      assert.ok(
        isJsonObject(auth) && auth.type === "INBOUND",
        `${id} lacks credentials.inboundBackChannelAuth`,
      );
    }
  });

  it("takes the first connection's credentials from SCIM_BASIC_USER, SCIM_BASIC_PASSWORD and SCIM_BEARER_TOKEN", () => {
    const text = readFileSync(new URL("demo.yaml", fixtures), "utf8");
    for (const name of ["SCIM_BASIC_USER", "SCIM_BASIC_PASSWORD", "SCIM_BEARER_TOKEN"])
      assert.match(text, new RegExp(`\\$\\{env:${name}\\}`));
  });

  for (const id of ids) {
    it(`compiles ${id} without issues`, () => {
      assert.ok(compiled(demo, id).mappings.users);
    });
  }

  it("serves Group only where groupSupport is true, and the custom schema as a User extension", () => {
    assert.ok(compiled(demo, "demo-directory").registry.resourceType("Group"));
    const hr = compiled(demo, "hr-system");
    assert.equal(hr.registry.resourceType("Group"), undefined);
    assert.deepEqual(
      hr.registry.resourceType("User")?.schemaExtensions.map((e) => e.schema),
      [
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        "urn:ietf:params:scim:schemas:extension:acme:2.0:User",
      ],
    );
  });

  /** What /Schemas lists for a connection: its registry narrowed to what its mappings serve. */
  const advertised = (c: ConnectionMappings) =>
    advertisedRegistry(
      c.registry,
      (rt) => (rt.id === "User" ? c.mappings.users : c.mappings.groups)?.servedPaths,
    );

  /** Every attribute and sub-attribute /Schemas lists, as `Schema:attribute[.sub]`. */
  const listedPaths = (registry: SchemaRegistry) =>
    servedSchemas(registry).flatMap((s) => {
      const schema = s.id.split(":").at(-1);
      return s.attributes.flatMap((a) => [
        `${schema}:${a.name}`,
        ...(a.subAttributes ?? []).map((sub) => `${schema}:${a.name}.${sub.name}`),
      ]);
    });

  it("advertises all of demo-directory's schemas but the manager's displayName, which nothing fills", () => {
    const c = compiled(demo, "demo-directory");
    const listed = new Set(listedPaths(advertised(c)));
    assert.deepEqual(
      listedPaths(c.registry).filter((p) => !listed.has(p)),
      ["User:manager.displayName"],
    );
  });

  it("advertises only what hr-system's mapping stores and returns (RFC 7643 §7)", () => {
    const narrowed = advertised(compiled(demo, "hr-system"));
    const user = narrowed.schema("urn:ietf:params:scim:schemas:core:2.0:User");
    const names = (user?.attributes ?? []).map((a) => a.name);
    // No Group Support, so no groups either.
    for (const dropped of ["displayName", "title", "nickName", "x509Certificates", "groups"]) {
      assert.equal(names.includes(dropped), false, `${dropped} is advertised`);
    }
    for (const kept of ["userName", "name", "emails", "active", "password"]) {
      assert.equal(names.includes(kept), true, `${kept} is not advertised`);
    }
    const emails = user?.attributes.find((a) => a.name === "emails");
    assert.deepEqual(
      emails?.subAttributes?.map((s) => [s.name, s.canonicalValues]),
      [
        ["value", undefined],
        ["type", ["work"]],
        ["primary", undefined],
      ],
    );
    const enterprise = narrowed.schema("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    assert.deepEqual(
      enterprise?.attributes.map((a) => a.name),
      ["employeeNumber"],
    );
  });

  it("covers every writable attribute of the User, EnterpriseUser and Group schemas in demo-directory", () => {
    const c = compiled(demo, "demo-directory");
    for (const mapping of mappingsOf(c)) {
      assert.deepEqual(
        uncoveredPaths(c.registry, generationShape(mapping.compiled)),
        [],
        mapping.compiled.resourceType.id,
      );
    }
  });

  const plans: [
    string,
    string,
    { indexed: string[]; unique: string[]; display: string[]; members: boolean },
  ][] = [
    [
      "demo-directory",
      "User",
      {
        indexed: ["uid", "scimExternalId", "displayName", "scimEmails.value", "engine:meta.lastModified"],
        unique: ["uid"],
        display: ["displayName", "uid"],
        members: false,
      },
    ],
    [
      "demo-directory",
      "Group",
      {
        indexed: ["scimExternalId", "cn", "engine:meta.lastModified", "engine:members.value"],
        unique: [],
        display: ["cn"],
        members: true,
      },
    ],
    [
      "hr-system",
      "User",
      {
        indexed: ["username", "employeeId", "email", "engine:meta.lastModified", "badge"],
        unique: ["username", "badge"],
        display: ["username"],
        members: false,
      },
    ],
    [
      "fold-split",
      "User",
      { indexed: ["uid", "engine:meta.lastModified"], unique: ["uid"], display: ["uid"], members: false },
    ],
  ];
  for (const [id, type, want] of plans) {
    it(`derives the ${id} ${type} plan from what is mapped directly`, () => {
      const mapping = mappingsOf(compiled(demo, id)).find((m) => m.compiled.resourceType.id === type);
      assert.ok(mapping);
      const label = (a: { source: string; name: string; subPath: string | undefined }) =>
        `${a.source === "engine" ? "engine:" : ""}${a.name}${a.subPath === undefined ? "" : `.${a.subPath}`}`;
      assert.deepEqual(mapping.plan.indexed.map(label), want.indexed);
      assert.deepEqual(mapping.plan.unique.map(label), want.unique);
      assert.deepEqual(mapping.plan.displayAttributes, want.display);
      assert.equal(mapping.plan.hasMembers, want.members);
    });
  }

  for (const id of ids) {
    it(`round-trips random resources through ${id} with nothing lost, altered or invented`, async () => {
      const c = compiled(demo, id);
      const seed = seedFromEnv();
      for (const mapping of mappingsOf(c)) {
        const report = await checkRoundTrip({
          registry: c.registry,
          resourceType: mapping.compiled.resourceType,
          mapping,
          shape: generationShape(mapping.compiled),
          runs: 60,
          seed,
          context,
        });
        const found = report.findings.map((f) => `${f.kind} ${f.path}: ${JSON.stringify(f.example?.sent)}`);
        assert.deepEqual(found, [], `replay with FC_SEED=${seed}`);
        assert.equal(report.invalidGenerated, 0, `replay with FC_SEED=${seed}`);
      }
    });
  }
});

describe("fixtures/connections/README.md", () => {
  it("documents a connection that compiles as written", () => {
    const text = readFileSync(new URL("README.md", fixtures), "utf8");
    const yaml = /```yaml\n([\s\S]*?)```/.exec(text)?.[1];
    assert.ok(yaml, "no yaml block");
    const c = compiled(parse(yaml), "acme-directory");
    assert.deepEqual(c.mappings.users.maskedPaths, ["nickName"]);
    assert.ok(c.mappings.groups);
  });
});

describe("fold-split.yaml", () => {
  it("is the same connection as demo.yaml's fold-split", () => {
    const own = connectionsOf(load("fold-split.yaml"));
    const inDemo = connectionsOf(demo);
    assert.ok(own.ok && inDemo.ok);
    assert.deepEqual(own.value[0]?.raw, inDemo.value.find((c) => c.id === "fold-split")?.raw);
  });

  it("folds emails.work.value and emails.home.value into one multi-valued mail and splits them back", async () => {
    const users = compiled(load("fold-split.yaml"), "fold-split").mappings.users;
    const sent = {
      userName: "ada",
      emails: [
        { value: "ada@work.example", type: "work" },
        { value: "ada lovelace@home.example", type: "Home" },
        { value: "ada@other.example", type: "other" },
      ],
    };
    const stored = await users.write(sent, context);
    assert.deepEqual(stored, {
      uid: "ada",
      mail: ["work ada@work.example", "home ada lovelace@home.example"],
    });
    const returned = await users.read(entryOf(stored), context);
    assert.deepEqual(returned, {
      userName: "ada",
      emails: [
        { value: "ada@work.example", type: "work" },
        { value: "ada lovelace@home.example", type: "home" },
      ],
    });
  });

  it("evaluates filters on the split e-mails over read-mapped results", () => {
    const c = compiled(load("fold-split.yaml"), "fold-split");
    const rt = c.registry.resourceType("User");
    assert.ok(rt);
    const { pushed, residual } = c.mappings.users.translateFilter(
      resolveFilter(c.registry, rt, parseFilter('emails.value eq "a" and userName eq "ada"')),
    );
    assert.equal(pushed?.kind, "compare");
    assert.equal(residual?.kind, "compare");
  });
});
