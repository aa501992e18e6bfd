import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deviceRegistry, deviceUrn, rtOf } from "../schema/device-registry.js";
import { enterpriseUser, group } from "../schema/rfc7643-examples.js";
import { coreSchemaUrns } from "../schema/schema-definition.js";
import type { JsonObject } from "./json.js";
import { applyProjection, projectionIncludes, projectionNeeds } from "./project.js";
import type { ResolvedProjection } from "./projection.js";
import { projectionFromParams } from "./projection.js";

const registry = deviceRegistry();
const ent = coreSchemaUrns.enterpriseUser;

/** RFC 7643 §8.3 as the server stores it: the §8.3 example plus the writeOnly password it was created with. */
const stored = (): JsonObject => enterpriseUser();

type Params = { attributes?: string | string[]; excludedAttributes?: string | string[] };

function projection(rt: string, params: Params): ResolvedProjection {
  const result = projectionFromParams(registry, rtOf(registry, rt), params);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.projection;
}

const project = (params: Params, resource = stored(), rt = "User") =>
  applyProjection(projection(rt, params), resource);

describe("applyProjection on the RFC 7643 §8.3 user (RFC 7644 §3.9, RFC 7643 §7 returned)", () => {
  const defaultKeys = [
    "schemas",
    "id",
    "externalId",
    "meta",
    "userName",
    "name",
    "displayName",
    "nickName",
    "profileUrl",
    "title",
    "userType",
    "preferredLanguage",
    "locale",
    "timezone",
    "active",
    "emails",
    "phoneNumbers",
    "ims",
    "photos",
    "addresses",
    "groups",
    "x509Certificates",
    ent,
  ];
  const cases: Record<string, { params: Params; keys: string[]; check?: (r: JsonObject) => void }> = {
    "returns the default attributes without parameters, never the password (returned never)": {
      params: {},
      keys: defaultKeys,
    },
    "attributes=userName returns userName plus the always-returned id and schemas": {
      params: { attributes: "userName" },
      keys: ["schemas", "id", "userName"],
    },
    "resolves names case-insensitively (RFC 7643 §2.1)": {
      params: { attributes: "USERNAME,Name.GivenName" },
      keys: ["schemas", "id", "userName", "name"],
      check: (r) => assert.deepEqual(r.name, { givenName: "Barbara" }),
    },
    "attributes=emails.value keeps only that sub-attribute in each value": {
      params: { attributes: "emails.value" },
      keys: ["schemas", "id", "emails"],
      check: (r) =>
        assert.deepEqual(r.emails, [{ value: "bjensen@example.com" }, { value: "babs@jensen.org" }]),
    },
    "attributes=emails keeps whole values": {
      params: { attributes: "emails" },
      keys: ["schemas", "id", "emails"],
      check: (r) => assert.deepEqual(r.emails, stored().emails),
    },
    "a URN-qualified sub-attribute selects inside the extension container (RFC 7644 §3.10)": {
      params: { attributes: `${ent}:manager.value` },
      keys: ["schemas", "id", ent],
      check: (r) => assert.deepEqual(r[ent], { manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d" } }),
    },
    "a whole extension URN selects all of its default attributes": {
      params: { attributes: ent },
      keys: ["schemas", "id", ent],
      check: (r) => assert.deepEqual(r[ent], stored()[ent]),
    },
    "a core-URN-qualified name is the same as the short name": {
      params: { attributes: `${coreSchemaUrns.user}:userName` },
      keys: ["schemas", "id", "userName"],
    },
    "the whole core URN selects the base and common attributes, and no extension": {
      params: { attributes: coreSchemaUrns.user },
      keys: defaultKeys.filter((k) => k !== ent),
    },
    "attributes=password returns nothing more: returned never wins": {
      params: { attributes: "password" },
      keys: ["schemas", "id"],
    },
    "attributes=meta.version selects one meta sub-attribute": {
      params: { attributes: "meta.version" },
      keys: ["schemas", "id", "meta"],
      check: (r) => assert.deepEqual(r.meta, { version: 'W/"3694e05e9dff591"' }),
    },
    "attributes=schemas is accepted and returns the minimum": {
      params: { attributes: "schemas" },
      keys: ["schemas", "id"],
    },
    "an unknown name is ignored (RFC 7644 §3.9 defines no error for it)": {
      params: { attributes: "userName,favouriteColour,name.nickname" },
      keys: ["schemas", "id", "userName"],
    },
    "a POST /.search array of names works like the comma list (RFC 7644 §3.4.3)": {
      params: { attributes: ["userName", "displayName"] },
      keys: ["schemas", "id", "userName", "displayName"],
    },
    "excludedAttributes=emails removes emails from the default set": {
      params: { excludedAttributes: "emails" },
      keys: defaultKeys.filter((k) => k !== "emails"),
    },
    "excludedAttributes=id has no effect on a returned:always attribute": {
      params: { excludedAttributes: "id,schemas" },
      keys: defaultKeys,
    },
    "excludedAttributes=name.givenName removes one sub-attribute": {
      params: { excludedAttributes: "name.givenName" },
      keys: defaultKeys,
      check: (r) => assert.equal((r.name as JsonObject).givenName, undefined),
    },
    "excludedAttributes of a whole extension URN removes its container": {
      params: { excludedAttributes: ent },
      keys: defaultKeys.filter((k) => k !== ent),
    },
    "excludedAttributes=meta,groups removes both (meta is returned default, RFC 7643 §3.1)": {
      params: { excludedAttributes: "meta,GROUPS" },
      keys: defaultKeys.filter((k) => k !== "meta" && k !== "groups"),
    },
    "excludedAttributes of an extension sub-attribute keeps the rest of the container": {
      params: { excludedAttributes: `${ent}:manager.displayName` },
      keys: defaultKeys,
      check: (r) =>
        assert.deepEqual((r[ent] as JsonObject).manager, {
          value: "26118915-6090-4610-87e4-49d8ca9f808d",
          $ref: "../Users/26118915-6090-4610-87e4-49d8ca9f808d",
        }),
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const result = project(c.params);
      assert.deepEqual(Object.keys(result), c.keys);
      c.check?.(result);
    });
  }

  it("records the names it ignored", () => {
    assert.deepEqual(projection("User", { attributes: "userName,favouriteColour" }).unknown, [
      "favouriteColour",
    ]);
  });

  it("reads keys case-insensitively and writes the schema's spelling", () => {
    const result = project(
      { attributes: "emails.value" },
      { ID: "1", Emails: [{ VALUE: "a@b", Type: "work" }] },
    );
    assert.deepEqual(result, { id: "1", emails: [{ value: "a@b" }] });
  });

  it("drops values left empty by the selection", () => {
    const result = project(
      { attributes: "addresses.region" },
      { id: "1", addresses: [{ locality: "x" }, { region: "CA" }] },
    );
    assert.deepEqual(result, { id: "1", addresses: [{ region: "CA" }] });
  });
});

describe("projectionFromParams: parameter errors", () => {
  const cases: Record<string, { params: Params; path: string }> = {
    "attributes and excludedAttributes together → 400 invalidValue (RFC 7644 §3.9: mutually exclusive)": {
      params: { attributes: "userName", excludedAttributes: "emails" },
      path: "attributes",
    },
    "an empty list item → 400 invalidValue": {
      params: { attributes: "userName,,emails" },
      path: "attributes",
    },
    "a character no attribute path has → 400 invalidValue": {
      params: { excludedAttributes: 'emails[type eq "work"]' },
      path: "excludedAttributes",
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const result = projectionFromParams(registry, rtOf(registry, "User"), c.params);
      assert.equal(result.ok, false);
      if (!result.ok)
        assert.deepEqual([result.issues[0]?.code, result.issues[0]?.path], ["invalidValue", c.path]);
    });
  }

  it("treats empty parameters as absent", () => {
    assert.equal(projection("User", { attributes: "", excludedAttributes: [] }).mode, "default");
  });
});

describe("applyProjection: returned request, always and never (RFC 7643 §7)", () => {
  const device: JsonObject = {
    schemas: [deviceUrn],
    id: "d1",
    name: "dev",
    secret: "s3cret",
    pin: "1234",
    detail: "long text",
    fingerprint: "ab:cd",
    owner: { value: "o", note: "private", badge: "B" },
  };
  const cases: Record<string, { params: Params; written?: JsonObject; want: JsonObject }> = {
    "returns always attributes, not request or never ones, by default": {
      params: {},
      want: {
        schemas: [deviceUrn],
        id: "d1",
        name: "dev",
        fingerprint: "ab:cd",
        owner: { value: "o", badge: "B" },
      },
    },
    "returns a request attribute named in attributes": {
      params: { attributes: "detail" },
      want: { schemas: [deviceUrn], id: "d1", detail: "long text", fingerprint: "ab:cd" },
    },
    "returns a request sub-attribute named in attributes": {
      params: { attributes: "owner.note" },
      want: { schemas: [deviceUrn], id: "d1", fingerprint: "ab:cd", owner: { note: "private" } },
    },
    "does not return request sub-attributes when the parent is named": {
      params: { attributes: "owner" },
      want: { schemas: [deviceUrn], id: "d1", fingerprint: "ab:cd", owner: { value: "o", badge: "B" } },
    },
    "keeps a returned:always attribute named in excludedAttributes": {
      params: { excludedAttributes: "fingerprint,name" },
      want: { schemas: [deviceUrn], id: "d1", fingerprint: "ab:cd", owner: { value: "o", badge: "B" } },
    },
    "returns a request attribute the answered write set": {
      params: {},
      written: { detail: "long text" },
      want: {
        schemas: [deviceUrn],
        id: "d1",
        name: "dev",
        detail: "long text",
        fingerprint: "ab:cd",
        owner: { value: "o", badge: "B" },
      },
    },
    "never returns a writeOnly attribute, even when named or marked returned default (RFC 7643 §7)": {
      params: { attributes: "secret,pin" },
      want: { schemas: [deviceUrn], id: "d1", fingerprint: "ab:cd" },
    },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      assert.deepEqual(
        applyProjection(projection("Device", c.params), device, { written: c.written }),
        c.want,
      );
    });
  }
});

describe("projectionNeeds: pushdown of members and groups", () => {
  const cases: [string, string, Params, { members: boolean; groups: boolean }][] = [
    ["a Group without parameters needs members", "Group", {}, { members: true, groups: false }],
    [
      "excludedAttributes=members never loads members (RFC 7644 §3.4.2.5)",
      "Group",
      { excludedAttributes: "members" },
      { members: false, groups: false },
    ],
    [
      "attributes=displayName needs no members",
      "Group",
      { attributes: "displayName" },
      { members: false, groups: false },
    ],
    [
      "attributes=members.value needs members",
      "Group",
      { attributes: "members.value" },
      { members: true, groups: false },
    ],
    [
      "excludedAttributes=members.display still needs members",
      "Group",
      { excludedAttributes: "members.display" },
      { members: true, groups: false },
    ],
    ["a User without parameters needs groups", "User", {}, { members: false, groups: true }],
    [
      "excludedAttributes=groups needs no groups",
      "User",
      { excludedAttributes: "groups" },
      { members: false, groups: false },
    ],
    [
      "attributes=userName needs no groups",
      "User",
      { attributes: "userName" },
      { members: false, groups: false },
    ],
  ];
  for (const [name, rt, params, want] of cases) {
    it(name, () => assert.deepEqual(projectionNeeds(projection(rt, params)), want));
  }

  it("agrees with what applyProjection returns for the §8.4 group", () => {
    const p = projection("Group", { excludedAttributes: "members" });
    assert.equal(applyProjection(p, group()).members, undefined);
    assert.equal(projectionIncludes(p, coreSchemaUrns.group, "members"), false);
    assert.equal(projectionIncludes(p, coreSchemaUrns.group, "DISPLAYNAME"), true);
  });
});
