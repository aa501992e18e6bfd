import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { scimTypes } from "../errors/scim-error.js";
import { checkProperty } from "../testing/check-property.js";
import { validBody } from "./body-arbitrary.js";
import { deviceRegistry, rtOf } from "./device-registry.js";
import { validateForCreate, validateForReplace, validateResource } from "./validate-resource.js";

const registry = deviceRegistry();

/** The same JSON with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}
const types = ["User", "Group", "Device", "StrictDevice"] as const;

describe("validation properties (fast-check; replay with FC_SEED)", () => {
  for (const name of types) {
    const rt = rtOf(registry, name);

    it(`${name}: accepts every schema-valid body, and normalising is idempotent (validate(validate(x)) = validate(x))`, () => {
      checkProperty(
        fc.property(validBody(registry, rt), (body) => {
          const first = validateForCreate(registry, rt, body);
          assert.equal(first.ok, true, JSON.stringify(first));
          if (!first.ok) return;
          const again = validateForCreate(registry, rt, first.resource);
          assert.deepEqual(again, { ok: true, resource: first.resource, ignored: [] });
        }),
        150,
      );
    });

    it(`${name}: a PUT of the normalised resource over itself changes nothing, nor does it as a PATCH result`, () => {
      checkProperty(
        fc.property(validBody(registry, rt), (body) => {
          const first = validateForCreate(registry, rt, body);
          if (!first.ok) return;
          const stored = { ...first.resource, id: "x", meta: { version: 'W/"1"' } };
          const put = validateForReplace(registry, rt, first.resource, stored);
          assert.deepEqual(put, { ok: true, resource: first.resource, ignored: [] });
          // A create is not re-ordered (only carried-over immutable values can be out of place), so its
          // keys must stand in the order a PUT puts them in, at every level, whatever the body's order.
          const backwards = validateForCreate(registry, rt, reversedKeys(body));
          if (put.ok && backwards.ok)
            assert.equal(JSON.stringify(backwards.resource), JSON.stringify(put.resource));
          const patched = validateResource(registry, rt, stored, { mode: "patch-result", existing: stored });
          assert.deepEqual(patched, { ok: true, resource: first.resource, ignored: [] });
        }),
        100,
      );
    });
  }

  it("never throws on arbitrary JSON, and every issue is a SCIM error with a path and a message", () => {
    const rt = rtOf(registry, "Device");
    checkProperty(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (junk) => {
        const result = validateForCreate(registry, rt, junk);
        if (result.ok) return;
        assert.ok(result.issues.length > 0);
        for (const i of result.issues) {
          assert.ok((scimTypes as readonly string[]).includes(i.code));
          assert.ok(i.message.length > 0);
        }
      }),
      300,
    );
  });
});
