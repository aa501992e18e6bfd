import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isLoopbackHost, refusedTarget } from "./target-guard.js";

describe("load target guard", () => {
  const cases: readonly [string, boolean][] = [
    ["http://127.0.0.1:8080/scim/v2", true],
    ["http://127.3.2.1/scim/v2", true],
    ["http://localhost:8080/scim/v2", true],
    ["http://LOCALHOST/scim/v2", true],
    ["http://api.localhost/scim/v2", true],
    ["http://[::1]:8080/scim/v2", true],
    ["http://[::ffff:127.0.0.1]/scim/v2", true],
    ["https://scim.example.com/scim/v2", false],
    ["http://10.0.0.5/scim/v2", false],
    ["http://[::ffff:10.0.0.5]/scim/v2", false],
    ["http://128.0.0.1/scim/v2", false],
    ["http://localhost.example.com/scim/v2", false],
  ];
  for (const [url, loopback] of cases) {
    it(`${loopback ? "accepts" : "refuses"} ${url} without --allow-remote`, () => {
      assert.equal(isLoopbackHost(new URL(url).hostname), loopback);
      assert.equal(refusedTarget(new URL(url), false) === undefined, loopback);
    });
  }

  it("accepts any host with --allow-remote", () => {
    assert.equal(refusedTarget(new URL("https://scim.example.com/scim/v2"), true), undefined);
  });

  it("names the host and the way out in the refusal", () => {
    const message = refusedTarget(new URL("https://scim.example.com/scim/v2"), false) ?? "";
    assert.match(message, /scim\.example\.com is not a loopback address/);
    assert.match(message, /--allow-remote/);
  });
});
