// Turns a checked connection into what the server keeps: every secret hashed with scrypt before it is
// stored or used (password-hasher.ts), and the admin API's read-back references resolved against the
// connection being replaced (PingFederate: `encryptedPassword` sent back unchanged keeps the secret). The
// result carries the stored form of the connection, which is what the embedded store persists: the
// configuration as given, with `password`/`token` replaced by `encryptedPassword`/`tokenHash`.
import { createHash } from "node:crypto";
import type { JsonObject, JsonValue } from "../protocol/resource/json.js";
import type { AnchoredTrust, PinnedCertificate, SecretInput } from "./back-channel-auth.js";
import { referencePrefix } from "./back-channel-auth.js";
import { type ConnectionIssue, connectionIssue, fieldPath, type Validated } from "./connection-issue.js";
import type { PasswordHasher } from "./password-hasher.js";
import type { ValidatedConnection } from "./validate-connection.js";

export interface SealedAuth {
  readonly basic: { readonly username: string; readonly passwordHash: string } | undefined;
  readonly bearerTokens: readonly { readonly id: string; readonly tokenHash: string }[];
  readonly certs: readonly PinnedCertificate[];
  readonly anchored: AnchoredTrust | undefined;
  readonly requireSsl: boolean;
}

export interface PreparedConnection extends Omit<ValidatedConnection, "auth"> {
  readonly auth: SealedAuth;
  /** The connection as persisted: secrets only as hashes (`raw` is the same object). */
  readonly stored: JsonObject;
}

export interface SealOptions {
  readonly hasher: PasswordHasher;
  /** The connection this one replaces (same id), whose secrets a reference keeps. */
  readonly previous: PreparedConnection | undefined;
  /** Every other connection, whose bearer tokens a new token must not repeat. */
  readonly others: readonly PreparedConnection[];
  /** Field path of the connection ("" for an admin-API body). */
  readonly path: string;
  /**
   * Hashes a secret given in clear; `slot` names it within the connection ("basic", "bearer:<id>").
   * `hasher.hash` by default; the catalog shares the hashes of a file's secrets between processes.
   */
  readonly hashSecret?: (slot: string, secret: string) => Promise<string>;
}

/**
 * What the admin API shows instead of a stored hash: a digest of it. Stable while the secret is unchanged,
 * so it can be sent back to keep the secret, and useless offline (it lacks scrypt's salt and parameters).
 */
export function secretReference(hash: string): string {
  return `${referencePrefix}${createHash("sha256").update(hash).digest("base64url")}`;
}

const authPath = (path: string) => fieldPath(fieldPath(path, "credentials"), "inboundBackChannelAuth");

async function sealSecret(
  input: SecretInput,
  kept: string | undefined,
  hash: (secret: string) => Promise<string>,
  at: string,
  issues: ConnectionIssue[],
): Promise<string | undefined> {
  switch (input.kind) {
    case "plain":
      return hash(input.secret);
    case "hash":
      return input.encoded;
    case "reference":
      if (kept !== undefined && (input.reference === undefined || input.reference === secretReference(kept)))
        return kept;
      issues.push(
        connectionIssue(
          at,
          kept === undefined ? "required" : "stale_secret",
          kept === undefined
            ? "There is no stored secret to keep here."
            : "This is not the value the admin API returned for the stored secret (it changed, or was mistyped).",
          "Send the secret in clear, or send back exactly what GET returned.",
        ),
      );
      return undefined;
  }
}

function storedForm(connection: ValidatedConnection, auth: SealedAuth): JsonObject {
  const raw = structuredClone(connection.raw);
  const credentials = (raw.credentials ?? {}) as JsonObject;
  const given = (credentials.inboundBackChannelAuth ?? { type: "INBOUND" }) as JsonObject;
  const stored: JsonObject = { ...given };
  delete stored.httpBasicCredentials;
  delete stored.bearerTokens;
  if (auth.basic !== undefined) {
    stored.httpBasicCredentials = {
      username: auth.basic.username,
      encryptedPassword: auth.basic.passwordHash,
    };
  }
  if (auth.bearerTokens.length > 0) {
    stored.bearerTokens = auth.bearerTokens.map((t) => ({ id: t.id, tokenHash: t.tokenHash })) as JsonValue[];
  }
  raw.credentials = { ...credentials, inboundBackChannelAuth: stored };
  return raw;
}

export async function sealConnection(
  connection: ValidatedConnection,
  options: SealOptions,
): Promise<Validated<PreparedConnection>> {
  const issues: ConnectionIssue[] = [];
  const at = authPath(options.path);
  const input = connection.auth;
  const previous = options.previous?.auth;
  const hashIn = (slot: string) => (secret: string) =>
    options.hashSecret === undefined ? options.hasher.hash(secret) : options.hashSecret(slot, secret);
  let basic: SealedAuth["basic"];
  if (input?.basic !== undefined) {
    const kept = previous?.basic?.passwordHash;
    const hash = await sealSecret(
      input.basic.password,
      kept,
      hashIn("basic"),
      fieldPath(fieldPath(at, "httpBasicCredentials"), "encryptedPassword"),
      issues,
    );
    if (hash !== undefined) basic = { username: input.basic.username, passwordHash: hash };
  }
  const tokens: { id: string; tokenHash: string }[] = [];
  const plainTokens = new Map<string, string>();
  for (const [i, token] of (input?.bearerTokens ?? []).entries()) {
    const tokenAt = fieldPath(fieldPath(at, "bearerTokens"), i);
    if (token.token.kind === "plain") {
      const twin = plainTokens.get(token.token.secret);
      if (twin !== undefined) {
        issues.push(
          connectionIssue(
            fieldPath(tokenAt, "token"),
            "duplicate",
            `Tokens "${twin}" and "${token.id}" are the same.`,
            "Give each token its own value.",
          ),
        );
        continue;
      }
      plainTokens.set(token.token.secret, token.id);
      const owner = await ownerOfToken(token.token.secret, options);
      if (owner !== undefined) {
        issues.push(
          connectionIssue(
            fieldPath(tokenAt, "token"),
            "duplicate",
            `Connection "${owner}" already accepts this bearer token; a token must select one connection.`,
            "Generate a new token for this connection, e.g. `openssl rand -base64 32`.",
          ),
        );
        continue;
      }
    }
    const kept = previous?.bearerTokens.find((t) => t.id === token.id)?.tokenHash;
    const hash = await sealSecret(
      token.token,
      kept,
      hashIn(`bearer:${token.id}`),
      fieldPath(tokenAt, "token"),
      issues,
    );
    if (hash !== undefined) tokens.push({ id: token.id, tokenHash: hash });
  }
  if (issues.length > 0) return { ok: false, issues };
  const auth: SealedAuth = Object.freeze({
    basic,
    bearerTokens: Object.freeze(tokens),
    certs: input?.certs ?? [],
    anchored: input?.anchored,
    requireSsl: input?.requireSsl ?? false,
  });
  // `raw` is replaced too, so no plaintext secret outlives this function.
  const stored = storedForm(connection, auth);
  return { ok: true, value: Object.freeze({ ...connection, raw: stored, auth, stored }) };
}

/** The connection (other than this one) that already accepts a token; one scrypt per stored token. */
async function ownerOfToken(token: string, options: SealOptions): Promise<string | undefined> {
  for (const other of options.others) {
    for (const stored of other.auth.bearerTokens) {
      if (await options.hasher.verify(token, stored.tokenHash)) return other.id;
    }
  }
  return undefined;
}

/** Adds a bearer token (already hashed) to a prepared connection, e.g. the generated one. */
export function withBearerToken(
  connection: PreparedConnection,
  id: string,
  tokenHash: string,
): PreparedConnection {
  const auth: SealedAuth = Object.freeze({
    ...connection.auth,
    bearerTokens: Object.freeze([...connection.auth.bearerTokens, { id, tokenHash }]),
  });
  const stored = storedForm({ ...connection, auth: undefined }, auth);
  return Object.freeze({ ...connection, raw: stored, auth, stored });
}
