// The configured connections and their changes through the admin API. The connections file is the
// baseline; the admin API records its changes in the embedded store (datastore setting
// `connections.admin`: a replaced or created connection in its stored form, secrets hashed, or a
// deletion), and those win over the file by id at every start, so a change survives a restart without
// rewriting the operator's file. Every change is checked exactly like the file (validate-connection.ts,
// connection-conflicts.ts), persisted, then installed in the resolver: no restart, and the credential
// cache, discovery and the mapping of that connection are rebuilt once.
//
// Deleting a connection keeps its users and groups in the store, unreachable (no credential selects
// them); a connection created again with the same id sees them again. PingFederate works the same way:
// deleting an IdP connection leaves the directory it provisioned untouched.
import { randomBytes, randomUUID } from "node:crypto";
import { AsyncMutex } from "../datastore/async-mutex.js";
import type { Datastore, EntryValue } from "../datastore/datastore.js";
import type { ConnectionSchemaSet } from "../mapping/pingfederate/connection-schemas.js";
import type { MappingLog } from "../mapping/pingfederate/pingfederate-mapping.js";
import { isJsonObject, type JsonObject } from "../protocol/resource/json.js";
import { hasCredential } from "./back-channel-auth.js";
import type { ConfiguredResolver } from "./configured-resolver.js";
import { type ConnectionIssue, connectionIssue, fieldPath, type Validated } from "./connection-issue.js";
import type { FileConnection } from "./connections-file.js";
import type { PasswordHasher } from "./password-hasher.js";
import { type PreparedConnection, sealConnection, withBearerToken } from "./seal-connection.js";
import { validateConnection } from "./validate-connection.js";

export const adminChangesSetting = "connections.admin";
export const generatedTokenSetting = (connectionId: string) => `auth.generated-token.${connectionId}`;

type StoredChange =
  | { readonly connection: JsonObject; readonly at: string }
  | { readonly deleted: true; readonly at: string };

export interface CatalogLog extends MappingLog {
  error(obj: object, msg?: string): void;
}

export interface CatalogOptions {
  readonly datastore: Datastore;
  readonly hasher: PasswordHasher;
  readonly resolver: ConfiguredResolver;
  readonly spec: ConnectionSchemaSet;
  readonly log: CatalogLog;
  /** Told a generated token exactly once (stdout in main.ts, never the log). */
  readonly announce: (message: string) => void;
}

export type ChangeResult = Validated<PreparedConnection> | { readonly ok: "not-found" };

function storedChanges(value: EntryValue | undefined): Map<string, StoredChange> {
  const changes = new Map<string, StoredChange>();
  if (!isJsonObject(value as unknown) || !isJsonObject((value as JsonObject).changes)) return changes;
  for (const [id, change] of Object.entries((value as JsonObject).changes as JsonObject)) {
    if (isJsonObject(change) && change.deleted === true)
      changes.set(id, { deleted: true, at: String(change.at) });
    else if (isJsonObject(change) && isJsonObject(change.connection))
      changes.set(id, { connection: change.connection, at: String(change.at) });
  }
  return changes;
}

export class ConnectionCatalog {
  readonly #options: CatalogOptions;
  readonly #changes: Map<string, StoredChange>;
  readonly #mutex = new AsyncMutex();
  #connections: readonly PreparedConnection[];

  private constructor(
    options: CatalogOptions,
    connections: readonly PreparedConnection[],
    changes: Map<string, StoredChange>,
  ) {
    this.#options = options;
    this.#connections = connections;
    this.#changes = changes;
    options.resolver.install(connections);
  }

  /** Checks the file's connections with the admin API's changes applied; every issue, or the catalog. */
  static async open(
    file: readonly FileConnection[],
    options: CatalogOptions,
  ): Promise<Validated<ConnectionCatalog>> {
    const changes = storedChanges(await options.datastore.getSetting(adminChangesSetting));
    const entries: { path: string; raw: unknown; fromFile: boolean }[] = [];
    const fileIds = new Set<string>();
    for (const entry of file) {
      const id = isJsonObject(entry.raw) && typeof entry.raw.id === "string" ? entry.raw.id : undefined;
      if (id !== undefined) fileIds.add(id);
      const change = id === undefined ? undefined : changes.get(id);
      if (change === undefined) entries.push({ ...entry, fromFile: true });
      else if ("connection" in change) {
        options.log.warn(
          { connection: id, changedAt: change.at },
          "the admin API replaced this connection; the file's definition is not used",
        );
        entries.push({ path: `(admin API) ${id}`, raw: change.connection, fromFile: false });
      } else
        options.log.warn(
          { connection: id, deletedAt: change.at },
          "the admin API deleted this connection; the file's definition is not used",
        );
    }
    for (const [id, change] of changes) {
      if (!fileIds.has(id) && "connection" in change)
        entries.push({ path: `(admin API) ${id}`, raw: change.connection, fromFile: false });
    }
    const issues: ConnectionIssue[] = [];
    const prepared: PreparedConnection[] = [];
    for (const entry of entries) {
      const result = await prepare(entry.raw, entry.path, undefined, prepared, options);
      if (!result.ok) {
        issues.push(...result.issues);
        continue;
      }
      let connection = result.value;
      if (entry.fromFile && !hasCredential(connection.auth))
        connection = await withGeneratedToken(connection, options);
      prepared.push(connection);
    }
    if (issues.length > 0) return { ok: false, issues };
    if (prepared.length === 0) {
      return {
        ok: false,
        issues: [
          connectionIssue(
            "idpConnections",
            "required",
            "No connection is configured.",
            "Add at least one connection to the file.",
          ),
        ],
      };
    }
    return { ok: true, value: new ConnectionCatalog(options, prepared, changes) };
  }

  list(): readonly PreparedConnection[] {
    return this.#connections;
  }

  get(id: string): PreparedConnection | undefined {
    return this.#connections.find((c) => c.id === id);
  }

  /** POST: a new connection (PingFederate generates the id when none is given). */
  create(body: unknown): Promise<Validated<PreparedConnection>> {
    return this.#mutex.run(async () => {
      const raw =
        isJsonObject(body) && body.id === undefined ? { ...body, id: randomUUID().slice(0, 18) } : body;
      const result = await prepare(raw, "", undefined, this.#connections, this.#options);
      if (!result.ok) return result;
      const missing = requireCredential(result.value);
      if (missing !== undefined) return missing;
      await this.#commit(result.value.id, result.value, [...this.#connections, result.value]);
      this.#options.log.info({ connection: result.value.id }, "connection created through the admin API");
      return result;
    });
  }

  /** PUT: replaces a connection whole; secrets sent back as read keep their stored value. */
  replace(id: string, body: unknown): Promise<ChangeResult> {
    return this.#mutex.run(async (): Promise<ChangeResult> => {
      const previous = this.get(id);
      if (previous === undefined) return { ok: "not-found" };
      if (isJsonObject(body) && body.id !== undefined && body.id !== id) {
        return {
          ok: false,
          issues: [
            connectionIssue(
              "id",
              "invalid_value",
              `The body's id "${String(body.id)}" differs from the URL's "${id}".`,
              "Leave id out or send the same one.",
            ),
          ],
        };
      }
      const raw = isJsonObject(body) ? { ...body, id } : body;
      const others = this.#connections.filter((c) => c.id !== id);
      const result = await prepare(raw, "", previous, others, this.#options);
      if (!result.ok) return result;
      const missing = requireCredential(result.value);
      if (missing !== undefined) return missing;
      await this.#commit(
        id,
        result.value,
        this.#connections.map((c) => (c.id === id ? result.value : c)),
      );
      this.#options.log.info({ connection: id }, "connection replaced through the admin API");
      return result;
    });
  }

  /** DELETE: the connection stops answering; its data stays in the store (see the header). */
  delete(id: string): Promise<boolean> {
    return this.#mutex.run(async () => {
      if (this.get(id) === undefined) return false;
      await this.#commit(
        id,
        undefined,
        this.#connections.filter((c) => c.id !== id),
      );
      this.#options.log.info(
        { connection: id },
        "connection deleted through the admin API; its data is kept",
      );
      return true;
    });
  }

  async #commit(
    id: string,
    connection: PreparedConnection | undefined,
    next: readonly PreparedConnection[],
  ): Promise<void> {
    const at = new Date().toISOString();
    const change: StoredChange =
      connection === undefined ? { deleted: true, at } : { connection: connection.stored, at };
    const changes = new Map(this.#changes).set(id, change);
    // Persist first: a change that is live must survive a restart.
    await this.#options.datastore.putSetting(adminChangesSetting, {
      changes: Object.fromEntries(changes) as unknown as EntryValue,
    });
    this.#changes.set(id, change);
    this.#connections = next;
    this.#options.resolver.install(next);
  }
}

async function prepare(
  raw: unknown,
  path: string,
  previous: PreparedConnection | undefined,
  others: readonly PreparedConnection[],
  options: CatalogOptions,
): Promise<Validated<PreparedConnection>> {
  const checked = validateConnection(raw, { path, spec: options.spec, log: options.log, others });
  if (!checked.ok) return checked;
  return sealConnection(checked.value, { hasher: options.hasher, previous, others, path });
}

function requireCredential(connection: PreparedConnection): Validated<PreparedConnection> | undefined {
  if (hasCredential(connection.auth)) return undefined;
  return {
    ok: false,
    issues: [
      connectionIssue(
        fieldPath("credentials", "inboundBackChannelAuth"),
        "required",
        "A connection needs a credential, or no client can reach it.",
        "Add httpBasicCredentials, bearerTokens, certs or verificationSubjectDN.",
      ),
    ],
  };
}

/**
 * A file connection with no credential at all (the demo's first connection when SCIM_BEARER_TOKEN and
 * SCIM_BASIC_USER are unset) gets a random bearer token, generated once, kept only as a hash in the store
 * and announced once, so that an out-of-the-box server is never open.
 */
async function withGeneratedToken(
  connection: PreparedConnection,
  options: CatalogOptions,
): Promise<PreparedConnection> {
  const key = generatedTokenSetting(connection.id);
  const stored = await options.datastore.getSetting(key);
  const storedHash = isJsonObject(stored as unknown) ? (stored as JsonObject).hash : undefined;
  if (typeof storedHash === "string") return withBearerToken(connection, "generated", storedHash);
  const token = `scim_${randomBytes(32).toString("base64url")}`;
  const hash = await options.hasher.hash(token);
  await options.datastore.putSetting(key, { hash, createdAt: new Date().toISOString() });
  options.announce(
    [
      `Connection "${connection.id}" has no credential configured (no SCIM_BEARER_TOKEN or SCIM_BASIC_USER/SCIM_BASIC_PASSWORD),`,
      "so a bearer token was generated. It is shown this once and stored only as a hash; keep it:",
      "",
      `  Authorization: Bearer ${token}`,
      "",
    ].join("\n"),
  );
  return withBearerToken(connection, "generated", hash);
}
