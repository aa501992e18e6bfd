import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "../cli/test-options.js";
import { parseDuration, resolveLoadOptions } from "./load-options.js";

describe("load options", () => {
  it("defaults to the Entra ID mix for 10 s on 8 connections with 100 users and every format", () => {
    const s = resolveLoadOptions({}, {});
    assert.deepEqual(s.mode, { kind: "profile", name: "entra" });
    assert.equal(s.durationMs, 10_000);
    assert.equal(s.requests, undefined);
    assert.equal(s.connections, 8);
    assert.equal(s.users, 100);
    assert.deepEqual(s.formats, ["json", "junit", "html", "md"]);
    assert.deepEqual(s.credentials, { kind: "none" });
  });

  it("reads credentials like `test`: flags first, then SCIM_BEARER_TOKEN", () => {
    assert.deepEqual(resolveLoadOptions({}, { SCIM_BEARER_TOKEN: "t0k3n" }).credentials, {
      kind: "bearer",
      token: "t0k3n",
    });
    assert.deepEqual(resolveLoadOptions({ basic: "u:p" }, { SCIM_BEARER_TOKEN: "t" }).credentials, {
      kind: "basic",
      user: "u",
      password: "p",
    });
  });

  const durations: readonly [string, number][] = [
    ["30s", 30_000],
    ["2m", 120_000],
    ["500ms", 500],
    ["1.5", 1500],
    ["60m", 3_600_000],
  ];
  for (const [text, ms] of durations) {
    it(`reads --duration ${text} as ${ms} ms`, () => assert.equal(parseDuration(text), ms));
  }

  const refused: readonly [string, Parameters<typeof resolveLoadOptions>[0], RegExp][] = [
    ["an unbounded duration", { duration: "61m" }, /--duration 61m/],
    ["a duration without a number", { duration: "soon" }, /--duration soon/],
    ["a zero duration", { duration: "0s" }, /--duration 0s/],
    ["a profile and an operation", { profile: "okta", op: "get" }, /mutually exclusive/],
    ["an unknown profile", { profile: "google" }, /--profile google: expected one of entra, okta/],
    ["an unknown operation", { op: "explode" }, /--op explode: expected one of get, filter/],
    ["zero connections", { connections: "0" }, /--connections 0/],
    ["too many connections", { connections: "1000" }, /--connections 1000/],
    ["a fractional request budget", { requests: "2.5" }, /--requests 2.5/],
    ["too many users", { users: "20000" }, /--users 20000/],
  ];
  for (const [name, raw, message] of refused) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => resolveLoadOptions(raw, {}),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
      );
    });
  }

  it("takes a single operation and a request budget", () => {
    const s = resolveLoadOptions({ op: "member-add", requests: "500", connections: "2" }, {});
    assert.deepEqual(s.mode, { kind: "op", name: "member-add" });
    assert.equal(s.requests, 500);
    assert.equal(s.connections, 2);
  });
});
