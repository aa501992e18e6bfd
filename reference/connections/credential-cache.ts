// Remembers which presented credentials were already verified, so a request costs one HMAC instead of a
// scrypt (reference-core issue: "no per-request password hashing"). Entries are keyed by a keyed hash
// (HMAC-SHA-256 with a random per-process key) of the whole credential, so the cache never holds a secret
// and a guessed key cannot be precomputed; the stored digest is compared in constant time
// (crypto.timingSafeEqual). Negative results are cached too, bounded, so repeated wrong guesses do not
// cost a scrypt each. `clear()` drops everything when a connection's credentials change.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SecretCredential } from "./connection-resolver.js";

interface CacheEntry<T> {
  readonly digest: Buffer;
  readonly value: T | undefined;
}

export class CredentialCache<T> {
  readonly #key = randomBytes(32);
  readonly #entries = new Map<string, CacheEntry<T>>();
  readonly #maxEntries: number;

  constructor(maxEntries = 10_000) {
    this.#maxEntries = maxEntries;
  }

  #digest(credential: SecretCredential): Buffer {
    const hmac = createHmac("sha256", this.#key);
    // Length-prefixed fields, so "a:b" + "c" never collides with "a" + "b:c".
    const fields =
      credential.kind === "bearer"
        ? ["bearer", credential.token]
        : ["basic", credential.username, credential.password];
    for (const field of fields) hmac.update(`${Buffer.byteLength(field)}:${field};`);
    return hmac.digest();
  }

  /** `{ hit: false }` when the credential was never verified; otherwise the remembered outcome. */
  lookup(credential: SecretCredential): { readonly hit: boolean; readonly value: T | undefined } {
    const digest = this.#digest(credential);
    const entry = this.#entries.get(digest.toString("base64url"));
    if (entry === undefined || !timingSafeEqual(entry.digest, digest))
      return { hit: false, value: undefined };
    return { hit: true, value: entry.value };
  }

  remember(credential: SecretCredential, value: T | undefined): void {
    const digest = this.#digest(credential);
    if (this.#entries.size >= this.#maxEntries) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(digest.toString("base64url"), { digest, value });
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
