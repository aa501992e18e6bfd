// Reading bulk requests (RFC 7644 §3.7), bulkId references (§3.7.2) and the execution order with
// circular references (§3.7.1).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScimError } from "../../protocol/errors/scim-error.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { messageUrns } from "../../protocol/schema/schema-definition.js";
import { planBulk } from "./bulk-plan.js";
import { referencesIn, substitute, substitutePath, withoutUnresolved } from "./bulk-references.js";
import { parseBulkRequest } from "./bulk-request.js";

const bulk = (operations: JsonObject[], extra: JsonObject = {}): JsonObject => ({
  schemas: [messageUrns.bulkRequest],
  Operations: operations,
  ...extra,
});
const post = (bulkId: string, data: JsonObject, path = "/Groups"): JsonObject => ({
  method: "POST",
  path,
  bulkId,
  data,
});

function failure(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof ScimError);
    return `${error.status} ${error.scimType ?? ""}`.trim();
  }
  return undefined;
}

describe("parseBulkRequest", () => {
  const whole: [string, { body: JsonObject; max?: number; want: string }][] = [
    ["a body without the BulkRequest URN", { body: { Operations: [] }, want: "400 invalidSyntax" }],
    [
      "a body without Operations",
      { body: { schemas: [messageUrns.bulkRequest] }, want: "400 invalidSyntax" },
    ],
    [
      "more operations than maxOperations with 413 (RFC 7644 §3.7.4)",
      { body: bulk([post("a", {}), post("b", {})]), max: 1, want: "413" },
    ],
    ["a failOnErrors of 0", { body: bulk([], { failOnErrors: 0 }), want: "400 invalidValue" }],
    ["a duplicate bulkId", { body: bulk([post("a", {}), post("a", {})]), want: "400 invalidValue" }],
  ];
  for (const [name, { body, max, want }] of whole) {
    it(`refuses ${name}`, () =>
      assert.equal(
        failure(() => parseBulkRequest(body, max ?? 10)),
        want,
      ));
  }

  it("names the limit in the 413 detail (RFC 7644 §3.7.4)", () => {
    try {
      parseBulkRequest(bulk([post("a", {}), post("b", {})]), 1);
      assert.fail("expected 413");
    } catch (error) {
      assert.match((error as ScimError).detail, /maxOperations \(1\)/);
    }
  });

  const perOperation: [string, JsonObject][] = [
    ["an unknown method", { method: "GET", path: "/Users" }],
    ["a missing path", { method: "DELETE" }],
    ["a POST without bulkId", { method: "POST", path: "/Users", data: {} }],
    ["a PUT without data", { method: "PUT", path: "/Users/1" }],
    ["an operation that is not an object", "x" as unknown as JsonObject],
  ];
  for (const [name, op] of perOperation) {
    it(`fails only the operation with ${name}`, () => {
      const request = parseBulkRequest(bulk([op, { method: "DELETE", path: "/Users/1" }]), 10);
      assert.equal(request.operations[0]?.invalid?.scimType, "invalidSyntax");
      assert.equal(request.operations[1]?.invalid, undefined);
    });
  }

  it("accepts methods in any letter case and keeps failOnErrors and version", () => {
    const request = parseBulkRequest(
      bulk([{ method: "delete", path: "/Users/1", version: 'W/"1"' }], { failOnErrors: 1 }),
      10,
    );
    assert.equal(request.operations[0]?.method, "DELETE");
    assert.equal(request.operations[0]?.version, 'W/"1"');
    assert.equal(request.failOnErrors, 1);
  });
});

describe("bulkId references (RFC 7644 §3.7.2)", () => {
  const ids = new Map([["qwerty", "92b725cd"]]);

  it("finds references in data at any depth and in paths", () => {
    const data = {
      members: [{ type: "User", value: "bulkId:qwerty" }],
      x: { manager: { value: "bulkId:ytrewq" } },
    };
    assert.deepEqual(referencesIn(data), ["qwerty", "ytrewq"]);
    assert.equal(substitutePath("/Groups/bulkId:qwerty", ids), "/Groups/92b725cd");
  });

  it("replaces resolved references and leaves others", () => {
    assert.deepEqual(substitute({ members: [{ value: "bulkId:qwerty" }, { value: "bulkId:nope" }] }, ids), {
      members: [{ value: "92b725cd" }, { value: "bulkId:nope" }],
    });
  });

  it("drops array elements and keys that still refer to unresolved bulkIds (RFC 7644 §3.7.1 first pass)", () => {
    const data = {
      displayName: "A",
      members: [{ value: "bulkId:qwerty" }, { value: "bulkId:later" }],
      manager: { value: "bulkId:later" },
    };
    assert.deepEqual(withoutUnresolved(data, ids), {
      displayName: "A",
      members: [{ value: "bulkId:qwerty" }],
      manager: {},
    });
  });
});

describe("planBulk", () => {
  const order = (body: JsonObject) =>
    planBulk(parseBulkRequest(body, 100).operations).steps.map((s) =>
      s.kind === "single" ? s.operation.index : `cycle(${s.operations.map((o) => o.index).join(",")})`,
    );

  it("keeps the client's order when nothing refers to anything", () => {
    assert.deepEqual(
      order(bulk([post("a", {}), post("b", {}), { method: "DELETE", path: "/Users/x" }])),
      [0, 1, 2],
    );
  });

  it("runs a POST before the operations that refer to its bulkId (RFC 7644 §3.7)", () => {
    const body = bulk([
      post("g", { members: [{ type: "User", value: "bulkId:u" }] }),
      { method: "PATCH", path: "/Groups/bulkId:g", data: { Operations: [] } },
      post("u", { userName: "alice" }, "/Users"),
    ]);
    assert.deepEqual(order(body), [2, 0, 1]);
  });

  it("groups the RFC 7644 §3.7.1 circular example into one cycle step", () => {
    const body = bulk([
      post("qwerty", { displayName: "Group A", members: [{ type: "Group", value: "bulkId:ytrewq" }] }),
      post("ytrewq", { displayName: "Group B", members: [{ type: "Group", value: "bulkId:qwerty" }] }),
    ]);
    assert.deepEqual(order(body), ["cycle(0,1)"]);
  });

  it("treats a POST that refers to itself as a cycle", () => {
    assert.deepEqual(order(bulk([post("self", { members: [{ value: "bulkId:self" }] })])), ["cycle(0)"]);
  });

  it("runs an operation that refers to an unknown bulkId in its place, to fail there", () => {
    const plan = planBulk(
      parseBulkRequest(bulk([post("a", { members: [{ value: "bulkId:zzz" }] })]), 10).operations,
    );
    assert.equal(plan.steps[0]?.kind, "single");
    assert.deepEqual(plan.references.get(0), ["zzz"]);
  });
});
