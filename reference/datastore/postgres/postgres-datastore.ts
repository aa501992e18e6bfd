// The PostgreSQL datastore (`pg`): for deployments that run several reference server processes on one
// database. The table layout is in postgres-migrations.ts, filters and paging are the shared SQL of
// ../sql/ over JS-computed keys (postgres-key-document.ts), and connections, transactions and retries are
// explained in postgres-session.ts. Every public method is atomic on its own; `transaction(work)` makes a
// group of them atomic, with savepoints when nested.
import type {
  ConnectionPlan,
  Datastore,
  DatastoreCapabilities,
  DeleteMode,
  EntryChange,
  EntryQuery,
  EntryValue,
  GroupRef,
  NewEntry,
  QueryResult,
  Scope,
  StoredEntry,
  WriteOptions,
} from "../datastore.js";
import { compilePlan } from "../sql/index-rows.js";
import { type PostgresConnection, statement } from "./postgres-connection.js";
import type { PgPool, PostgresDatastoreConfig } from "./postgres-datastore-config.js";
import { translatePostgresError } from "./postgres-error-map.js";
import { migratePostgres } from "./postgres-migrations.js";
import { getEntry, getPasswordHash, groupsOf, listEntries, type ReadTarget } from "./postgres-reads.js";
import { type ConnectionScopes, connectionScopes, registerScope, ScopeCache } from "./postgres-scopes.js";
import { type PostgresSession, RootSession } from "./postgres-session.js";
import { SettingsWatch, settingsChannel } from "./postgres-settings-watch.js";
import { createEntry, deleteEntry, updateEntry } from "./postgres-writes.js";

const readSetting = statement("SELECT value FROM settings WHERE key = $1");
const writeSetting = statement(
  "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
);
const insertSettingOnce = statement(
  "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
);
// Delivered to every listening process when the transaction commits (postgres-settings-watch.ts).
const announceSetting = statement(`SELECT pg_notify('${settingsChannel}', $1)`);

interface Core {
  readonly pool: PgPool;
  readonly root: RootSession;
  readonly scopes: ScopeCache;
  readonly now: () => Date;
  readonly schema: string;
  readonly ownsPool: boolean;
  readonly watch: SettingsWatch;
}

class PostgresStoreView implements Datastore {
  readonly name: string = "postgres";
  readonly capabilities: DatastoreCapabilities = {
    filterPushdown: true,
    sortPushdown: true,
    stableCursors: true,
    transactions: true,
  };
  readonly #core: Core;
  readonly #session: PostgresSession;

  constructor(core: Core, session: PostgresSession) {
    this.#core = core;
    this.#session = session;
  }

  /** The scope ids of a connection, registered on first use in a committed transaction of their own. */
  #scopes(plan: ConnectionPlan): Promise<ConnectionScopes> {
    return this.#core.scopes.scopesOf(plan, (p) =>
      this.#core.root.write(async (conn) => {
        // Sorted by type, so that two processes registering one connection lock its scopes in one order.
        const types = Object.entries(p.resourceTypes).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
        const list = [];
        for (const [type, resourcePlan] of types) {
          list.push(await registerScope(conn, p.connectionId, type, compilePlan(resourcePlan)));
        }
        return connectionScopes(p.connectionId, list);
      }),
    );
  }

  async #target(scope: Scope): Promise<ReadTarget> {
    const scopes = await this.#scopes(scope.connection);
    const entry = scopes.byType.get(scope.resourceType);
    if (entry === undefined) {
      throw new Error(
        `connection ${scope.connection.connectionId} has no resource type ${scope.resourceType}`,
      );
    }
    return { scopes, scope: entry };
  }

  async create(scope: Scope, entry: NewEntry): Promise<StoredEntry> {
    const target = await this.#target(scope);
    // writeOnce: createEntry decides or undoes its own failures, so a Bulk of n creates takes no savepoints.
    return this.#session.writeOnce((conn, counts) =>
      createEntry(conn, { ...target, now: this.#core.now(), counts }, entry),
    );
  }

  async get(
    scope: Scope,
    id: string,
    options: { readonly members: boolean; readonly forUpdate?: boolean },
  ): Promise<StoredEntry | undefined> {
    const target = await this.#target(scope);
    // FOR UPDATE only means something inside a transaction: the lock lasts until it ends.
    const lock = options.forUpdate === true && this.#session.inTransaction;
    const work = (conn: PostgresConnection) => getEntry(conn, target, id, options.members, lock);
    // A group and its members from one snapshot: the version must describe the members returned.
    return options.members && target.scope.hasMembers
      ? this.#session.snapshot(work)
      : this.#session.read(work);
  }

  async getPasswordHash(scope: Scope, id: string): Promise<string | undefined> {
    const target = await this.#target(scope);
    return this.#session.read((conn) => getPasswordHash(conn, target, id));
  }

  async update(
    scope: Scope,
    id: string,
    change: EntryChange,
    options: WriteOptions = {},
  ): Promise<StoredEntry> {
    const target = await this.#target(scope);
    return this.#session.write((conn, counts) =>
      updateEntry(conn, { ...target, now: this.#core.now(), counts }, id, change, options),
    );
  }

  async delete(scope: Scope, id: string, mode: DeleteMode, options: WriteOptions = {}): Promise<void> {
    const target = await this.#target(scope);
    return this.#session.write((conn, counts) =>
      deleteEntry(conn, { ...target, now: this.#core.now(), counts }, id, mode, options),
    );
  }

  async query(scope: Scope, query: EntryQuery): Promise<QueryResult> {
    const target = await this.#target(scope);
    // An unfiltered total sums entry_counts: inside a transaction, its own creates and deletes first.
    await this.#session.flushCounts();
    return listEntries(this.#session, target, query);
  }

  async groupsOf(scope: Scope, memberId: string): Promise<readonly GroupRef[]> {
    const target = await this.#target(scope);
    return this.#session.read((conn) => groupsOf(conn, target, memberId));
  }

  getSetting(key: string): Promise<EntryValue | undefined> {
    return this.#session.read(async (conn) => {
      const row = await conn.row<{ value: string }>(readSetting, [key]);
      return row === undefined ? undefined : (JSON.parse(row.value) as EntryValue);
    });
  }

  async putSetting(key: string, value: EntryValue): Promise<void> {
    await this.#session.write(async (conn) => {
      await conn.run(writeSetting, [key, JSON.stringify(value)]);
      await conn.rows(announceSetting, [JSON.stringify([this.#core.schema, key])]);
    });
  }

  /** Atomic across processes: a concurrent claim waits on the key's unique index, then finds it taken. */
  async claimSetting(key: string, value: EntryValue): Promise<EntryValue> {
    return this.#session.write(async (conn) => {
      if ((await conn.run(insertSettingOnce, [key, JSON.stringify(value)])) === 1) {
        await conn.rows(announceSetting, [JSON.stringify([this.#core.schema, key])]);
        return value;
      }
      const row = await conn.row<{ value: string }>(readSetting, [key]);
      return row === undefined ? value : (JSON.parse(row.value) as EntryValue);
    });
  }

  /**
   * Calls `listener` with the key of every setting that any process (this one included) writes to this
   * database and schema, shortly after it commits (PostgreSQL LISTEN/NOTIFY), so that a change made
   * through one process's admin API reaches the others without a restart. Returns the unsubscribe.
   */
  watchSettings(listener: (key: string) => void): Promise<() => void> {
    return this.#core.watch.add(listener);
  }

  transaction<T>(work: (store: Datastore) => Promise<T>): Promise<T> {
    return this.#session.transaction((session) => work(new PostgresStoreView(this.#core, session)));
  }

  async close(): Promise<void> {
    if (this.#session.inTransaction) throw new Error("close the store, not the transaction's view of it");
    await this.#core.root.drain();
    await this.#core.watch.close();
    if (this.#core.ownsPool) await this.#core.pool.end();
  }
}

export class PostgresDatastore extends PostgresStoreView {
  /** Use openPostgresDatastore: the schema must be migrated before the store is used. */
  constructor(config: PostgresDatastoreConfig) {
    const root = new RootSession(config.pool, config.writeAttempts ?? 5);
    const schema = config.schema ?? "";
    super(
      {
        pool: config.pool,
        root,
        scopes: new ScopeCache(),
        now: config.now ?? (() => new Date()),
        schema,
        ownsPool: config.ownsPool ?? false,
        watch: new SettingsWatch(config.pool, schema),
      },
      root,
    );
  }
}

/** Migrates the schema (safe when several processes start at once), then returns the store. */
export async function openPostgresDatastore(config: PostgresDatastoreConfig): Promise<PostgresDatastore> {
  try {
    const client = await config.pool.connect();
    try {
      await migratePostgres(client, config.schema);
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  } catch (error) {
    if (config.ownsPool === true) await config.pool.end().catch(() => undefined);
    throw translatePostgresError(error);
  }
  return new PostgresDatastore(config);
}
