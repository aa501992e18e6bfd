// Every PATCH example of RFC 7644 §3.5.2 (add §3.5.2.1, remove §3.5.2.2, replace §3.5.2.3), replayed
// against the RFC 7643 §8 example resources. Group examples run twice: through the membership delta
// (members never loaded) and against the full member list; both must end with the same members.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonObject, JsonValue } from "../resource/json.js";
import { rfcEnterpriseUser, rfcFullUser } from "../testing/rfc7643-users.js";
import { applyPatch, type PatchResult } from "./apply-patch.js";
import type { MembershipDelta } from "./membership.js";
import { parsePatchRequest } from "./patch-request.js";
import {
  assertAttributes,
  babs,
  body,
  deepFreeze,
  enterpriseUrn,
  groupCtx,
  james,
  mandy,
  patch,
  rfcGroup,
  userCtx,
  withoutKey,
} from "./patch-testing.js";
import { planPatch } from "./plan-patch.js";

const ref = (id: string) => `https://example.com/v2/Users/${id}`;
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";

/** RFC 7643 §8.1, the minimal user. */
const minimalUser: JsonObject = {
  schemas: [userUrn],
  id: babs,
  userName: "bjensen@example.com",
  meta: {
    resourceType: "User",
    created: "2010-01-23T04:56:22Z",
    lastModified: "2011-05-13T04:42:34Z",
    version: 'W/"3694e05e9dff590"',
    location: `https://example.com/v2/Users/${babs}`,
  },
};

function applyDelta(ids: readonly string[], delta: MembershipDelta | undefined): string[] {
  if (delta === undefined) return [...ids];
  let out = delta.replaceAll === undefined ? [...ids] : delta.replaceAll.map((m) => m.value);
  for (const m of delta.add) if (!out.includes(m.value)) out.push(m.value);
  out = out.filter((id) => !delta.remove.includes(id));
  return out;
}

function memberIds(resource: JsonObject): string[] {
  const members = resource.members;
  return Array.isArray(members) ? members.map((m) => String((m as JsonObject).value)) : [];
}

/** Runs a Group request both ways and checks they agree; returns the final member ids. */
function groupBothWays(given: JsonObject, request: JsonObject): { ids: string[]; loaded: PatchResult } {
  const parsed = parsePatchRequest(request);
  const frozen = deepFreeze(structuredClone(given));
  const loaded = applyPatch(groupCtx, frozen, parsed, { members: "loaded" });
  const fromLoaded = memberIds(loaded.resource);
  assert.deepEqual(applyDelta(memberIds(given), loaded.membership).sort(), [...fromLoaded].sort());
  if (!planPatch(groupCtx, parsed).needsMembers) {
    const deferred = applyPatch(groupCtx, withoutKey(frozen, "members"), parsed, { members: "deferred" });
    assert.equal(deferred.resource.members, undefined, "deferred mode never invents a member list");
    assert.deepEqual(applyDelta(memberIds(given), deferred.membership).sort(), [...fromLoaded].sort());
  }
  return { ids: fromLoaded, loaded };
}

type GroupCase = [string, { given?: JsonObject; ops: JsonValue[]; want: string[] }];

const groupCases: GroupCase[] = [
  [
    "§3.5.2.1 add a member (already a member: no change)",
    {
      ops: [
        { op: "add", path: "members", value: [{ display: "Babs Jensen", $ref: ref(babs), value: babs }] },
      ],
      want: [babs, mandy],
    },
  ],
  [
    "§3.5.2.1 add a member who is new",
    {
      ops: [
        { op: "add", path: "members", value: [{ display: "James Smith", $ref: ref(james), value: james }] },
      ],
      want: [babs, mandy, james],
    },
  ],
  [
    '§3.5.2.2 remove one member: members[value eq "2819c223…"]',
    { ops: [{ op: "remove", path: `members[value eq "${babs}"]` }], want: [mandy] },
  ],
  ["§3.5.2.2 remove all members: path members", { ops: [{ op: "remove", path: "members" }], want: [] }],
  [
    '§3.5.2.2 remove one member and add another in one request (the RFC writes `eq"…"` without a space)',
    {
      ops: [
        { op: "remove", path: `members[value eq"${babs}"]` },
        { op: "add", path: "members", value: [{ display: "James Smith", $ref: ref(james), value: james }] },
      ],
      want: [mandy, james],
    },
  ],
  [
    "§3.5.2.2 replace all members as remove + add",
    {
      ops: [
        { op: "remove", path: "members" },
        {
          op: "add",
          path: "members",
          value: [
            { display: "Babs Jensen", $ref: ref(babs), value: babs },
            { display: "James Smith", $ref: ref(james), value: james },
          ],
        },
      ],
      want: [babs, james],
    },
  ],
  [
    "§3.5.2.3 replace all members",
    {
      ops: [
        {
          op: "replace",
          path: "members",
          value: [
            { display: "Babs Jensen", $ref: ref(babs), value: babs },
            { display: "James Smith", $ref: ref(james), value: james },
          ],
        },
      ],
      want: [babs, james],
    },
  ],
  [
    "§3.5.2.2 removing a member who is not in the group changes nothing and succeeds",
    { ops: [{ op: "remove", path: `members[value eq "${james}"]` }], want: [babs, mandy] },
  ],
];

describe("PATCH engine: RFC 7644 §3.5.2 Group examples (RFC 7643 §8.4 group)", () => {
  for (const [name, { given = rfcGroup, ops, want }] of groupCases) {
    it(`${name} (spec: rfc7644.patch.*)`, () => {
      const { ids } = groupBothWays(given, body(...ops));
      assert.deepEqual(ids.sort(), [...want].sort());
    });
  }

  it("reports no membership change when the full path finds nothing to change (§3.5.2.1)", () => {
    const { loaded } = groupBothWays(
      rfcGroup,
      body({ op: "add", path: "members", value: [{ value: babs }] }),
    );
    assert.equal(loaded.membership, undefined);
    assert.equal(loaded.changed, false);
  });
});

type UserCase = [
  string,
  { given: JsonObject; ops: JsonValue[]; want: Record<string, JsonValue | undefined>; changed?: boolean },
];

const workAddress = {
  type: "work",
  streetAddress: "911 Universal City Plaza",
  locality: "Hollywood",
  region: "CA",
  postalCode: "91608",
  country: "US",
  formatted: "911 Universal City Plaza\nHollywood, CA 91608 US",
  primary: true,
};
const homeAddress = (rfcFullUser.addresses as JsonValue[])[1] as JsonObject;

const userCases: UserCase[] = [
  [
    "§3.5.2.1 add without path: attributes are added (minimal user, §8.1)",
    {
      given: minimalUser,
      ops: [{ op: "add", value: { emails: [{ value: "babs@jensen.org", type: "home" }], nickname: "Babs" } }],
      want: { emails: [{ value: "babs@jensen.org", type: "home" }], nickName: "Babs" },
      changed: true,
    },
  ],
  [
    "§3.5.2.1 add without path of values already there changes nothing (full user, §8.2)",
    {
      given: rfcFullUser,
      ops: [{ op: "add", value: { emails: [{ value: "babs@jensen.org", type: "home" }], nickname: "Babs" } }],
      want: { emails: rfcFullUser.emails, nickName: "Babs" },
      changed: false,
    },
  ],
  [
    '§3.5.2.2 remove with a complex filter: emails[type eq "work" and value ew "example.com"]',
    {
      given: rfcFullUser,
      ops: [{ op: "remove", path: 'emails[type eq "work" and value ew "example.com"]' }],
      want: { emails: [{ value: "babs@jensen.org", type: "home" }] },
      changed: true,
    },
  ],
  [
    '§3.5.2.3 replace a whole value selected by filter: addresses[type eq "work"]',
    {
      given: rfcFullUser,
      ops: [{ op: "replace", path: 'addresses[type eq "work"]', value: workAddress }],
      want: { addresses: [workAddress, homeAddress] },
    },
  ],
  [
    '§3.5.2.3 replace one sub-attribute of the selected values: addresses[type eq "work"].streetAddress',
    {
      given: rfcFullUser,
      ops: [{ op: "replace", path: 'addresses[type eq "work"].streetAddress', value: "1010 Broadway Ave" }],
      want: {
        addresses: [
          {
            ...((rfcFullUser.addresses as JsonValue[])[0] as JsonObject),
            streetAddress: "1010 Broadway Ave",
          },
          homeAddress,
        ],
      },
    },
  ],
  [
    "§3.5.2.3 replace without path: the attributes named are replaced, others unaffected",
    {
      given: rfcFullUser,
      ops: [
        {
          op: "replace",
          value: {
            emails: [
              { value: "bjensen@example.com", type: "work", primary: true },
              { value: "babs@jensen.org", type: "home" },
            ],
            nickname: "Babs",
          },
        },
      ],
      want: {
        emails: [
          { value: "bjensen@example.com", type: "work", primary: true },
          { value: "babs@jensen.org", type: "home" },
        ],
        nickName: "Babs",
        displayName: "Babs Jensen",
      },
      changed: false,
    },
  ],
  [
    "§3.5.2.3 replace a complex attribute: sub-attributes not given are left unchanged (name)",
    {
      given: rfcFullUser,
      ops: [{ op: "replace", path: "name", value: { givenName: "Babs", middleName: null } }],
      want: {
        name: {
          formatted: "Ms. Barbara J Jensen, III",
          familyName: "Jensen",
          givenName: "Babs",
          honorificPrefix: "Ms.",
          honorificSuffix: "III",
        },
      },
    },
  ],
  [
    '§3.5.2.3 replace emails[type eq "work"]: the work email is replaced, the home one kept',
    {
      given: rfcFullUser,
      ops: [
        { op: "replace", path: 'emails[type eq "work"]', value: { value: "babs@example.org", type: "work" } },
      ],
      want: {
        emails: [
          { value: "babs@example.org", type: "work" },
          { value: "babs@jensen.org", type: "home" },
        ],
      },
    },
  ],
  [
    '§3.5.2.3 replace emails[type eq "work"].value changes only that sub-attribute',
    {
      given: rfcFullUser,
      ops: [{ op: "replace", path: 'emails[type eq "work"].value', value: "babs@example.org" }],
      want: {
        emails: [
          { value: "babs@example.org", type: "work", primary: true },
          { value: "babs@jensen.org", type: "home" },
        ],
      },
    },
  ],
  [
    "§3.5.2 / §3.10 an extension attribute by its URN path adds the extension and its URN to schemas",
    {
      given: minimalUser,
      ops: [{ op: "add", path: `${enterpriseUrn}:employeeNumber`, value: "701984" }],
      want: { schemas: [userUrn, enterpriseUrn], [enterpriseUrn]: { employeeNumber: "701984" } },
    },
  ],
  [
    "§3.5.2.3 replace of the complex manager by URN path",
    {
      given: rfcEnterpriseUser,
      ops: [{ op: "replace", path: `${enterpriseUrn}:manager`, value: { value: james } }],
      want: {
        [enterpriseUrn]: {
          employeeNumber: "701984",
          costCenter: "4130",
          organization: "Universal Studios",
          division: "Theme Park",
          department: "Tour Operations",
          // The old $ref described the old manager, so it goes with the old value.
          manager: { value: james },
        },
      },
    },
  ],
  [
    "§3.5.2.2 remove of the manager by URN path",
    {
      given: rfcEnterpriseUser,
      ops: [{ op: "remove", path: `${enterpriseUrn}:manager` }],
      want: {
        [enterpriseUrn]: {
          employeeNumber: "701984",
          costCenter: "4130",
          organization: "Universal Studios",
          division: "Theme Park",
          department: "Tour Operations",
        },
      },
    },
  ],
  [
    "§3.5.2.1 add of a whole extension object by its URN path",
    {
      given: minimalUser,
      ops: [
        {
          op: "add",
          path: enterpriseUrn,
          value: { department: "Tour Operations", manager: { value: james } },
        },
      ],
      want: { [enterpriseUrn]: { department: "Tour Operations", manager: { value: james } } },
    },
  ],
  [
    "§3.5.2.1 add without path of an extension object keyed by its URN",
    {
      given: minimalUser,
      ops: [{ op: "add", value: { [enterpriseUrn]: { costCenter: "4130" }, title: "Tour Guide" } }],
      want: {
        [enterpriseUrn]: { costCenter: "4130" },
        title: "Tour Guide",
        schemas: [userUrn, enterpriseUrn],
      },
    },
  ],
  [
    "§3.5.2.2 remove of a whole extension drops its URN from schemas",
    {
      given: rfcEnterpriseUser,
      ops: [{ op: "remove", path: enterpriseUrn }],
      want: { [enterpriseUrn]: undefined, schemas: [userUrn] },
    },
  ],
];

describe("PATCH engine: RFC 7644 §3.5.2 User examples (RFC 7643 §8.1–§8.3 users)", () => {
  for (const [name, { given, ops, want, changed }] of userCases) {
    it(name, () => {
      const result = patch(userCtx, given, body(...ops));
      assertAttributes(result.resource, want);
      if (changed !== undefined) assert.equal(result.changed, changed);
      assert.equal(result.membership, undefined);
    });
  }
});
