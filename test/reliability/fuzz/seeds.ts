// Valid requests the fuzzer starts from (mutation-based fuzzing finds more than random bytes because it
// stays close to what the server parses deeply): RFC 7643 §8.2/§8.3 Users, a Group with User and Group
// members, PATCH requests in the RFC 7644 §3.5.2 and Entra ID dialects, a §3.7.2-shaped Bulk request and a
// §3.4.3 SearchRequest, and filters and PATCH paths that name attributes the demo connection really maps.
// "@user:N", "@group:N" and "@hr:N" are placeholders for ids that exist when the case runs; "@n" is a
// number unique to the case, so creates are not all 409s.

import type { JsonObject, JsonValue } from "../../../reference/protocol/resource/json.js";
import { rfcEnterpriseUser, rfcFullUser } from "../../../reference/protocol/testing/rfc7643-users.js";

export const urn = Object.freeze({
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  enterprise: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  patch: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  bulk: "urn:ietf:params:scim:api:messages:2.0:BulkRequest",
  search: "urn:ietf:params:scim:api:messages:2.0:SearchRequest",
});

function withoutServerFields(user: JsonObject): JsonObject {
  const { id: _id, meta: _meta, groups: _groups, ...rest } = user;
  return rest;
}

const acme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

export const userSeeds: readonly JsonObject[] = [
  { ...withoutServerFields(rfcFullUser), userName: "fuzz-@n@example.com", password: "t1meMachine!" },
  {
    ...withoutServerFields(rfcEnterpriseUser),
    userName: "fuzz-ent-@n",
    [urn.enterprise]: {
      employeeNumber: "701984",
      department: "Tour Operations",
      manager: { value: "@user:0" },
    },
  },
  { schemas: [urn.user], userName: "fuzz-min-@n", active: true },
  // hr-system's custom extension (demo.yaml): every SCIM type, complex and multi-valued complex values.
  {
    schemas: [urn.user, acme],
    userName: "fuzz-hr-@n",
    emails: [{ value: "hr-@n@example.com", type: "work", primary: true }],
    [acme]: {
      badgeNumber: "B-@n",
      clearanceLevel: 3,
      hourlyRate: 41.5,
      remote: true,
      onboardedAt: "2024-02-29T12:00:00Z",
      signature: "aGVsbG8=",
      homepage: "https://example.com/@n",
      skills: ["ldap", "scim"],
      workstation: { assetTag: "WS-1", floor: 4, since: "2023-01-01T00:00:00Z" },
      devices: [{ value: "d1", type: "laptop", primary: true, serial: "SN-1" }],
    },
  },
];

export const groupSeeds: readonly JsonObject[] = [
  {
    schemas: [urn.group],
    displayName: "fuzz-group-@n",
    members: [{ value: "@user:0" }, { value: "@user:1", type: "User" }, { value: "@group:0", type: "Group" }],
  },
  { schemas: [urn.group], displayName: "fuzz-empty-@n" },
];

function patch(...operations: JsonObject[]): JsonObject {
  return { schemas: [urn.patch], Operations: operations };
}

export const userPatchSeeds: readonly JsonObject[] = [
  patch({ op: "add", path: "emails", value: [{ value: "new-@n@example.com", type: "home" }] }),
  patch({ op: "replace", path: "name.givenName", value: "Ann" }, { op: "remove", path: "nickName" }),
  patch({ op: "replace", value: { displayName: "Someone", active: false } }),
  patch({ op: "replace", path: 'emails[type eq "work"].value', value: "w-@n@example.com" }),
  // Entra ID's dialect (capitalised ops, string booleans): the compatibility layer accepts it.
  patch({ op: "Replace", path: "active", value: "False" }, { op: "Add", path: "title", value: "Boss" }),
  patch({ op: "add", path: `${urn.enterprise}:manager`, value: { value: "@user:1" } }),
];

export const groupPatchSeeds: readonly JsonObject[] = [
  patch({ op: "add", path: "members", value: [{ value: "@user:2" }] }),
  patch({ op: "remove", path: 'members[value eq "@user:1"]' }),
  patch({ op: "replace", path: "members", value: [{ value: "@user:0" }, { value: "@group:1" }] }),
  patch({ op: "replace", path: "displayName", value: "renamed-@n" }),
];

export const bulkSeeds: readonly JsonObject[] = [
  {
    schemas: [urn.bulk],
    failOnErrors: 1,
    Operations: [
      {
        method: "POST",
        path: "/Users",
        bulkId: "qwerty",
        data: { schemas: [urn.user], userName: "fuzz-bulk-@n" },
      },
      {
        method: "POST",
        path: "/Groups",
        bulkId: "ytrewq",
        data: {
          schemas: [urn.group],
          displayName: "fuzz-bulk-group-@n",
          members: [{ value: "bulkId:qwerty" }],
        },
      },
      {
        method: "PATCH",
        path: "/Users/@user:2",
        data: patch({ op: "replace", path: "title", value: "bulk" }),
      },
      { method: "DELETE", path: "/Users/@user:9" },
    ],
  },
];

export const searchSeeds: readonly JsonObject[] = [
  {
    schemas: [urn.search],
    attributes: ["displayName", "userName"],
    filter: 'displayName sw "smith"',
    startIndex: 1,
    count: 10,
  },
  { schemas: [urn.search], filter: "userName pr and not (active eq false)", sortBy: "userName", cursor: "" },
];

export const filterSeeds: readonly string[] = [
  'userName eq "bjensen@example.com"',
  'userName Eq "John" and name.familyName co "O\'Malley"',
  'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
  'meta.lastModified gt "2011-05-13T04:42:34Z"',
  `${urn.enterprise}:manager.value eq "@user:0"`,
  'members[value eq "@user:1"]',
  'displayName sw "fuzz" and not (members pr)',
  'title pr or userType eq "Employee"',
  'name.givenName ew "a" or (addresses[locality eq "Hollywood"] and active eq true)',
  'id eq "@user:2" or externalId ne null',
  `urn:ietf:params:scim:schemas:core:2.0:User:userName ge "a"`,
  'x509Certificates.value lt "M" and phoneNumbers[value co "555"]',
];

export const patchPathSeeds: readonly string[] = [
  "emails",
  'emails[type eq "work"].value',
  "name.familyName",
  'addresses[type eq "work"].locality',
  `${urn.enterprise}:manager.value`,
  `${urn.enterprise}:employeeNumber`,
  'members[value eq "@user:0"]',
  "members",
  "displayName",
  "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName",
  'phoneNumbers[type eq "mobile" and value sw "555"].display',
  "groups",
  "meta.lastModified",
  "id",
];

export const patchValueSeeds: readonly JsonValue[] = [
  "value",
  true,
  "False",
  42,
  null,
  [],
  [{ value: "@user:3" }],
  [{ value: "x@example.com", type: "work", primary: true }],
  { givenName: "A", familyName: "B" },
  { value: "@user:1" },
];
