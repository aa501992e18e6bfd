// The run's identity: a random id (so two runs, even with the same seed, never collide on a shared
// server), the prefix every created value carries, the seed, and the deterministic randomness each
// check derives from it (the same seed and check id always give the same sequence).
import { randomBytes, randomInt } from "node:crypto";
import type { UniqueNames } from "../checks/check-context.js";

export function newRunId(): string {
  // 6 base-36 characters from 31 random bits: short enough for userNames, ~2 billion values.
  return (randomBytes(4).readUInt32BE(0) >>> 1).toString(36).padStart(6, "0").slice(-6);
}

export function prefixOf(runId: string): string {
  return `scimc-${runId}-`;
}

export function randomSeed(): number {
  return randomInt(0, 2 ** 31 - 1);
}

/** FNV-1a over the check id, mixed with the run seed: a stable per-check seed. */
export function checkSeed(runSeed: number, checkId: string): number {
  let hash = 0x811c9dc5 ^ runSeed;
  for (let i = 0; i < checkId.length; i += 1) {
    hash ^= checkId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast, good enough for choosing test data (not for secrets). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Unique values for the whole run (one counter shared by every check), all carrying the prefix. */
export class UniqueNameSource implements UniqueNames {
  readonly prefix: string;
  #counter = 0;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  name(label = "x"): string {
    this.#counter += 1;
    return `${this.prefix}${label}-${this.#counter}`;
  }

  userName(): string {
    return this.name("user");
  }

  email(): string {
    // example.org is reserved for documentation (RFC 2606 §3): mail to it goes nowhere.
    return `${this.name("mail")}@example.org`;
  }

  externalId(): string {
    return this.name("ext");
  }

  displayName(): string {
    return this.name("group");
  }

  missingId(): string {
    return this.name("missing");
  }
}
