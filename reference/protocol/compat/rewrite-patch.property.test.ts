// The compatibility layers never turn bad input into a crash: whatever a client sends, preparing and
// applying the request either succeeds or fails with a ScimError, and the stored resource is untouched
// (RFC 7644 §3.5.2 atomicity; brief: "never a 500"). Seeds are printed on failure (FC_SEED=…).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ScimError } from "../errors/scim-error.js";
import { applyPatch } from "../patch/apply-patch.js";
import {
  body,
  deepFreeze,
  enterpriseUrn,
  groupCtx,
  rfcGroup,
  userCtx,
  withoutKey,
} from "../patch/patch-testing.js";
import { planPatch } from "../patch/plan-patch.js";
import type { JsonValue } from "../resource/json.js";
import { checkProperty } from "../testing/check-property.js";
import { rfcEnterpriseUser } from "../testing/rfc7643-users.js";
import { compatLayerNames } from "./compat-layer.js";
import { preparePatchRequest } from "./rewrite-patch.js";

const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom("True", "false", "", "x", "2819c223", "work", null, true, 0),
  fc.string({ maxLength: 6 }),
);
const value: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom(
        "value",
        "type",
        "primary",
        "display",
        "givenName",
        "members",
        "active",
        "name.givenName",
        enterpriseUrn,
        `${enterpriseUrn}:manager`,
        'emails[type eq "work"].value',
        "id",
        "schemas",
      ),
      tie("v"),
      { maxKeys: 3 },
    ),
  ),
})).v;
const path = fc.constantFrom(
  "members",
  'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
  'members[display eq "Babs Jensen"]',
  "displayName",
  "active",
  "emails",
  'emails[type eq "work"].value',
  'emails[type eq "work"].primary',
  `${enterpriseUrn}:manager`,
  enterpriseUrn,
  "name.givenName",
  "id",
  "x[",
);
const op: fc.Arbitrary<JsonValue> = fc.record(
  { op: fc.constantFrom("add", "Add", "REPLACE", "replace", "remove", "Remove", "move"), path, value },
  { requiredKeys: ["op"] },
);

describe("compatibility layers: robustness", () => {
  for (const [name, ctx, given] of [
    ["User", userCtx, rfcEnterpriseUser],
    ["Group", groupCtx, rfcGroup],
  ] as const) {
    it(`only ever answers a ScimError or a result, input unchanged (${name}, all layers)`, () => {
      checkProperty(
        fc.property(fc.array(op, { minLength: 1, maxLength: 4 }), (ops) => {
          const frozen = deepFreeze(structuredClone(given));
          const snapshot = structuredClone(frozen);
          try {
            const request = preparePatchRequest(compatLayerNames, body(...ops), ctx);
            const loaded = planPatch(ctx, request).needsMembers;
            applyPatch(ctx, loaded ? frozen : withoutKey(frozen, "members"), request, {
              members: loaded ? "loaded" : "deferred",
            });
          } catch (error) {
            assert.ok(
              error instanceof ScimError,
              `not a ScimError: ${error instanceof Error ? error.stack : String(error)}`,
            );
            assert.equal(error.status, 400);
          }
          assert.deepEqual(frozen, snapshot);
        }),
        300,
      );
    });
  }
});
