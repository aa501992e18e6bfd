// Remembers which presented credentials were already verified, so a request costs one keyed SHA-256
// instead of a scrypt (reference-core issue: "no per-request password hashing"). Entries are keyed by a
// SHA-256 of a random per-process key followed by the whole credential, so the cache never holds a secret
// and a guessed key cannot be precomputed; the stored digest is compared in constant time
// (crypto.timingSafeEqual). One-shot `crypto.hash` rather than an HMAC object: building the HMAC cost
// about 2–4 µs per request on the GET hot path, the one-shot digest under 1 µs (issue #8), and a
// secret-prefix digest is enough here because no digest ever leaves the process (length extension needs
// one). Negative results are cached too, bounded, so repeated wrong guesses do not cost a scrypt each.
// `clear()` drops everything when a connection's credentials change.
import { hash, randomBytes, timingSafeEqual } from "node:crypto";
import type { SecretCredential } from "./connection-resolver.js";

interface CacheEntry<T> {
  readonly digest: Buffer;
  readonly value: T | undefined;
}

export class CredentialCache<T> {
  readonly #key = randomBytes(32).toString("base64");
  readonly #entries = new Map<string, CacheEntry<T>>();
  readonly #maxEntries: number;

  constructor(maxEntries = 10_000) {
    this.#maxEntries = maxEntries;
  }

  #digest(credential: SecretCredential): Buffer {
    // Length-prefixed fields, so "a:b" + "c" never collides with "a" + "b:c".
    const fields =
      credential.kind === "bearer"
        ? `6:bearer;${field(credential.token)}`
        : `5:basic;${field(credential.username)}${field(credential.password)}`;
    return hash("sha256", `${this.#key};${fields}`, "buffer");
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
    const key = digest.toString("base64url");
    if (this.#entries.size >= this.#maxEntries && !this.#entries.has(key)) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { digest, value });
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

function field(value: string): string {
  return `${Buffer.byteLength(value)}:${value};`;
}
