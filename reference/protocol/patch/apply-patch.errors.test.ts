// Every error rule of the PATCH engine, with its status and scimType (RFC 7644 §3.12 Table 9), and the
// RFC sentence it enforces. Each case must also leave the input untouched (patch() deep-freezes it).
import { describe, it } from "node:test";
import type { JsonObject, JsonValue } from "../resource/json.js";
import type { SchemaDefinition } from "../schema/schema-definition.js";
import { SchemaRegistry } from "../schema/schema-registry.js";
import { rfcEnterpriseUser, rfcFullUser } from "../testing/rfc7643-users.js";
import { specRegistry } from "../testing/spec-registry.js";
import type { PatchContext } from "./patch-context.js";
import {
  assertScimError,
  babs,
  body,
  contextFor,
  enterpriseUrn,
  groupCtx,
  patch,
  rfcGroup,
  userCtx,
} from "./patch-testing.js";

// A resource type with an immutable attribute and a required extension, which the spec schemas lack.
const badgeUrn = "urn:example:params:scim:schemas:extension:badge:2.0:User";
const badgeSchema: SchemaDefinition = {
  id: badgeUrn,
  attributes: [
    {
      name: "badge",
      type: "string",
      multiValued: false,
      required: false,
      caseExact: true,
      mutability: "immutable",
      returned: "default",
      uniqueness: "none",
    },
  ],
};
const spec = specRegistry();
const badgeRegistry = new SchemaRegistry(
  [...spec.schemas(), badgeSchema],
  [
    {
      id: "Badged",
      name: "Badged",
      endpoint: "/Badged",
      schema: "urn:ietf:params:scim:schemas:core:2.0:User",
      schemaExtensions: [{ schema: badgeUrn, required: true }],
    },
  ],
);
const badgeCtx: PatchContext = contextFor("Badged", badgeRegistry);
const badged: JsonObject = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", badgeUrn],
  id: "b1",
  userName: "badged",
  [badgeUrn]: { badge: "B-1" },
};

type ErrorCase = [
  string,
  { ctx?: PatchContext; given?: JsonObject; ops: JsonValue[]; scimType: string; detail?: string | RegExp },
];

const cases: ErrorCase[] = [
  // RFC 7644 §3.5.2.3 (and §3.12 noTarget for add): a value filter that matches nothing.
  [
    "replace of a filtered sub-attribute with no match → noTarget (§3.5.2.3)",
    {
      ops: [{ op: "replace", path: 'emails[type eq "other"].value', value: "x@example.com" }],
      scimType: "noTarget",
      detail: "Operations[0]",
    },
  ],
  [
    "replace of a filtered value with no match → noTarget (§3.5.2.3)",
    {
      ops: [{ op: "replace", path: 'addresses[type eq "other"]', value: { locality: "x" } }],
      scimType: "noTarget",
    },
  ],
  [
    "strict add on a filter with no match → noTarget (§3.12)",
    {
      ops: [{ op: "add", path: 'emails[type eq "other"].value', value: "x@example.com" }],
      scimType: "noTarget",
    },
  ],
  [
    "a member replace whose filter matches no member → noTarget",
    {
      given: rfcGroup,
      ctx: groupCtx,
      ops: [{ op: "replace", path: 'members[value eq "nobody"]', value: { value: "x" } }],
      scimType: "noTarget",
    },
  ],
  // RFC 7644 §3.5.2.2: required or readOnly attributes cannot be removed or become unassigned.
  [
    "remove of the required userName → mutability (§3.5.2.2)",
    { ops: [{ op: "remove", path: "userName" }], scimType: "mutability", detail: "required" },
  ],
  [
    "replace of userName with null → mutability (§3.5.2.2 'becomes unassigned')",
    { ops: [{ op: "replace", path: "userName", value: null }], scimType: "mutability" },
  ],
  [
    "no-path replace of userName with null → mutability",
    { ops: [{ op: "replace", value: { userName: null } }], scimType: "mutability" },
  ],
  [
    "remove of the Group's required displayName → mutability",
    { given: rfcGroup, ctx: groupCtx, ops: [{ op: "remove", path: "displayName" }], scimType: "mutability" },
  ],
  [
    "remove of a required extension → mutability (RFC 7643 §6)",
    { ctx: badgeCtx, given: badged, ops: [{ op: "remove", path: badgeUrn }], scimType: "mutability" },
  ],
  // RFC 7644 §3.5.2: "a client MUST NOT modify an attribute that has mutability readOnly".
  [
    "remove id → mutability",
    { ops: [{ op: "remove", path: "id" }], scimType: "mutability", detail: "readOnly" },
  ],
  [
    "replace id → mutability",
    { ops: [{ op: "replace", path: "id", value: "other" }], scimType: "mutability" },
  ],
  [
    "add meta → mutability",
    { ops: [{ op: "add", path: "meta", value: { version: "W/1" } }], scimType: "mutability" },
  ],
  [
    "replace meta.lastModified → mutability",
    {
      ops: [{ op: "replace", path: "meta.lastModified", value: "2020-01-01T00:00:00Z" }],
      scimType: "mutability",
    },
  ],
  [
    "add groups (derived, readOnly) → mutability",
    { ops: [{ op: "add", path: "groups", value: [{ value: "g1" }] }], scimType: "mutability" },
  ],
  [
    "replace of the readOnly manager.displayName → mutability",
    {
      given: rfcEnterpriseUser,
      ops: [{ op: "replace", path: `${enterpriseUrn}:manager.displayName`, value: "x" }],
      scimType: "mutability",
    },
  ],
  [
    "strict no-path replace carrying the unchanged id → mutability (the Okta layer accepts it)",
    {
      ops: [{ op: "replace", value: { id: rfcFullUser.id ?? null, displayName: "B" } }],
      scimType: "mutability",
    },
  ],
  [
    "strict no-path replace carrying schemas → mutability (RFC 7643 §3: derived)",
    {
      ops: [{ op: "replace", value: { schemas: rfcFullUser.schemas ?? null, displayName: "B" } }],
      scimType: "mutability",
    },
  ],
  // RFC 7644 §3.5.2: immutable may be added when unassigned, never changed or removed once set.
  [
    "replace of a set immutable attribute with another value → mutability",
    {
      ctx: badgeCtx,
      given: badged,
      ops: [{ op: "replace", path: `${badgeUrn}:badge`, value: "B-2" }],
      scimType: "mutability",
      detail: "immutable",
    },
  ],
  [
    "remove of a set immutable attribute → mutability",
    {
      ctx: badgeCtx,
      given: { ...badged, [badgeUrn]: { badge: "B-1" } },
      ops: [{ op: "remove", path: `${badgeUrn}:badge` }],
      scimType: "mutability",
      detail: "immutable",
    },
  ],
  [
    "changing a member's immutable value in place → mutability (RFC 7643 §4.2)",
    {
      given: rfcGroup,
      ctx: groupCtx,
      ops: [{ op: "replace", path: `members[value eq "${babs}"].value`, value: "someone-else" }],
      scimType: "mutability",
    },
  ],
  // RFC 7644 §3.12 invalidPath: "The path attribute was invalid or malformed".
  [
    "unknown attribute path → invalidPath",
    { ops: [{ op: "replace", path: "shoeSize", value: "9" }], scimType: "invalidPath", detail: "shoeSize" },
  ],
  [
    "unknown sub-attribute → invalidPath",
    { ops: [{ op: "replace", path: "name.nickname", value: "x" }], scimType: "invalidPath" },
  ],
  [
    "sub-attribute of a multi-valued attribute without a filter → invalidPath",
    { ops: [{ op: "replace", path: "emails.value", value: "x" }], scimType: "invalidPath", detail: "filter" },
  ],
  [
    "filter naming an unknown sub-attribute → invalidPath",
    { ops: [{ op: "remove", path: 'emails[kind eq "work"]' }], scimType: "invalidPath" },
  ],
  [
    "filter on a single-valued attribute → invalidPath",
    { ops: [{ op: "remove", path: 'name[givenName eq "x"]' }], scimType: "invalidPath" },
  ],
  [
    "gt on a boolean inside a filter → invalidPath (RFC 7644 §3.4.2.2)",
    { ops: [{ op: "remove", path: "emails[primary gt true]" }], scimType: "invalidPath" },
  ],
  [
    "unclosed filter → invalidPath",
    { ops: [{ op: "remove", path: 'emails[type eq "work"' }], scimType: "invalidPath" },
  ],
  [
    "array index → invalidPath (RFC 7644 §3.5.2: no array indexing)",
    { ops: [{ op: "remove", path: "emails[0]" }], scimType: "invalidPath" },
  ],
  [
    "unknown schema URN prefix → invalidPath",
    {
      ops: [{ op: "replace", path: "urn:example:nothing:2.0:User:badge", value: "x" }],
      scimType: "invalidPath",
    },
  ],
  [
    "the base schema URN alone is not a path → invalidPath",
    {
      ops: [{ op: "replace", path: "urn:ietf:params:scim:schemas:core:2.0:User", value: {} }],
      scimType: "invalidPath",
    },
  ],
  [
    "strict no-path value with a dotted key → invalidPath (the Entra layer splits it)",
    { ops: [{ op: "replace", value: { "name.givenName": "Babs" } }], scimType: "invalidPath" },
  ],
  [
    "a path naming a Group attribute on a User → invalidPath",
    { ops: [{ op: "add", path: "members", value: [{ value: "x" }] }], scimType: "invalidPath" },
  ],
  // RFC 7644 §3.12 invalidValue: "not compatible with the operation or attribute type".
  [
    "string for a boolean (strict) → invalidValue (RFC 7643 §2.3.2)",
    { ops: [{ op: "replace", path: "active", value: "False" }], scimType: "invalidValue" },
  ],
  [
    "number for a string → invalidValue",
    { ops: [{ op: "replace", path: "userName", value: 5 }], scimType: "invalidValue" },
  ],
  [
    "a string where a complex value is expected → invalidValue",
    { ops: [{ op: "add", path: "name", value: "Babs" }], scimType: "invalidValue" },
  ],
  [
    "a bare string for the complex manager (strict) → invalidValue",
    { ops: [{ op: "replace", path: `${enterpriseUrn}:manager`, value: babs }], scimType: "invalidValue" },
  ],
  [
    "a string where an email object is expected → invalidValue",
    { ops: [{ op: "add", path: "emails", value: ["x@example.com"] }], scimType: "invalidValue" },
  ],
  [
    "a non-object for a filtered value → invalidValue",
    { ops: [{ op: "replace", path: 'emails[type eq "work"]', value: "x" }], scimType: "invalidValue" },
  ],
  [
    "two primaries in one add → invalidValue (RFC 7643 §2.4)",
    {
      ops: [
        {
          op: "add",
          path: "emails",
          value: [
            { value: "a@x.org", primary: true },
            { value: "b@x.org", primary: true },
          ],
        },
      ],
      scimType: "invalidValue",
      detail: "primary",
    },
  ],
  [
    "two primaries in a replace of the whole attribute → invalidValue",
    {
      ops: [
        {
          op: "replace",
          path: "emails",
          value: [
            { value: "a@x.org", primary: true },
            { value: "b@x.org", primary: true },
          ],
        },
      ],
      scimType: "invalidValue",
    },
  ],
  [
    "a string for the boolean primary inside a value → invalidValue (RFC 7643 §2.3.2)",
    {
      ops: [{ op: "add", path: "addresses", value: [{ locality: "x", primary: "yes" }] }],
      scimType: "invalidValue",
    },
  ],
  [
    "a member without an id → invalidValue (RFC 7643 §4.2)",
    {
      given: rfcGroup,
      ctx: groupCtx,
      ops: [{ op: "add", path: "members", value: [{ display: "nobody" }] }],
      scimType: "invalidValue",
    },
  ],
  [
    "a member with an empty id → invalidValue",
    {
      given: rfcGroup,
      ctx: groupCtx,
      ops: [{ op: "add", path: "members", value: [{ value: "" }] }],
      scimType: "invalidValue",
    },
  ],
  [
    "a member whose type is neither User nor Group → invalidValue",
    {
      given: rfcGroup,
      ctx: groupCtx,
      ops: [{ op: "add", path: "members", value: [{ value: "x", type: "Robot" }] }],
      scimType: "invalidValue",
      detail: "User",
    },
  ],
  [
    "a no-path value that is not an object → invalidValue (RFC 7644 §3.5.2.1)",
    { ops: [{ op: "add", path: enterpriseUrn, value: "x" }], scimType: "invalidValue" },
  ],
];

describe("PATCH engine: error rules (RFC 7644 §3.5.2, §3.12)", () => {
  for (const [name, { ctx = userCtx, given = rfcFullUser, ops, scimType, detail }] of cases) {
    it(name, () => {
      assertScimError(() => patch(ctx, given, body(...ops)), scimType, detail);
    });
  }

  it("names the failing operation's index in the detail (atomic requests need to say which op failed)", () => {
    assertScimError(
      () =>
        patch(
          userCtx,
          rfcFullUser,
          body(
            { op: "replace", path: "displayName", value: "ok" },
            { op: "add", path: "title", value: "ok" },
            { op: "remove", path: "id" },
          ),
        ),
      "mutability",
      "Operations[2] (remove id)",
    );
  });
});
