import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ScimType } from "../errors/scim-error.js";
import type { JsonObject } from "../resource/json.js";
import { deviceRegistry, deviceUrn, rackUrn, rtOf } from "./device-registry.js";
import { coreSchemaUrns } from "./schema-definition.js";
import { validateForReplace, validateResource } from "./validate-resource.js";
import type { ValidationMode, ValidationResult } from "./validation-types.js";

const registry = deviceRegistry();
const device = (extra: JsonObject = {}): JsonObject => ({ schemas: [deviceUrn], name: "d1", ...extra });
/** The stored Device as the read mapping returns it: with id and meta. */
const stored = (extra: JsonObject = {}): JsonObject => ({
  ...device(extra),
  id: "dev-1",
  meta: { resourceType: "Device", version: 'W/"1"' },
  status: "online",
});

type Want = { readonly issues: readonly (readonly [ScimType, string])[] } | { readonly resource: JsonObject };

function check(result: ValidationResult, want: Want): void {
  if ("issues" in want) {
    assert.equal(result.ok, false, `expected issues, got ${JSON.stringify(result)}`);
    if (!result.ok)
      assert.deepEqual(
        result.issues.map((i) => [i.code, i.path]),
        want.issues,
      );
  } else {
    assert.equal(result.ok, true, `expected success, got ${JSON.stringify(result)}`);
    if (result.ok) assert.deepEqual(result.resource, want.resource);
  }
}

interface Case {
  readonly rt?: string;
  readonly existing: JsonObject;
  readonly body: JsonObject;
  readonly want: Want;
}

function runTable(mode: Exclude<ValidationMode, "create">, cases: Record<string, Case>): void {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const rt = rtOf(registry, c.rt ?? "Device");
      const result =
        mode === "replace"
          ? validateForReplace(registry, rt, c.body, c.existing)
          : validateResource(registry, rt, c.body, { mode, existing: c.existing });
      check(result, c.want);
    });
  }
}

describe("validateForReplace: immutable (RFC 7644 §3.5.1)", () => {
  runTable("replace", {
    "accepts an immutable value sent unchanged": {
      existing: stored({ serial: "SN-1" }),
      body: device({ serial: "SN-1" }),
      want: { resource: device({ serial: "SN-1" }) },
    },
    "refuses a changed immutable value with 400 mutability": {
      existing: stored({ serial: "SN-1" }),
      body: device({ serial: "SN-2" }),
      want: { issues: [["mutability", "serial"]] },
    },
    "compares a caseExact immutable value case-sensitively": {
      existing: stored({ serial: "SN-1" }),
      body: device({ serial: "sn-1" }),
      want: { issues: [["mutability", "serial"]] },
    },
    "keeps the existing immutable value when the body omits it (omitted = not asserted)": {
      existing: stored({ serial: "SN-1" }),
      body: device({ count: 2 }),
      want: { resource: device({ serial: "SN-1", count: 2 }) },
    },
    "applies a new immutable value when none exists (SHALL be applied)": {
      existing: stored(),
      body: device({ serial: "SN-9" }),
      want: { resource: device({ serial: "SN-9" }) },
    },
    "refuses a changed immutable sub-attribute of a single-valued complex attribute": {
      existing: stored({ owner: { value: "o", badge: "B1" } }),
      body: device({ owner: { value: "o", badge: "B2" } }),
      want: { issues: [["mutability", "owner.badge"]] },
    },
    "compares a caseExact=false immutable sub-attribute case-insensitively": {
      existing: stored({ owner: { value: "o", badge: "B1" } }),
      body: device({ owner: { value: "o", badge: "b1" } }),
      want: { resource: device({ owner: { value: "o", badge: "b1" } }) },
    },
    "carries an omitted immutable sub-attribute into the new complex value, in schema order": {
      existing: stored({ owner: { value: "o", badge: "B1" } }),
      body: device({ owner: { display: "Ann", value: "p" } }),
      want: { resource: device({ owner: { value: "p", display: "Ann", badge: "B1" } }) },
    },
    "still requires the required sub-attributes of a complex value recreated to carry an immutable one": {
      existing: stored({ owner: { value: "o", badge: "B1" } }),
      body: device(),
      want: { issues: [["invalidValue", "owner.value"]] },
    },
    "ignores the id and meta of the body, even when they differ from the stored ones (RFC 7644 §3.5.1)": {
      existing: stored(),
      body: device({ id: "other", meta: { version: 'W/"9"' } }),
      want: { resource: device() },
    },
    "replaces readWrite attributes and drops the omitted ones": {
      existing: stored({ count: 1, tags: ["a"] }),
      body: device({ tags: ["b"] }),
      want: { resource: device({ tags: ["b"] }) },
    },
  });

  runTable("replace", {
    "lets Group members be added and removed although their sub-attributes are immutable (RFC 7643 §4.2)": {
      rt: "Group",
      existing: { schemas: [coreSchemaUrns.group], id: "g", displayName: "g", members: [{ value: "u1" }] },
      body: { schemas: [coreSchemaUrns.group], displayName: "g", members: [{ value: "u2", type: "User" }] },
      want: {
        resource: {
          schemas: [coreSchemaUrns.group],
          displayName: "g",
          members: [{ value: "u2", type: "User" }],
        },
      },
    },
  });

  it("needs the existing resource in replace mode", () => {
    assert.throws(
      () => validateResource(registry, rtOf(registry, "Device"), device(), { mode: "replace" }),
      /needs the existing resource/,
    );
  });
});

describe("validateResource in patch-result mode (RFC 7644 §3.5.2)", () => {
  runTable("patch-result", {
    "accepts a result that leaves an immutable value unchanged and drops readOnly values silently": {
      existing: stored({ serial: "SN-1" }),
      body: stored({ serial: "SN-1", count: 3 }),
      want: { resource: device({ serial: "SN-1", count: 3 }) },
    },
    "refuses a result that removed an existing immutable value (RFC 7643 §7: SHALL NOT be updated)": {
      existing: stored({ serial: "SN-1" }),
      body: stored(),
      want: { issues: [["mutability", "serial"]] },
    },
    "refuses a result that changed an immutable value": {
      existing: stored({ serial: "SN-1" }),
      body: stored({ serial: "SN-2" }),
      want: { issues: [["mutability", "serial"]] },
    },
    "accepts a first immutable value": {
      existing: stored(),
      body: stored({ serial: "SN-1" }),
      want: { resource: device({ serial: "SN-1" }) },
    },
    "still checks types, required values and one primary": {
      existing: stored(),
      body: stored({
        name: null,
        count: "3",
        ports: [
          { value: 1, primary: true },
          { value: 2, primary: true },
        ],
      }),
      want: {
        issues: [
          ["invalidValue", "count"],
          ["invalidValue", "name"],
          ["invalidValue", "ports"],
        ],
      },
    },
    "accepts a result that removed a whole optional extension": {
      existing: stored({ [rackUrn]: { rack: "R1" } }),
      body: stored(),
      want: { resource: device() },
    },
  });

  it("does not require `schemas` of a PATCH result and lists nothing as ignored", () => {
    const { schemas: _, ...withoutSchemas } = stored({ count: 1 });
    const result = validateResource(registry, rtOf(registry, "Device"), withoutSchemas, {
      mode: "patch-result",
    });
    assert.deepEqual(result, { ok: true, resource: device({ count: 1 }), ignored: [] });
  });
});
