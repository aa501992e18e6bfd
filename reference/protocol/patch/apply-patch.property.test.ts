// PATCH invariants as fast-check properties (seeds are printed on failure; replay with FC_SEED=…):
// - atomic (RFC 7644 §3.5.2): a generated request either yields a valid resource or throws a ScimError,
//   and the input is never changed either way;
// - add is idempotent (RFC 7644 §3.5.2.1): applying an add a second time changes nothing;
// - Groups at scale: the membership delta computed without the member list ends in the same members as
//   the same request applied to the fully loaded list (differential between fast and full path).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ScimError } from "../errors/scim-error.js";
import type { JsonObject, JsonValue } from "../resource/json.js";
import { validateResource } from "../schema/validate-resource.js";
import { checkProperty } from "../testing/check-property.js";
import { rfcEnterpriseUser } from "../testing/rfc7643-users.js";
import { applyPatch } from "./apply-patch.js";
import type { MembershipDelta } from "./membership.js";
import { type PatchRequest, parsePatchRequest } from "./patch-request.js";
import { body, deepFreeze, enterpriseUrn, groupCtx, userCtx } from "./patch-testing.js";
import { planPatch } from "./plan-patch.js";

const text = fc.constantFrom("a", "B", "work", "home", "x@example.com", "X@Example.com", "", "True");
const scalar: fc.Arbitrary<JsonValue> = fc.oneof(
  text,
  fc.boolean(),
  fc.integer({ min: -2, max: 2 }),
  fc.constant(null),
);
const emailValue: fc.Arbitrary<JsonValue> = fc.record(
  { value: text, type: fc.constantFrom("work", "home", "other"), primary: fc.boolean() },
  { requiredKeys: ["value"] },
);
const anyValue: fc.Arbitrary<JsonValue> = fc.oneof(
  scalar,
  emailValue,
  fc.array(emailValue, { maxLength: 3 }),
  fc.record({ givenName: text, familyName: scalar }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom("title", "nickName", "active", "userName", "id", "name.givenName"), scalar, {
    maxKeys: 3,
  }),
);
const path = fc.constantFrom(
  "title",
  "nickName",
  "active",
  "userName",
  "id",
  "meta",
  "name",
  "name.givenName",
  "emails",
  'emails[type eq "work"]',
  'emails[type eq "work"].value',
  'emails[type eq "home"].primary',
  'emails[value co "x"]',
  "emails.value",
  `${enterpriseUrn}:department`,
  `${enterpriseUrn}:manager`,
  enterpriseUrn,
  "shoeSize",
  "emails[",
);
const operation: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.record({ op: fc.constantFrom("add", "replace"), path, value: anyValue }),
  fc.record({ op: fc.constant("remove"), path }),
  fc.record({
    op: fc.constantFrom("add", "replace"),
    value: fc.dictionary(fc.constantFrom("title", "emails", "active", "name", "nickName"), anyValue, {
      maxKeys: 3,
    }),
  }),
);

function tryParse(ops: JsonValue[]): PatchRequest | undefined {
  try {
    return parsePatchRequest(body(...ops));
  } catch (error) {
    if (error instanceof ScimError) return undefined;
    throw error;
  }
}

describe("PATCH engine properties", () => {
  it("is atomic: a valid resource, or a ScimError and the input deep-unchanged (RFC 7644 §3.5.2)", () => {
    const seen = { changed: 0, unchanged: 0, refused: 0 };
    checkProperty(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 5 }), (ops) => {
        const request = tryParse(ops);
        if (request === undefined) return;
        const given = deepFreeze(structuredClone(rfcEnterpriseUser));
        const snapshot = structuredClone(given);
        try {
          const result = applyPatch(userCtx, given, request, { members: "deferred" });
          seen[result.changed ? "changed" : "unchanged"]++;
          const again = validateResource(userCtx.registry, userCtx.resourceType, result.resource, {
            mode: "patch-result",
            existing: given,
          });
          assert.ok(again.ok, `result must be a valid resource: ${JSON.stringify(again)}`);
        } catch (error) {
          assert.ok(error instanceof ScimError, `only ScimErrors may escape: ${String(error)}`);
          assert.equal(error.status, 400);
          seen.refused++;
        }
        assert.deepEqual(given, snapshot);
      }),
      300,
    );
    // The generator must reach every outcome, or the property proves little.
    assert.ok(seen.changed > 0 && seen.unchanged > 0 && seen.refused > 0, JSON.stringify(seen));
  });

  it("makes a repeated add a no-change (RFC 7644 §3.5.2.1)", () => {
    const addOp = fc.oneof(
      fc.record({
        op: fc.constant("add"),
        path: fc.constantFrom("title", "nickName", "emails", "name", "phoneNumbers"),
        value: anyValue,
      }),
      fc.record({
        op: fc.constant("add"),
        value: fc.dictionary(fc.constantFrom("title", "emails", "name"), anyValue, { maxKeys: 2 }),
      }),
    );
    checkProperty(
      fc.property(addOp, (op) => {
        const request = tryParse([op]);
        if (request === undefined) return;
        let first: ReturnType<typeof applyPatch>;
        try {
          first = applyPatch(userCtx, rfcEnterpriseUser, request, { members: "deferred" });
        } catch (error) {
          if (error instanceof ScimError) return; // an invalid value is not an add to repeat
          throw error;
        }
        const stored = { ...first.resource, id: rfcEnterpriseUser.id ?? null };
        const second = applyPatch(userCtx, stored, request, { members: "deferred" });
        assert.equal(
          second.changed,
          false,
          `second add changed ${JSON.stringify(first.resource)} into ${JSON.stringify(second.resource)}`,
        );
        assert.deepEqual(second.resource, first.resource);
      }),
      300,
    );
  });

  it("gives the same members through the membership delta as through the loaded list (Groups at scale)", () => {
    const id = fc.constantFrom("a", "b", "c", "d", "e");
    const members = fc.uniqueArray(id, { maxLength: 5 }).map((ids) => ids.map((value) => ({ value })));
    const idFilter = fc
      .uniqueArray(id, { minLength: 1, maxLength: 3 })
      .map((ids) => ids.map((v) => `value eq "${v}"`).join(" or "));
    const memberOp: fc.Arbitrary<JsonValue> = fc.oneof(
      fc.record({ op: fc.constant("add"), path: fc.constant("members"), value: members }),
      fc.record({ op: fc.constant("replace"), path: fc.constant("members"), value: members }),
      fc.record({ op: fc.constant("remove"), path: fc.constant("members") }),
      idFilter.map((f) => ({ op: "remove", path: `members[${f}]` })),
      members.map((m) => ({ op: "add", value: { members: m } })),
      members.map((m) => ({ op: "replace", value: { members: m, displayName: "G" } })),
    );
    checkProperty(
      fc.property(members, fc.array(memberOp, { minLength: 1, maxLength: 6 }), (initial, ops) => {
        const request = parsePatchRequest(body(...ops));
        assert.equal(planPatch(groupCtx, request).needsMembers, false);
        const group: JsonObject = {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          id: "g",
          displayName: "G",
        };
        const full = applyPatch(groupCtx, { ...group, members: initial }, request, { members: "loaded" });
        const fast = applyPatch(groupCtx, group, request, { members: "deferred" });
        const loadedIds = (Array.isArray(full.resource.members) ? full.resource.members : []).map(
          (m) => (m as JsonObject).value,
        );
        const start = initial.map((m) => m.value);
        assert.deepEqual(applyDelta(start, fast.membership).sort(), [...loadedIds].sort());
        assert.deepEqual(applyDelta(start, full.membership).sort(), [...loadedIds].sort());
        assert.deepEqual(fast.resource, withoutMembers(full.resource));
      }),
      300,
    );
  });
});

function withoutMembers(resource: JsonObject): JsonObject {
  const { members: _m, ...rest } = resource;
  return rest;
}

function applyDelta(ids: readonly string[], delta: MembershipDelta | undefined): string[] {
  if (delta === undefined) return [...ids];
  let out = delta.replaceAll === undefined ? [...ids] : delta.replaceAll.map((m) => m.value);
  for (const m of delta.add) if (!out.includes(m.value)) out.push(m.value);
  out = out.filter((v) => !delta.remove.includes(v));
  return out;
}
