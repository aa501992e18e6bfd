import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deviceRegistry, rtOf } from "./device-registry.js";
import { uniqueAttributes } from "./unique-attributes.js";

const registry = deviceRegistry();
const summary = (rt: string) =>
  uniqueAttributes(registry, rtOf(registry, rt)).map((u) => [u.path, u.uniqueness, u.caseExact]);

describe("uniqueAttributes (RFC 7643 §2.2, §7 uniqueness)", () => {
  it("names User userName, unique per server and compared case-insensitively (RFC 7643 §4.1.1)", () => {
    assert.deepEqual(summary("User"), [["userName", "server", false]]);
  });
  it("names nothing for Group: displayName carries no uniqueness in RFC 7643 §4.2", () => {
    assert.deepEqual(summary("Group"), []);
  });
  it("leaves out readOnly id, which the server assigns unique by construction", () => {
    assert.ok(!summary("Device").some(([path]) => path === "id"));
  });
  it("reports server and global uniqueness with caseExact", () => {
    assert.deepEqual(summary("Device"), [
      ["name", "server", false],
      ["serial", "global", true],
    ]);
  });
  it("returns resolved attributes a datastore plan can use", () => {
    const [first] = uniqueAttributes(registry, rtOf(registry, "User"));
    assert.equal(first?.attribute.leaf.name, "userName");
    assert.equal(first?.attribute.extension, false);
  });
});
