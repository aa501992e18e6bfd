// The configured connections and their changes through the admin API. The connections file is the
// baseline; the admin API records each change in the embedded store, one setting per connection id
// (admin-change-store.ts: the connection in its stored form, secrets hashed, or a deletion), and those win
// over the file by id at every start, so a change survives a restart without rewriting the operator's
// file. Every change is checked exactly like the file (validate-connection.ts, connection-conflicts.ts),
// persisted, then installed in the resolver: no restart, and the credential cache, discovery and the
// mapping of that connection are rebuilt once.
//
// Several server processes may share one database (PostgreSQL). A store that reports settings changes
// (`watchSettings`) tells this catalog about the other processes' changes within milliseconds; it reads
// the changed connections and installs them exactly like one of its own. Two changes to one connection
// at once are serialised by its revision: the later one finds itself stale, reads the earlier one and is
// checked and applied again on top of it (so the last to commit wins, and a secret sent back as read is
// compared with the one it really replaces). SQLite and the memory store have no `watchSettings`: they
// belong to one process, which makes every change itself. A file problem stops the start; a stored
// admin-API connection that no longer fits (catalog-composition.ts) is logged and not served instead,
// since only the admin API of a running server can fix it.
//
// Deleting a connection keeps its users and groups in the store, unreachable (no credential selects
// them); a connection created again with the same id sees them again. PingFederate works the same way:
// deleting an IdP connection leaves the directory it provisioned untouched.
import { randomUUID } from "node:crypto";
import { AsyncMutex } from "../datastore/async-mutex.js";
import type { Datastore } from "../datastore/datastore.js";
import type { ConnectionSchemaSet } from "../mapping/pingfederate/connection-schemas.js";
import type { MappingLog } from "../mapping/pingfederate/pingfederate-mapping.js";
import { isJsonObject } from "../protocol/resource/json.js";
import { type AdminChange, AdminChangeStore, type ChangeBody } from "./admin-change-store.js";
import { hasCredential } from "./back-channel-auth.js";
import { type CompositionState, composeConnections, type FileSlot } from "./catalog-composition.js";
import { ChangeFollower } from "./change-follower.js";
import type { ConfiguredResolver } from "./configured-resolver.js";
import { type ConnectionIssue, connectionIssue, type Validated } from "./connection-issue.js";
import type { FileConnection } from "./connections-file.js";
import { fileSecretHash, fileSecretSetting } from "./file-secret-hash.js";
import { withGeneratedToken } from "./generated-token.js";
import type { PasswordHasher } from "./password-hasher.js";
import { prepare, type Refused, requireCredential } from "./prepare-connection.js";
import type { PreparedConnection } from "./seal-connection.js";

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

/** What a change decided before it is stored: the connection's next form, or its deletion. */
type Planned =
  | { readonly ok: true; readonly id: string; readonly next: PreparedConnection | undefined }
  | Refused
  | { readonly ok: "not-found" };

type Outcome =
  | { readonly ok: true; readonly next: PreparedConnection | undefined }
  | Exclude<Planned, { readonly ok: true }>;

/** A stored create or replace as the admin API answers it. */
function validated(outcome: Exclude<Outcome, { readonly ok: "not-found" }>): Validated<PreparedConnection> {
  if (outcome.ok !== true) return outcome;
  if (outcome.next === undefined) throw new Error("a create or replace stored a deletion");
  return { ok: true, value: outcome.next };
}

/**
 * Attempts of one change while other processes keep changing the same connection first. Each failed
 * attempt means another change was stored, so the processes together always progress; the pause, random
 * and growing, keeps one process from losing every time to another with a queue of changes.
 */
const maxAttempts = 20;
const pauseMs = (attempt: number) => Math.random() * 5 * attempt;

export class ConnectionCatalog {
  readonly #options: CatalogOptions;
  readonly #store: AdminChangeStore;
  readonly #mutex = new AsyncMutex();
  readonly #follower: ChangeFollower;
  readonly #state: CompositionState & {
    file: FileSlot[];
    order: string[];
    changes: Map<string, AdminChange>;
  };
  /** The refusals already logged, by id and revision, so that each is logged once. */
  readonly #refused = new Set<string>();
  #connections: readonly PreparedConnection[] = [];
  #unwatch: (() => void) | undefined;

  private constructor(options: CatalogOptions) {
    this.#options = options;
    this.#store = new AdminChangeStore(options.datastore);
    this.#state = { file: [], order: [], changes: new Map(), cache: new Map() };
    this.#follower = new ChangeFollower((ids) => this.#mutex.run(() => this.#reload(ids)), options.log);
  }

  /** Checks the file's connections with the admin API's changes applied; every issue, or the catalog. */
  static async open(
    file: readonly FileConnection[],
    options: CatalogOptions,
  ): Promise<Validated<ConnectionCatalog>> {
    const catalog = new ConnectionCatalog(options);
    let issues: readonly ConnectionIssue[];
    try {
      issues = await catalog.#mutex.run(() => catalog.#start(file));
    } catch (error) {
      await catalog.close();
      throw error;
    }
    if (issues.length === 0) return { ok: true, value: catalog };
    await catalog.close();
    return { ok: false, issues };
  }

  async #start(file: readonly FileConnection[]): Promise<readonly ConnectionIssue[]> {
    const { datastore, log } = this.#options;
    await this.#store.migrateLegacy(log);
    // Subscribed before anything is read, so a change committed during the reads is not missed.
    this.#unwatch = await datastore.watchSettings?.((key) => this.#follower.notice(key));
    await this.#learnNewIds();
    const issues: ConnectionIssue[] = [];
    const fromFile: PreparedConnection[] = [];
    for (const entry of file) {
      const id = isJsonObject(entry.raw) && typeof entry.raw.id === "string" ? entry.raw.id : undefined;
      const change = id === undefined ? undefined : this.#state.changes.get(id);
      if (id !== undefined && change !== undefined) {
        log.warn(
          { connection: id, changedAt: change.at },
          "deleted" in change
            ? "the admin API deleted this connection; the file's definition is not used"
            : "the admin API replaced this connection; the file's definition is not used",
        );
        this.#state.file.push({ id, prepared: undefined });
        continue;
      }
      const result = await prepare(entry.raw, entry.path, undefined, fromFile, {
        ...this.#options,
        hashSecret: (connectionId, slot, secret) =>
          fileSecretHash(datastore, this.#options.hasher, fileSecretSetting(connectionId, slot), secret),
      });
      if (!result.ok) {
        issues.push(...result.issues);
        continue;
      }
      let connection = result.value;
      if (!hasCredential(connection.auth)) connection = await withGeneratedToken(connection, this.#options);
      fromFile.push(connection);
      this.#state.file.push({ id: connection.id, prepared: connection });
    }
    if (issues.length > 0) return issues;
    await this.#compose();
    if (this.#connections.length > 0) return [];
    return [
      connectionIssue(
        "idpConnections",
        "required",
        "No connection is configured.",
        "Add at least one connection to the file.",
      ),
    ];
  }

  list(): readonly PreparedConnection[] {
    return this.#connections;
  }

  get(id: string): PreparedConnection | undefined {
    return this.#connections.find((c) => c.id === id);
  }

  /** POST: a new connection (PingFederate generates the id when none is given). */
  create(body: unknown): Promise<Validated<PreparedConnection>> {
    const raw =
      isJsonObject(body) && body.id === undefined ? { ...body, id: randomUUID().slice(0, 18) } : body;
    return this.#change("created", async (): Promise<Planned> => {
      const result = await prepare(raw, "", undefined, this.#connections, this.#options);
      if (!result.ok) return result;
      return requireCredential(result.value) ?? { ok: true, id: result.value.id, next: result.value };
    }).then((outcome) => {
      if (outcome.ok === "not-found") throw new Error("a create found nothing to replace");
      return validated(outcome);
    });
  }

  /** PUT: replaces a connection whole; secrets sent back as read keep their stored value. */
  replace(id: string, body: unknown): Promise<ChangeResult> {
    if (isJsonObject(body) && body.id !== undefined && body.id !== id) {
      return Promise.resolve({
        ok: false,
        issues: [
          connectionIssue(
            "id",
            "invalid_value",
            `The body's id "${String(body.id)}" differs from the URL's "${id}".`,
            "Leave id out or send the same one.",
          ),
        ],
      });
    }
    const raw = isJsonObject(body) ? { ...body, id } : body;
    return this.#change("replaced", async (): Promise<Planned> => {
      const previous = this.get(id);
      if (previous === undefined) return { ok: "not-found" };
      const others = this.#connections.filter((c) => c.id !== id);
      const result = await prepare(raw, "", previous, others, this.#options);
      if (!result.ok) return result;
      return requireCredential(result.value) ?? { ok: true, id, next: result.value };
    }).then((outcome) => (outcome.ok === "not-found" ? outcome : validated(outcome)));
  }

  /** DELETE: the connection stops answering; its data stays in the store (see the header). */
  async delete(id: string): Promise<boolean> {
    const result = await this.#change(
      "deleted",
      async (): Promise<Planned> =>
        this.get(id) === undefined ? { ok: "not-found" } : { ok: true, id, next: undefined },
    );
    return result.ok === true;
  }

  /** Stops following other processes' changes; resolves once a reload or change in progress ends. */
  async close(): Promise<void> {
    this.#unwatch?.();
    this.#unwatch = undefined;
    await this.#follower.stop();
    await this.#mutex.run(() => undefined);
  }

  /** Plans a change against what this process knows, stores it, and plans again if it was stale. */
  #change(verb: string, plan: () => Promise<Planned>): Promise<Outcome> {
    return this.#mutex.run(async (): Promise<Outcome> => {
      for (let attempt = 1; ; attempt++) {
        const planned = await plan();
        if (planned.ok !== true) return planned;
        const { id, next } = planned;
        const body: ChangeBody = next === undefined ? { deleted: true } : { connection: next.stored };
        // Persist first: a change that is live must survive a restart.
        const written = await this.#store.write(id, body, this.#state.changes.get(id)?.revision ?? 0);
        if (written !== "stale") {
          this.#state.changes.set(id, written);
          if (next === undefined) this.#state.cache.delete(id);
          else this.#state.cache.set(id, { revision: written.revision, prepared: next });
          await this.#learnNewIds();
          await this.#compose();
          this.#options.log.info(
            { connection: id, revision: written.revision },
            `connection ${verb} through the admin API${next === undefined ? "; its data is kept" : ""}`,
          );
          return { ok: true, next };
        }
        if (attempt === maxAttempts)
          throw new Error(
            `connection ${id} kept being changed by other server processes (${attempt} attempts)`,
          );
        // Another process changed this connection after this one last read it: read that change, then
        // plan again on top of it, as if the two requests had come one after the other.
        await new Promise((resolve) => setTimeout(resolve, pauseMs(attempt)));
        await this.#reload([id]);
      }
    });
  }

  /** Reads what other processes changed (`ids`, or every connection) and serves it. */
  async #reload(ids: readonly string[] | undefined): Promise<void> {
    const changed = await this.#learnNewIds();
    for (const id of ids ?? this.#state.order) {
      if (changed.includes(id)) continue;
      const change = await this.#store.read(id);
      if (change === undefined || change.revision <= (this.#state.changes.get(id)?.revision ?? 0)) continue;
      this.#state.changes.set(id, change);
      changed.push(id);
    }
    if (changed.length === 0) return;
    this.#options.log.info({ connections: changed }, "connections changed by another server process");
    await this.#compose();
  }

  /** Appends ids new to the shared index and reads their changes; returns those newer than known. */
  async #learnNewIds(): Promise<string[]> {
    const changed: string[] = [];
    for (const id of await this.#store.newIds()) {
      this.#state.order.push(id);
      const change = await this.#store.read(id);
      if (change === undefined || change.revision <= (this.#state.changes.get(id)?.revision ?? 0)) continue;
      this.#state.changes.set(id, change);
      changed.push(id);
    }
    return changed;
  }

  /** Serves the composed connections; the resolver starts a fresh credential cache when any changed. */
  async #compose(): Promise<void> {
    const { connections, refused } = await composeConnections(this.#state, (stored, path, accepted) =>
      prepare(stored, path, undefined, accepted, this.#options),
    );
    for (const refusal of refused) {
      const key = `${refusal.id}@${refusal.revision}`;
      if (this.#refused.has(key)) continue;
      this.#refused.add(key);
      this.#options.log.error(
        {
          connection: refusal.id,
          revision: refusal.revision,
          issues: refusal.issues.map((i) => `${i.fieldPath}: ${i.message}`),
        },
        "this connection is not served: it does not fit the connections before it (changed at the same time through another server process?); replace or delete it through the admin API",
      );
    }
    const same =
      connections.length === this.#connections.length &&
      connections.every((c, i) => c === this.#connections[i]);
    if (same) return;
    this.#connections = connections;
    this.#options.resolver.install(connections);
  }
}
