// Password and secret hashing with scrypt (node:crypto, so it lives outside protocol/). Used for the
// writeOnly User `password` (RFC 7643 §4.1.1: never returned, "SHALL NOT" be retrievable) and for the
// credentials of connections. Encoded as `scrypt$N$r$p$salt$hash` so the cost can rise later without
// invalidating stored hashes.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

export interface PasswordHasher {
  hash(secret: string): Promise<string>;
  verify(secret: string, encoded: string): Promise<boolean>;
}

export interface ScryptCost {
  /** CPU/memory cost (a power of two). 2^14 with r=8 is the common interactive-login setting. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const defaultScryptCost: ScryptCost = Object.freeze({ N: 2 ** 14, r: 8, p: 1 });
const keyLength = 32;

function derive(secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const maxmem = 256 * cost.N * cost.r + 1024 * 1024;
    scrypt(secret.normalize("NFC"), salt, keyLength, { ...cost, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export class ScryptPasswordHasher implements PasswordHasher {
  readonly #cost: ScryptCost;

  constructor(cost: ScryptCost = defaultScryptCost) {
    this.#cost = cost;
  }

  async hash(secret: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(secret, salt, this.#cost);
    const { N, r, p } = this.#cost;
    return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
  }

  async verify(secret: string, encoded: string): Promise<boolean> {
    const parts = encoded.split("$");
    if (parts.length !== 6 || parts[0] !== "scrypt") return false;
    const [N, r, p] = parts.slice(1, 4).map(Number);
    if (!N || !r || !p) return false;
    const salt = Buffer.from(parts[4] ?? "", "base64url");
    const expected = Buffer.from(parts[5] ?? "", "base64url");
    if (expected.length !== keyLength) return false;
    const actual = await derive(secret, salt, { N, r, p });
    return timingSafeEqual(actual, expected);
  }
}
