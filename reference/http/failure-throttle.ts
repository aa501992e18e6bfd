// Slows down credential guessing (connections issue: "repeated failures from one source are throttled").
// A token bucket per client address: every refused credential takes a token, tokens come back at a steady
// rate, and an address with an empty bucket gets 429 with `Retry-After` (RFC 6585 §4) before any password
// hash is spent on it. Successful requests take nothing, and a credential the server already verified keeps
// working from a throttled address (authenticate.ts), so a guesser behind the same NAT cannot lock out a
// real client. IPv6 clients are bucketed by their /64, the block one host is usually given, or a single
// machine could rotate addresses and never run dry. Memory is bounded: at most `maxClients` buckets, the
// least recently used dropped first (a dropped bucket forgets at most `capacity` failures).
import { isIPv6 } from "node:net";

export interface ThrottleOptions {
  /** Failures allowed in a burst. */
  readonly capacity: number;
  /** Failures forgiven per second once the burst is spent. */
  readonly refillPerSecond: number;
  readonly maxClients: number;
  /** Milliseconds; injectable for tests. */
  readonly now?: () => number;
}

/** Ten failures at once, then one every six seconds: ten a minute, far below guessing speed. */
export const defaultThrottleOptions: ThrottleOptions = Object.freeze({
  capacity: 10,
  refillPerSecond: 1 / 6,
  maxClients: 10_000,
});

interface Bucket {
  tokens: number;
  updatedAt: number;
}

function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(missing, 0)).fill("0"), ...right];
}

/** The throttling key of a client address: the IPv4 address, or the /64 of an IPv6 one. */
export function clientKey(address: string | undefined): string {
  if (address === undefined || address === "") return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!isIPv6(address)) return address;
  const groups = expandIPv6(address.split("%")[0] ?? address);
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

export class FailureThrottle {
  readonly #options: ThrottleOptions;
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;

  constructor(options: Partial<ThrottleOptions> = {}) {
    this.#options = { ...defaultThrottleOptions, ...options };
    this.#now = options.now ?? (() => Date.now());
  }

  #refilled(key: string): Bucket | undefined {
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) return undefined;
    const now = this.#now();
    const { capacity, refillPerSecond } = this.#options;
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * refillPerSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= capacity) {
      // A full bucket is the same as none.
      this.#buckets.delete(key);
      return undefined;
    }
    return bucket;
  }

  /** Seconds until the address may try again, or undefined when it is not throttled. */
  retryAfter(address: string | undefined): number | undefined {
    // Nobody has failed lately (the usual case): no key to compute, no IPv6 parsing per request (issue #8).
    if (this.#buckets.size === 0) return undefined;
    const bucket = this.#refilled(clientKey(address));
    if (bucket === undefined || bucket.tokens >= 1) return undefined;
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#options.refillPerSecond));
  }

  /** Records a refused credential from the address. */
  fail(address: string | undefined): void {
    const key = clientKey(address);
    const bucket = this.#refilled(key) ?? { tokens: this.#options.capacity, updatedAt: this.#now() };
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    // Re-inserting moves the key to the end: the map's order is least recently failed first.
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    while (this.#buckets.size > this.#options.maxClients) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest === undefined) break;
      this.#buckets.delete(oldest);
    }
  }

  get size(): number {
    return this.#buckets.size;
  }
}
