// The one built-in connection with User and Group Support and the direct mapping (reference-core issue).
// The server runs configured connections (configured-resolver.ts); this one remains the fixture of the
// pipeline's HTTP tests, which exercise SCIM semantics without a mapping configuration. Its credentials come from the environment: a bearer token from
// SCIM_BEARER_TOKEN, HTTP Basic from SCIM_BASIC_USER/SCIM_BASIC_PASSWORD. With none set, a random token
// is generated at first start, kept only as a scrypt hash in the datastore's settings, and announced
// once (on stdout, never in the JSON log) so that an out-of-the-box server is never open.
import { randomBytes } from "node:crypto";
import type { Datastore, EntryValue } from "../datastore/datastore.js";
import type { SchemaRegistry } from "../protocol/schema/schema-registry.js";
import { schemesFor } from "./authentication-schemes.js";
import { buildConnection } from "./build-connection.js";
import { ConfigurationError } from "./configuration-error.js";
import type { AuthenticationScheme, Connection } from "./connection.js";
import type { Authentication, ConnectionResolver, PresentedCredential } from "./connection-resolver.js";
import { CredentialVerifier, type StoredCredential } from "./credential-verifier.js";
import type { PasswordHasher } from "./password-hasher.js";
import { specRegistry } from "./spec-schemas.js";

export const builtinTokenSetting = "auth.builtin-token";

export interface BuiltinConnectionOptions {
  readonly datastore: Datastore;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly hasher: PasswordHasher;
  /** Told the generated token exactly once; main.ts writes it to stdout. */
  readonly announce: (message: string) => void;
  readonly registry?: SchemaRegistry;
}

function isEntryObject(value: EntryValue | undefined): value is { readonly [key: string]: EntryValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function generatedToken(options: BuiltinConnectionOptions): Promise<StoredCredential> {
  const stored = await options.datastore.getSetting(builtinTokenSetting);
  const storedHash = isEntryObject(stored) ? stored.hash : undefined;
  if (typeof storedHash === "string") {
    return { id: "builtin:generated-token", kind: "bearer", secretHash: storedHash };
  }
  const token = `scim_${randomBytes(32).toString("base64url")}`;
  const hash = await options.hasher.hash(token);
  await options.datastore.putSetting(builtinTokenSetting, { hash, createdAt: new Date().toISOString() });
  options.announce(
    [
      "No SCIM_BEARER_TOKEN or SCIM_BASIC_USER/SCIM_BASIC_PASSWORD is set, so a bearer token was generated.",
      "It is shown this once and stored only as a hash; keep it:",
      "",
      `  Authorization: Bearer ${token}`,
      "",
    ].join("\n"),
  );
  return { id: "builtin:generated-token", kind: "bearer", secretHash: hash };
}

async function credentialsFrom(options: BuiltinConnectionOptions): Promise<StoredCredential[]> {
  const { env, hasher } = options;
  const credentials: StoredCredential[] = [];
  const token = env.SCIM_BEARER_TOKEN;
  if (token !== undefined && token !== "") {
    credentials.push({ id: "builtin:bearer", kind: "bearer", secretHash: await hasher.hash(token) });
  }
  const user = env.SCIM_BASIC_USER ?? "";
  const password = env.SCIM_BASIC_PASSWORD ?? "";
  if ((user === "") !== (password === "")) {
    throw new ConfigurationError(
      "SCIM_BASIC_USER and SCIM_BASIC_PASSWORD must be set together (or neither).",
    );
  }
  if (user !== "") {
    credentials.push({
      id: "builtin:basic",
      kind: "basic",
      username: user,
      secretHash: await hasher.hash(password),
    });
  }
  if (credentials.length === 0) credentials.push(await generatedToken(options));
  return credentials;
}

/** Resolves every accepted credential to the single connection (the connections issue replaces this). */
export class SingleConnectionResolver implements ConnectionResolver {
  readonly authenticationSchemes: readonly AuthenticationScheme[];
  readonly #connection: Connection;
  readonly #verifier: CredentialVerifier;

  constructor(connection: Connection, verifier: CredentialVerifier) {
    this.#connection = connection;
    this.#verifier = verifier;
    const kinds = new Set(verifier.credentials.map((c) => c.kind));
    this.authenticationSchemes = schemesFor({ bearer: kinds.has("bearer"), basic: kinds.has("basic") });
  }

  async resolve(credential: PresentedCredential): Promise<Authentication | undefined> {
    // The built-in connection takes no client certificates.
    if (credential.kind === "certificate") return undefined;
    const matched = await this.#verifier.verify(credential);
    if (matched === undefined) return undefined;
    return { connection: this.#connection, credentialId: matched.id, linkedUserId: matched.linkedUserId };
  }

  connections(): readonly Connection[] {
    return [this.#connection];
  }
}

export async function createBuiltinResolver(
  options: BuiltinConnectionOptions,
): Promise<SingleConnectionResolver> {
  const connection = buildConnection({
    id: "builtin",
    name: "Built-in connection (User and Group Support)",
    registry: options.registry ?? specRegistry(),
    datastore: options.datastore,
  });
  const verifier = new CredentialVerifier(await credentialsFrom(options), options.hasher);
  return new SingleConnectionResolver(connection, verifier);
}
