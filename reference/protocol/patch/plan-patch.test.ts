// Membership planning (issue "Groups at scale"): which member operations run without the member list,
// and the MembershipDelta they fold into. A group's members are never passed in the deferred cases, so a
// passing case proves that the answer did not depend on them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonValue } from "../resource/json.js";
import { applyPatch } from "./apply-patch.js";
import type { MembershipDelta } from "./membership.js";
import { parsePatchRequest } from "./patch-request.js";
import { body, groupCtx, userCtx } from "./patch-testing.js";
import { planPatch } from "./plan-patch.js";

const group = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: "g", displayName: "G" };
const m = (value: string, type?: string) => ({ value, type });

type Case = [string, { ops: JsonValue[]; needsMembers: boolean; delta?: MembershipDelta | undefined }];

const cases: Case[] = [
  [
    "add members [a, b]",
    {
      ops: [{ op: "add", path: "members", value: [{ value: "a" }, { value: "b", type: "Group" }] }],
      needsMembers: false,
      delta: { add: [m("a"), m("b", "Group")], remove: [] },
    },
  ],
  [
    "add members with a lower-case type → canonical spelling",
    {
      ops: [{ op: "add", path: "members", value: [{ value: "a", type: "user" }] }],
      needsMembers: false,
      delta: { add: [m("a", "User")], remove: [] },
    },
  ],
  [
    "add members with the same id twice → once",
    {
      ops: [{ op: "add", path: "members", value: [{ value: "a" }, { value: "a", display: "A" }] }],
      needsMembers: false,
      delta: { add: [m("a")], remove: [] },
    },
  ],
  [
    'remove members[value eq "a"]',
    {
      ops: [{ op: "remove", path: 'members[value eq "a"]' }],
      needsMembers: false,
      delta: { add: [], remove: ["a"] },
    },
  ],
  [
    'remove members[value eq "a" or value eq "b"]',
    {
      ops: [{ op: "remove", path: 'members[value eq "a" or value eq "b"]' }],
      needsMembers: false,
      delta: { add: [], remove: ["a", "b"] },
    },
  ],
  [
    "remove members (all)",
    {
      ops: [{ op: "remove", path: "members" }],
      needsMembers: false,
      delta: { replaceAll: [], add: [], remove: [] },
    },
  ],
  [
    "replace members [a]",
    {
      ops: [{ op: "replace", path: "members", value: [{ value: "a" }] }],
      needsMembers: false,
      delta: { replaceAll: [m("a")], add: [], remove: [] },
    },
  ],
  [
    "replace members [] (Okta)",
    {
      ops: [{ op: "replace", path: "members", value: [] }],
      needsMembers: false,
      delta: { replaceAll: [], add: [], remove: [] },
    },
  ],
  [
    "no-path add {members: [a]}",
    {
      ops: [{ op: "add", value: { members: [{ value: "a" }] } }],
      needsMembers: false,
      delta: { add: [m("a")], remove: [] },
    },
  ],
  [
    "no-path replace {displayName, Members: [a]}",
    {
      ops: [{ op: "replace", value: { displayName: "New", Members: [{ value: "a" }] } }],
      needsMembers: false,
      delta: { replaceAll: [m("a")], add: [], remove: [] },
    },
  ],
  [
    "add a, then remove a → nothing to add, a removed",
    {
      ops: [
        { op: "add", path: "members", value: [{ value: "a" }] },
        { op: "remove", path: 'members[value eq "a"]' },
      ],
      needsMembers: false,
      delta: { add: [], remove: ["a"] },
    },
  ],
  [
    "remove a, then add a → a added, nothing removed",
    {
      ops: [
        { op: "remove", path: 'members[value eq "a"]' },
        { op: "add", path: "members", value: [{ value: "a" }] },
      ],
      needsMembers: false,
      delta: { add: [m("a")], remove: [] },
    },
  ],
  [
    "remove all, then add b → replace with [b]",
    {
      ops: [
        { op: "remove", path: "members" },
        { op: "add", path: "members", value: [{ value: "b" }] },
      ],
      needsMembers: false,
      delta: { replaceAll: [m("b")], add: [], remove: [] },
    },
  ],
  [
    "replace [a, b], then remove a → replace with [b]",
    {
      ops: [
        { op: "replace", path: "members", value: [{ value: "a" }, { value: "b" }] },
        { op: "remove", path: 'members[value eq "a"]' },
      ],
      needsMembers: false,
      delta: { replaceAll: [m("b")], add: [], remove: [] },
    },
  ],
  [
    "only displayName → no member change",
    { ops: [{ op: "replace", path: "displayName", value: "x" }], needsMembers: false, delta: undefined },
  ],
  [
    'remove members[display eq "x"] needs the list',
    { ops: [{ op: "remove", path: 'members[display eq "x"]' }], needsMembers: true },
  ],
  [
    'remove members[type eq "User"] needs the list',
    { ops: [{ op: "remove", path: 'members[type eq "User"]' }], needsMembers: true },
  ],
  [
    'remove members[value sw "a"] needs the list',
    { ops: [{ op: "remove", path: 'members[value sw "a"]' }], needsMembers: true },
  ],
  [
    'remove members[value eq "a" and type eq "User"] needs the list',
    { ops: [{ op: "remove", path: 'members[value eq "a" and type eq "User"]' }], needsMembers: true },
  ],
  [
    'replace members[value eq "a"] needs the list (noTarget when a is absent, §3.5.2.3)',
    { ops: [{ op: "replace", path: 'members[value eq "a"]', value: { value: "a" } }], needsMembers: true },
  ],
  [
    'add members[value eq "a"].display needs the list',
    { ops: [{ op: "add", path: 'members[value eq "a"].display', value: "x" }], needsMembers: true },
  ],
  [
    "an unparsable path is left to applyPatch's error",
    { ops: [{ op: "remove", path: "members[" }], needsMembers: false },
  ],
];

describe("planPatch and the membership delta (Groups at scale)", () => {
  for (const [name, spec] of cases) {
    it(name, () => {
      const request = parsePatchRequest(body(...spec.ops));
      const plan = planPatch(groupCtx, request);
      assert.equal(plan.needsMembers, spec.needsMembers);
      // Cases without `delta` only classify; the others run deferred, with no member list at all.
      if (spec.needsMembers || !("delta" in spec)) return;
      const result = applyPatch(groupCtx, group, request, { members: "deferred" });
      assert.deepEqual(result.membership, spec.delta);
    });
  }

  it("says a User request touches no members", () => {
    const plan = planPatch(userCtx, parsePatchRequest(body({ op: "replace", path: "title", value: "x" })));
    assert.deepEqual(plan, { needsMembers: false, touchesMembers: false });
  });

  it("says a member request touches members", () => {
    const plan = planPatch(
      groupCtx,
      parsePatchRequest(body({ op: "remove", path: 'members[value eq "a"]' })),
    );
    assert.deepEqual(plan, { needsMembers: false, touchesMembers: true });
  });

  it("reports the displayName change separately from the members", () => {
    const request = parsePatchRequest(
      body({ op: "replace", value: { displayName: "New", members: [{ value: "a" }] } }),
    );
    const result = applyPatch(groupCtx, group, request, { members: "deferred" });
    assert.equal(result.changed, true);
    assert.equal(result.resource.displayName, "New");
    assert.equal(result.resource.members, undefined);
  });
});
