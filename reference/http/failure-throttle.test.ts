// The per-address token bucket behind 429 (failure-throttle.ts; RFC 6585 §4 Retry-After): a burst of
// failures, then a steady refill; IPv6 clients share a bucket per /64; memory stays bounded.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientKey, FailureThrottle } from "./failure-throttle.js";

describe("clientKey", () => {
  const cases: [string, string | undefined, string][] = [
    ["keeps an IPv4 address", "192.0.2.7", "192.0.2.7"],
    ["unwraps an IPv4-mapped IPv6 address", "::ffff:192.0.2.7", "192.0.2.7"],
    ["groups IPv6 by /64", "2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"],
    ["expands :: before taking the /64", "2001:db8::5", "2001:db8:0:0::/64"],
    ["groups loopback IPv6", "::1", "0:0:0:0::/64"],
    ["names a missing address", undefined, "unknown"],
  ];
  for (const [name, address, want] of cases) it(name, () => assert.equal(clientKey(address), want));

  it("puts two addresses of one /64 in one bucket", () => {
    assert.equal(clientKey("2001:db8:1:2::1"), clientKey("2001:db8:1:2:ffff:ffff:ffff:ffff"));
  });
});

describe("FailureThrottle", () => {
  it("allows a burst, then asks to retry after the refill time", () => {
    let now = 0;
    const throttle = new FailureThrottle({ capacity: 3, refillPerSecond: 0.5, now: () => now });
    for (let i = 0; i < 3; i++) {
      assert.equal(throttle.retryAfter("a"), undefined);
      throttle.fail("a");
    }
    assert.equal(throttle.retryAfter("a"), 2, "one token comes back every 2 s");
    assert.equal(throttle.retryAfter("b"), undefined, "other addresses are not affected");
    now = 2000;
    assert.equal(throttle.retryAfter("a"), undefined);
    throttle.fail("a");
    assert.equal(throttle.retryAfter("a"), 2);
  });

  it("forgets an address once its bucket is full again", () => {
    let now = 0;
    const throttle = new FailureThrottle({ capacity: 2, refillPerSecond: 1, now: () => now });
    throttle.fail("a");
    assert.equal(throttle.size, 1);
    now = 5000;
    assert.equal(throttle.retryAfter("a"), undefined);
    assert.equal(throttle.size, 0);
  });

  it("keeps at most maxClients buckets, dropping the least recently failed", () => {
    const throttle = new FailureThrottle({
      capacity: 1,
      refillPerSecond: 0.001,
      maxClients: 3,
      now: () => 0,
    });
    for (const address of ["a", "b", "c", "d"]) throttle.fail(address);
    assert.equal(throttle.size, 3);
    assert.equal(throttle.retryAfter("a"), undefined, "the oldest was dropped");
    assert.ok(throttle.retryAfter("d") !== undefined);
  });
});
