import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildMeta } from "./meta.js";
import { orderForOutput } from "./order-for-output.js";

describe("buildMeta (RFC 7643 §3.1)", () => {
  it("builds meta in the RFC's order with the weak ETag as version", () => {
    const meta = buildMeta({
      resourceType: "User",
      created: new Date("2010-01-23T04:56:22Z"),
      lastModified: "2011-05-13T04:42:34Z",
      version: "3694e05e9dff591",
      location: "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
    });
    assert.deepEqual(Object.entries(meta), [
      ["resourceType", "User"],
      ["created", "2010-01-23T04:56:22.000Z"],
      ["lastModified", "2011-05-13T04:42:34Z"],
      ["location", "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"],
      ["version", 'W/"3694e05e9dff591"'],
    ]);
  });
});

describe("orderForOutput", () => {
  it("puts schemas, id, externalId and meta first and keeps the rest in order", () => {
    const ordered = orderForOutput({
      userName: "b",
      meta: {},
      name: {},
      id: "1",
      schemas: [],
      externalId: "e",
    });
    assert.deepEqual(Object.keys(ordered), ["schemas", "id", "externalId", "meta", "userName", "name"]);
  });
  it("adds no key that is absent", () => {
    assert.deepEqual(orderForOutput({ displayName: "g", id: "1" }), { id: "1", displayName: "g" });
  });
});
