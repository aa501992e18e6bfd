// TEST-ONLY helpers for the PATCH engine and compatibility-layer tests: contexts for the spec schemas,
// the RFC 7643 §8.4 Group, and small assertion helpers. Imports node-only test helpers, so only
// *.test.ts files may import this.
import assert from "node:assert/strict";
import { ScimError } from "../errors/scim-error.js";
import type { JsonObject, JsonValue } from "../resource/json.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";
import { specRegistry } from "../testing/spec-registry.js";
import { applyPatch, type PatchResult } from "./apply-patch.js";
import type { PatchContext } from "./patch-context.js";
import { type PatchRequest, parsePatchRequest } from "./patch-request.js";
import { planPatch } from "./plan-patch.js";

export const patchOpUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const enterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const groupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";

export function contextFor(rt: string, registry: SchemaRegistry = specRegistry()): PatchContext {
  const resourceType = registry.resourceType(rt);
  if (resourceType === undefined) throw new Error(`no resource type ${rt}`);
  return { registry, resourceType };
}

export const userCtx: PatchContext = contextFor("User");
export const groupCtx: PatchContext = contextFor("Group");

/** RFC 7643 §8.4, the "Tour Guides" group with Babs Jensen and Mandy Pepperidge. */
export const rfcGroup: JsonObject = {
  schemas: [groupUrn],
  id: "e9e30dba-f08f-4109-8486-d5c6a331660a",
  displayName: "Tour Guides",
  members: [
    {
      value: "2819c223-7f76-453a-919d-413861904646",
      $ref: "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
      display: "Babs Jensen",
    },
    {
      value: "902c246b-6245-4190-8e05-00816be7344a",
      $ref: "https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a",
      display: "Mandy Pepperidge",
    },
  ],
  meta: {
    resourceType: "Group",
    created: "2010-01-23T04:56:22Z",
    lastModified: "2011-05-13T04:42:34Z",
    version: 'W/"3694e05e9dff592"',
    location: "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a",
  },
};

export const babs = "2819c223-7f76-453a-919d-413861904646";
export const mandy = "902c246b-6245-4190-8e05-00816be7344a";
export const james = "08e1d05d-121c-4561-8b96-473d93df9210";

export function body(...operations: JsonValue[]): JsonObject {
  return { schemas: [patchOpUrn], Operations: operations };
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Applies a request the way the server will: plan, then "deferred" unless the plan needs the members.
 * The input is deep-frozen first, so any attempt to change it in place throws.
 */
export function patch(ctx: PatchContext, given: JsonObject, request: PatchRequest | JsonObject): PatchResult {
  const parsed = "operations" in request ? (request as PatchRequest) : parsePatchRequest(request);
  const frozen = deepFreeze(structuredClone(given));
  const plan = planPatch(ctx, parsed);
  const mode = plan.needsMembers ? "loaded" : "deferred";
  const input = mode === "loaded" ? frozen : withoutKey(frozen, "members");
  return applyPatch(ctx, input, parsed, { members: mode });
}

export function withoutKey(object: JsonObject, key: string): JsonObject {
  const { [key]: _dropped, ...rest } = object;
  return rest;
}

/** Asserts that `run` throws a ScimError with this status and scimType (and detail fragment). */
export function assertScimError(
  run: () => unknown,
  scimType: string,
  detail?: string | RegExp,
  status = 400,
): ScimError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(
    caught instanceof ScimError,
    `expected a ScimError, got ${caught === undefined ? "success" : String(caught)}`,
  );
  assert.equal(caught.status, status, caught.detail);
  assert.equal(caught.scimType, scimType, caught.detail);
  if (typeof detail === "string")
    assert.ok(caught.detail.includes(detail), `detail "${caught.detail}" lacks "${detail}"`);
  else if (detail !== undefined) assert.match(caught.detail, detail);
  return caught;
}

/** Every key of `want` equals the same key of `actual` (undefined: the key is absent). */
export function assertAttributes(
  actual: JsonObject,
  want: Readonly<Record<string, JsonValue | undefined>>,
): void {
  for (const [key, value] of Object.entries(want)) {
    assert.deepEqual(actual[key], value, `attribute ${key}`);
  }
}
