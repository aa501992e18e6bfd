// The rules of RFC 7644 §3.5.2 beyond the RFC's own examples: atomicity, order, primary, no-change
// detection, case-insensitive names, null, writeOnly values, immutable-when-unset.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonObject, JsonValue } from "../resource/json.js";
import { SchemaRegistry } from "../schema/schema-registry.js";
import { rfcEnterpriseUser, rfcFullUser } from "../testing/rfc7643-users.js";
import { specRegistry } from "../testing/spec-registry.js";
import { applyPatch } from "./apply-patch.js";
import type { PatchContext } from "./patch-context.js";
import { parsePatchRequest } from "./patch-request.js";
import {
  assertAttributes,
  assertScimError,
  body,
  contextFor,
  deepFreeze,
  enterpriseUrn,
  groupCtx,
  patch,
  userCtx,
} from "./patch-testing.js";

const work = { value: "bjensen@example.com", type: "work", primary: true };
const home = { value: "babs@jensen.org", type: "home" };

type Case = [
  string,
  { given?: JsonObject; ops: JsonValue[]; want: Record<string, JsonValue | undefined>; changed?: boolean },
];

const cases: Case[] = [
  // RFC 7644 §3.5.2: "Operations are applied sequentially in the order they appear in the array".
  [
    "operations apply in order: add then replace of one path leaves the replaced value",
    {
      ops: [
        { op: "add", path: "title", value: "A" },
        { op: "replace", path: "title", value: "B" },
      ],
      want: { title: "B" },
    },
  ],
  [
    "operations apply in order: replace then add of one path leaves the added value",
    {
      ops: [
        { op: "replace", path: "title", value: "B" },
        { op: "add", path: "title", value: "A" },
      ],
      want: { title: "A" },
    },
  ],
  [
    "a later operation sees an earlier one: add an email, then make it primary by filter",
    {
      ops: [
        { op: "add", path: "emails", value: [{ value: "new@x.org", type: "other" }] },
        { op: "replace", path: 'emails[type eq "other"].primary', value: true },
      ],
      want: {
        emails: [{ ...work, primary: false }, home, { value: "new@x.org", type: "other", primary: true }],
      },
    },
  ],
  // RFC 7644 §3.5.2: primary true on one value sets the others to false.
  [
    "add of a primary email demotes the old primary",
    {
      ops: [{ op: "add", path: "emails", value: [{ value: "new@x.org", type: "other", primary: true }] }],
      want: {
        emails: [{ ...work, primary: false }, home, { value: "new@x.org", type: "other", primary: true }],
      },
    },
  ],
  [
    "replace of a filtered primary demotes the others",
    {
      ops: [{ op: "replace", path: 'emails[type eq "home"].primary', value: true }],
      want: {
        emails: [
          { ...work, primary: false },
          { ...home, primary: true },
        ],
      },
    },
  ],
  [
    "replace of a filtered value with primary demotes the others",
    {
      ops: [
        {
          op: "replace",
          path: 'emails[type eq "home"]',
          value: { value: "babs@jensen.org", type: "home", primary: true },
        },
      ],
      want: {
        emails: [
          { ...work, primary: false },
          { ...home, primary: true },
        ],
      },
    },
  ],
  [
    "no-path add of a primary email demotes the old primary",
    {
      ops: [{ op: "add", value: { emails: [{ value: "n@x.org", primary: true }] } }],
      want: { emails: [{ ...work, primary: false }, home, { value: "n@x.org", primary: true }] },
    },
  ],
  // RFC 7644 §3.5.2.1: a value already present changes nothing.
  [
    "add of an email already present (another case, caseExact=false) changes nothing",
    {
      ops: [
        { op: "add", path: "emails", value: [{ value: "BJensen@Example.com", type: "work", primary: true }] },
      ],
      want: { emails: [work, home] },
      changed: false,
    },
  ],
  [
    "replace with the same value changes nothing",
    {
      ops: [{ op: "replace", path: "displayName", value: "Babs Jensen" }],
      want: { displayName: "Babs Jensen" },
      changed: false,
    },
  ],
  [
    "replace with another letter case is a change (the stored spelling changes)",
    {
      ops: [{ op: "replace", path: "displayName", value: "BABS JENSEN" }],
      want: { displayName: "BABS JENSEN" },
      changed: true,
    },
  ],
  [
    "a second remove of the now-unassigned attribute succeeds (§3.5.2.2: it is unassigned after)",
    {
      ops: [
        { op: "remove", path: "nickName" },
        { op: "remove", path: "nickName" },
      ],
      want: { nickName: undefined },
      changed: true,
    },
  ],
  [
    "remove by a filter that matches nothing changes nothing (§3.5.2.2)",
    {
      ops: [{ op: "remove", path: 'emails[type eq "other"]' }],
      want: { emails: [work, home] },
      changed: false,
    },
  ],
  // RFC 7644 §3.5.2.1 / §3.5.2.3 on single-valued attributes.
  [
    "add on a single-valued attribute replaces it (§3.5.2.1)",
    { ops: [{ op: "add", path: "title", value: "Chief" }], want: { title: "Chief" } },
  ],
  [
    "replace on an absent attribute acts as add (§3.5.2.3)",
    {
      ops: [
        { op: "replace", path: "nickName", value: null },
        { op: "replace", path: "nickName", value: "B" },
      ],
      want: { nickName: "B" },
    },
  ],
  [
    "add of a sub-attribute creates the complex parent",
    {
      given: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id: "x", userName: "u" },
      ops: [{ op: "add", path: "name.givenName", value: "Babs" }],
      want: { name: { givenName: "Babs" } },
    },
  ],
  [
    "remove of a sub-attribute (name.middleName)",
    {
      ops: [{ op: "remove", path: "name.middleName" }],
      want: {
        name: {
          formatted: "Ms. Barbara J Jensen, III",
          familyName: "Jensen",
          givenName: "Barbara",
          honorificPrefix: "Ms.",
          honorificSuffix: "III",
        },
      },
    },
  ],
  [
    'remove of a filtered sub-attribute (emails[type eq "work"].primary)',
    {
      ops: [{ op: "remove", path: 'emails[type eq "work"].primary' }],
      want: { emails: [{ value: "bjensen@example.com", type: "work" }, home] },
    },
  ],
  [
    "remove of a whole multi-valued attribute",
    { ops: [{ op: "remove", path: "emails" }], want: { emails: undefined } },
  ],
  [
    "replace of a multi-valued attribute with [] unassigns it (RFC 7643 §2.5)",
    { ops: [{ op: "replace", path: "emails", value: [] }], want: { emails: undefined } },
  ],
  [
    "add of null to a multi-valued attribute changes nothing",
    { ops: [{ op: "add", path: "emails", value: null }], want: { emails: [work, home] }, changed: false },
  ],
  [
    "replace with null unassigns an optional attribute (RFC 7643 §2.5)",
    { ops: [{ op: "replace", path: "title", value: null }], want: { title: undefined } },
  ],
  // RFC 7643 §2.1 / RFC 7644 §3.10: names and schema URNs are case-insensitive.
  [
    "attribute names in paths are case-insensitive",
    {
      ops: [
        { op: "replace", path: "USERNAME", value: "babs" },
        { op: "replace", path: 'EMAILS[TYPE eq "work"].VALUE', value: "w@x.org" },
        { op: "replace", path: "Name.GivenName", value: "B" },
      ],
      want: { userName: "babs", emails: [{ ...work, value: "w@x.org" }, home] },
    },
  ],
  [
    "attribute names in no-path values are case-insensitive and stored in the schema's spelling",
    {
      ops: [{ op: "replace", value: { NICKNAME: "Bee", Name: { GIVENNAME: "Bee" } } }],
      want: { nickName: "Bee", NICKNAME: undefined },
    },
  ],
  [
    "schema URNs in paths are case-insensitive",
    {
      given: rfcEnterpriseUser,
      ops: [{ op: "replace", path: `${enterpriseUrn.toUpperCase()}:department`, value: "Ops" }],
      want: {},
    },
  ],
  [
    "an extension attribute named without its URN in a no-path value lands in the extension",
    {
      ops: [{ op: "add", value: { employeeNumber: "42" } }],
      want: { [enterpriseUrn]: { employeeNumber: "42" } },
    },
  ],
  [
    "unknown attributes in a no-path value are ignored, as in POST and PUT (RFC 7644 §3.3)",
    { ops: [{ op: "add", value: { shoeSize: "9", title: "T" } }], want: { shoeSize: undefined, title: "T" } },
  ],
  [
    "readOnly sub-attributes inside a value are ignored (RFC 7643 §2.2)",
    {
      given: rfcEnterpriseUser,
      ops: [
        { op: "replace", path: `${enterpriseUrn}:manager`, value: { value: "m2", displayName: "Someone" } },
      ],
      want: {},
    },
  ],
];

describe("PATCH engine: semantics (RFC 7644 §3.5.2)", () => {
  for (const [name, { given = rfcFullUser, ops, want, changed }] of cases) {
    it(name, () => {
      const result = patch(userCtx, given, body(...ops));
      assertAttributes(result.resource, want);
      if (changed !== undefined) assert.equal(result.changed, changed);
    });
  }

  it("keeps the new manager without the readOnly displayName and stores the department", () => {
    const r = patch(
      userCtx,
      rfcEnterpriseUser,
      body({ op: "replace", path: `${enterpriseUrn}:manager`, value: { value: "m2", displayName: "X" } }),
    );
    assert.deepEqual((r.resource[enterpriseUrn] as JsonObject).manager, { value: "m2" });
  });

  it("is atomic: a failing third operation leaves the input untouched and returns nothing (§3.5.2)", () => {
    const given = deepFreeze(structuredClone(rfcFullUser));
    const snapshot = structuredClone(given);
    const request = parsePatchRequest(
      body(
        { op: "replace", path: "displayName", value: "changed" },
        { op: "add", path: "emails", value: [{ value: "x@x.org" }] },
        { op: "replace", path: 'emails[type eq "nothing"].value', value: "y" },
      ),
    );
    assertScimError(
      () => applyPatch(userCtx, given, request, { members: "deferred" }),
      "noTarget",
      "Operations[2]",
    );
    assert.deepEqual(given, snapshot);
  });

  it("reports a writeOnly password set by the request, and one cleared by remove", () => {
    const set = patch(userCtx, rfcFullUser, body({ op: "replace", path: "password", value: "t1meMa$heen" }));
    assert.deepEqual(set.writeOnly, [{ path: "password", value: "t1meMa$heen" }]);
    assert.equal(set.changed, true);
    const cleared = patch(userCtx, rfcFullUser, body({ op: "remove", path: "password" }));
    assert.deepEqual(cleared.writeOnly, [{ path: "password", value: null }]);
    assert.equal(cleared.changed, true);
  });

  it("drops readOnly values (id, meta, groups) from the writable result", () => {
    const r = patch(userCtx, rfcFullUser, body({ op: "replace", path: "title", value: "x" }));
    assertAttributes(r.resource, { id: undefined, meta: undefined, groups: undefined });
  });

  it("refuses to run deferred when the request needs the member list (a programming error, not a 400)", () => {
    const request = parsePatchRequest(body({ op: "remove", path: 'members[display eq "Babs Jensen"]' }));
    assert.throws(
      () => applyPatch(groupCtx, { displayName: "g" }, request, { members: "deferred" }),
      /member list/,
    );
  });
});

describe("PATCH engine: immutable attributes (RFC 7644 §3.5.2)", () => {
  const urn = "urn:example:params:scim:schemas:extension:badge:2.0:User";
  const spec = specRegistry();
  const registry = new SchemaRegistry(
    [
      ...spec.schemas(),
      {
        id: urn,
        attributes: [
          {
            name: "badge",
            type: "string",
            multiValued: false,
            required: false,
            caseExact: false,
            mutability: "immutable",
            returned: "default",
            uniqueness: "none",
          },
        ],
      },
    ],
    [
      {
        id: "Badged",
        name: "Badged",
        endpoint: "/Badged",
        schema: "urn:ietf:params:scim:schemas:core:2.0:User",
        schemaExtensions: [{ schema: urn, required: false }],
      },
    ],
  );
  const ctx: PatchContext = contextFor("Badged", registry);
  const base = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id: "b", userName: "b" };

  it("accepts add when the attribute has no value yet (rfc7644.patch.immutable-add-when-unset)", () => {
    const r = patch(ctx, base, body({ op: "add", path: `${urn}:badge`, value: "B-1" }));
    assert.deepEqual(r.resource[urn], { badge: "B-1" });
  });

  it("accepts a replace with the same value (caseExact=false), which changes nothing", () => {
    const r = patch(
      ctx,
      { ...base, [urn]: { badge: "B-1" } },
      body({ op: "replace", path: `${urn}:badge`, value: "b-1" }),
    );
    assert.equal(r.resource[urn] !== undefined, true);
  });

  it("refuses a different value once set (mutability)", () => {
    assertScimError(
      () =>
        patch(
          ctx,
          { ...base, [urn]: { badge: "B-1" } },
          body({ op: "add", path: `${urn}:badge`, value: "B-2" }),
        ),
      "mutability",
    );
  });
});
