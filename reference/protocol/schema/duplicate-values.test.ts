// RFC 7643 §2.4: "the service provider SHOULD NOT return the same (type, value) combination more than
// once per attribute" (catalogue rfc7643.schema.no-duplicate-type-value). Duplicates are collapsed where a
// body is normalised (POST, PUT, and the PATCH result: apply-patch.duplicates.test.ts), compared as a
// filter `eq` would, keeping the first value, filling its gaps from the others and OR-ing `primary`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonObject, JsonValue } from "../resource/json.js";
import { deviceRegistry, deviceUrn, rtOf } from "./device-registry.js";
import { coreSchemaUrns } from "./schema-definition.js";
import { validateForCreate } from "./validate-resource.js";

const registry = deviceRegistry();
const babs = "2819c223-7f76-453a-919d-413861904646";

interface Case {
  /** Resource type: the spec's User and Group, or the test Device (simple `tags`, integer `ports`). */
  readonly rt: "User" | "Group" | "Device";
  /** The attribute under test and the values the client sends for it. */
  readonly attribute: string;
  readonly given: JsonValue[];
  /** What the normalised resource holds for it. */
  readonly want: JsonValue[];
}

const base: Record<Case["rt"], JsonObject> = {
  User: { schemas: [coreSchemaUrns.user], userName: "bjensen" },
  Group: { schemas: [coreSchemaUrns.group], displayName: "Tour Guides" },
  Device: { schemas: [deviceUrn], name: "d1" },
};

const work = { value: "bjensen@example.com", type: "work" };

const cases: [string, Case][] = [
  [
    "the same work email twice is kept once",
    { rt: "User", attribute: "emails", given: [work, { ...work }], want: [work] },
  ],
  [
    "an email differing only in case is the same (emails.value and type are caseExact=false)",
    {
      rt: "User",
      attribute: "emails",
      given: [work, { value: "BJensen@Example.com", type: "WORK" }],
      want: [work],
    },
  ],
  [
    "the same value with another type is another combination",
    {
      rt: "User",
      attribute: "emails",
      given: [work, { ...work, type: "home" }],
      want: [work, { ...work, type: "home" }],
    },
  ],
  [
    "the same value without a type is another combination",
    {
      rt: "User",
      attribute: "emails",
      given: [work, { value: work.value }],
      want: [work, { value: work.value }],
    },
  ],
  [
    "primary is true when any duplicate said so",
    {
      rt: "User",
      attribute: "emails",
      given: [work, { ...work, primary: true }],
      want: [{ ...work, primary: true }],
    },
  ],
  [
    "the first value's sub-attributes win, a later duplicate fills only the gaps",
    {
      rt: "User",
      attribute: "emails",
      given: [
        { ...work, display: "first" },
        { ...work, display: "second", primary: false },
      ],
      want: [{ ...work, display: "first", primary: false }],
    },
  ],
  [
    "the first duplicate keeps its place among other values",
    {
      rt: "User",
      attribute: "phoneNumbers",
      given: [
        { value: "555-1", type: "home" },
        { value: "555-2", type: "work" },
        { value: "555-1", type: "home" },
      ],
      want: [
        { value: "555-1", type: "home" },
        { value: "555-2", type: "work" },
      ],
    },
  ],
  [
    "photos.value is a reference, compared exactly (RFC 7643 §2.3.7)",
    {
      rt: "User",
      attribute: "photos",
      given: [
        { value: "https://photos.example.com/A.jpg", type: "photo" },
        { value: "https://photos.example.com/a.jpg", type: "photo" },
      ],
      want: [
        { value: "https://photos.example.com/A.jpg", type: "photo" },
        { value: "https://photos.example.com/a.jpg", type: "photo" },
      ],
    },
  ],
  [
    "addresses (no value sub-attribute) collapse when every sub-attribute but primary agrees",
    {
      rt: "User",
      attribute: "addresses",
      given: [
        { locality: "Hollywood", type: "work" },
        { locality: "HOLLYWOOD", type: "work", primary: true },
        { locality: "Hollywood", type: "work", region: "CA" },
      ],
      want: [
        { type: "work", locality: "Hollywood", primary: true },
        { type: "work", locality: "Hollywood", region: "CA" },
      ],
    },
  ],
  [
    "Group members are one member per value, whatever their type says (RFC 7643 §4.2)",
    {
      rt: "Group",
      attribute: "members",
      given: [{ value: babs, type: "User" }, { value: babs, type: "Group" }, { value: babs }],
      want: [{ value: babs, type: "User" }],
    },
  ],
  [
    "members.value is caseExact: ids differing in case are two members",
    {
      rt: "Group",
      attribute: "members",
      given: [{ value: "abc" }, { value: "ABC" }],
      want: [{ value: "abc" }, { value: "ABC" }],
    },
  ],
  [
    "a simple multi-valued attribute keeps one of equal values (caseExact=false)",
    { rt: "Device", attribute: "tags", given: ["blue", "Blue", "red", "BLUE"], want: ["blue", "red"] },
  ],
  [
    "an integer value compares as a number",
    {
      rt: "Device",
      attribute: "ports",
      given: [
        { value: 443, type: "tcp" },
        { value: 443.0, type: "TCP" },
        { value: 443, type: "udp" },
      ],
      want: [
        { value: 443, type: "tcp" },
        { value: 443, type: "udp" },
      ],
    },
  ],
];

describe("duplicate values of a multi-valued attribute (RFC 7643 §2.4)", () => {
  for (const [name, { rt, attribute, given, want }] of cases) {
    it(`on create: ${name}`, () => {
      const result = validateForCreate(registry, rtOf(registry, rt), { ...base[rt], [attribute]: given });
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(result.resource[attribute], want);
    });
  }

  it("collapses two primary duplicates instead of refusing them as two primaries", () => {
    const result = validateForCreate(registry, rtOf(registry, "User"), {
      ...base.User,
      emails: [
        { ...work, primary: true },
        { ...work, primary: true },
      ],
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.resource.emails, [{ ...work, primary: true }]);
  });

  it("still refuses two different primary values (RFC 7643 §2.4)", () => {
    const result = validateForCreate(registry, rtOf(registry, "User"), {
      ...base.User,
      emails: [
        { ...work, primary: true },
        { ...work, type: "home", primary: true },
      ],
    });
    assert.equal(result.ok, false);
  });
});
