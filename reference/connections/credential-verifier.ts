// Checks a presented secret credential against stored credentials (hashes only, never secrets) and caches
// the outcome (credential-cache.ts). One verifier holds the credentials of every active connection, so a
// Basic username is looked up across connections (usernames are unique, connection-conflicts.ts). A wrong Basic username costs the same scrypt as a wrong
// password, so response timing does not reveal which usernames exist (connections issue: "nothing in
// logs or errors reveals whether a username exists").
import { timingSafeEqual } from "node:crypto";
import type { SecretCredential } from "./connection-resolver.js";
import { CredentialCache } from "./credential-cache.js";
import type { PasswordHasher } from "./password-hasher.js";

export interface StoredCredential {
  /** Non-secret name for logs, e.g. "builtin:bearer". */
  readonly id: string;
  readonly kind: "bearer" | "basic";
  /** Basic only. */
  readonly username?: string;
  /** The hashed token or password (password-hasher.ts encoding). */
  readonly secretHash: string;
  /** The User /Me stands for with this credential (RFC 7644 §3.11). */
  readonly linkedUserId?: string;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class CredentialVerifier {
  readonly #credentials: readonly StoredCredential[];
  readonly #hasher: PasswordHasher;
  readonly #cache = new CredentialCache<StoredCredential>();
  /** A hash of nothing anyone knows, verified against when no credential matches the username. */
  readonly #decoy: Promise<string>;

  constructor(credentials: readonly StoredCredential[], hasher: PasswordHasher) {
    this.#credentials = Object.freeze([...credentials]);
    this.#hasher = hasher;
    this.#decoy = hasher.hash(`decoy-${Math.random()}`);
  }

  get credentials(): readonly StoredCredential[] {
    return this.#credentials;
  }

  /** The remembered outcome of an earlier verify(), without hashing; `hit: false` when there is none. */
  peek(presented: SecretCredential): { readonly hit: boolean; readonly value: StoredCredential | undefined } {
    return this.#cache.lookup(presented);
  }

  async verify(presented: SecretCredential): Promise<StoredCredential | undefined> {
    const cached = this.#cache.lookup(presented);
    if (cached.hit) return cached.value;
    const matched = await this.#verifyUncached(presented);
    this.#cache.remember(presented, matched);
    return matched;
  }

  async #verifyUncached(presented: SecretCredential): Promise<StoredCredential | undefined> {
    if (presented.kind === "basic") {
      const candidate = this.#credentials.find(
        (c) => c.kind === "basic" && c.username !== undefined && sameText(c.username, presented.username),
      );
      const ok = await this.#hasher.verify(presented.password, candidate?.secretHash ?? (await this.#decoy));
      return ok ? candidate : undefined;
    }
    for (const candidate of this.#credentials) {
      if (candidate.kind === "bearer" && (await this.#hasher.verify(presented.token, candidate.secretHash))) {
        return candidate;
      }
    }
    return undefined;
  }

  /** Forget every verified credential (a connection's credentials changed). */
  invalidate(): void {
    this.#cache.clear();
  }
}
