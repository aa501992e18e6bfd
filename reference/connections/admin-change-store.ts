// Where the admin API's connection changes live in the datastore's settings, so that several server
// processes on one database (PostgreSQL) can change connections at once without overwriting each other:
// - `connections.admin.connection:<id>`: one setting per connection id, the latest change to it (the
//   connection in its stored form, secrets hashed, or a deletion) with its revision;
// - `connections.admin.revision:<id>:<n>`: claimed (datastore `claimSetting`) by the change that makes
//   revision n, in the transaction that writes it. Two changes to one connection both read revision n-1;
//   the store lets one claim n, and the other learns it is stale instead of overwriting it;
// - `connections.admin.index:<k>`: the k-th connection id ever changed, claimed once per id with the
//   revision 1. The datastore contract has no listing of settings, and this append-only index lets a
//   starting process find every changed id; it is also the one order every process composes in.
// Before this file, one setting (`connections.admin`) held every change and each change rewrote it from
// memory, so two processes changing different connections lost one change; `migrateLegacy` moves it.
// Claims are atomic across processes only where the store has `claimSetting` (PostgreSQL); SQLite and
// the memory store serialise their transactions within the one process that owns them.
import { randomUUID } from "node:crypto";
import { claimSetting } from "../datastore/claim-setting.js";
import type { Datastore, EntryValue } from "../datastore/datastore.js";
import { isJsonObject, type JsonObject } from "../protocol/resource/json.js";

/** The single setting of earlier versions: `{ changes: { [id]: { connection | deleted, at } } }`. */
export const legacyAdminChangesSetting = "connections.admin";
const changePrefix = "connections.admin.connection:";

export const adminChangeSetting = (id: string) => `${changePrefix}${id}`;
export const adminRevisionSetting = (id: string, revision: number) =>
  `connections.admin.revision:${id}:${revision}`;
export const adminIndexSetting = (position: number) => `connections.admin.index:${position}`;

/** The id whose change a settings key holds, or undefined for any other key. */
export function changedConnectionId(key: string): string | undefined {
  return key.startsWith(changePrefix) ? key.slice(changePrefix.length) : undefined;
}

export type ChangeBody = { readonly connection: JsonObject } | { readonly deleted: true };

/** One connection's latest admin-API change; revisions count from 1 per id. */
export type AdminChange = ChangeBody & { readonly revision: number; readonly at: string };

function changeBody(value: unknown): ChangeBody | undefined {
  if (!isJsonObject(value)) return undefined;
  if (value.deleted === true) return { deleted: true };
  return isJsonObject(value.connection) ? { connection: value.connection } : undefined;
}

function parseChange(value: EntryValue | undefined): AdminChange | undefined {
  const body = changeBody(value);
  if (body === undefined || !isJsonObject(value as unknown)) return undefined;
  const { revision, at } = value as JsonObject;
  if (typeof revision !== "number" || !Number.isInteger(revision) || revision < 1) return undefined;
  return { ...body, revision, at: String(at) };
}

export interface MigrationLog {
  info(obj: object, msg?: string): void;
}

export class AdminChangeStore {
  readonly #datastore: Datastore;
  /** How many index positions this process has read; the index only ever grows. */
  #indexed = 0;

  constructor(datastore: Datastore) {
    this.#datastore = datastore;
  }

  /** Ids appended to the index since the last call, in index order (all of them on the first call). */
  async newIds(): Promise<string[]> {
    const ids: string[] = [];
    for (;;) {
      const id = await this.#datastore.getSetting(adminIndexSetting(this.#indexed));
      if (typeof id !== "string") return ids;
      ids.push(id);
      this.#indexed += 1;
    }
  }

  async read(id: string): Promise<AdminChange | undefined> {
    return parseChange(await this.#datastore.getSetting(adminChangeSetting(id)));
  }

  /**
   * Stores `body` as revision `expected + 1` of connection `id`, or answers "stale" when the stored
   * revision is no longer `expected` (another process changed the connection first) and writes nothing.
   */
  write(id: string, body: ChangeBody, expected: number, at = new Date().toISOString()) {
    return this.#datastore.transaction(async (tx): Promise<AdminChange | "stale"> => {
      const current = parseChange(await tx.getSetting(adminChangeSetting(id)));
      if ((current?.revision ?? 0) !== expected) return "stale";
      const revision = expected + 1;
      // The stored revision was read without a lock: only the claim decides who makes `revision`.
      const mark = randomUUID();
      if ((await claimSetting(tx, adminRevisionSetting(id, revision), mark)) !== mark) return "stale";
      if (revision === 1) await this.#append(tx, id);
      const change: AdminChange = { ...body, revision, at };
      await tx.putSetting(adminChangeSetting(id), change as unknown as EntryValue);
      return change;
    });
  }

  /** Claims the first free index position for `id`; a position taken by another id moves it on. */
  async #append(tx: Datastore, id: string): Promise<void> {
    for (let position = this.#indexed; ; position++) {
      if ((await claimSetting(tx, adminIndexSetting(position), id)) === id) return;
    }
  }

  /**
   * Moves the single `connections.admin` setting of earlier versions into one setting per connection,
   * keeping each change's time, then leaves a marker in its place (so its old secret hashes go too).
   * Safe when several processes start at once: a connection already migrated (revision 1 taken) is
   * skipped, and the migration never overwrites a change made since.
   */
  async migrateLegacy(log: MigrationLog): Promise<number> {
    const legacy = await this.#datastore.getSetting(legacyAdminChangesSetting);
    if (!isJsonObject(legacy as unknown) || !isJsonObject((legacy as JsonObject).changes)) return 0;
    let moved = 0;
    for (const [id, value] of Object.entries((legacy as JsonObject).changes as JsonObject)) {
      const body = changeBody(value);
      if (body === undefined) continue;
      const at = isJsonObject(value) && typeof value.at === "string" ? value.at : undefined;
      if ((await this.write(id, body, 0, at)) !== "stale") moved += 1;
    }
    await this.#datastore.putSetting(legacyAdminChangesSetting, {
      migrated: new Date().toISOString(),
      to: `${changePrefix}<id>`,
    });
    log.info({ connections: moved }, "admin-API changes moved to one setting per connection");
    return moved;
  }
}
