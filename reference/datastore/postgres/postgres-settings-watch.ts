// Settings changes from other processes (the generated-token hash, admin-API connection changes): each
// putSetting sends a NOTIFY in its transaction, which PostgreSQL delivers at commit to every connection
// that LISTENs, in any process. One pooled connection per store listens while anyone watches. Payloads
// carry the schema, because the channel is per database and tests share one database across schemas.
// When the listening connection fails, watchers are told "*" (anything may have changed while nobody
// listened) once a new connection listens again.
import type { PgClient, PgNotification, PgPool } from "./postgres-datastore-config.js";

export const settingsChannel = "scim_settings";
const reconnectMs = 1000;

export class SettingsWatch {
  readonly #pool: PgPool;
  readonly #schema: string;
  readonly #listeners = new Set<(key: string) => void>();
  #client: Promise<PgClient> | undefined;
  #closed = false;

  constructor(pool: PgPool, schema: string) {
    this.#pool = pool;
    this.#schema = schema;
  }

  #deliver(message: PgNotification): void {
    if (message.channel !== settingsChannel || message.payload === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.payload);
    } catch {
      return;
    }
    if (!Array.isArray(parsed) || parsed[0] !== this.#schema || typeof parsed[1] !== "string") return;
    for (const listener of this.#listeners) listener(parsed[1]);
  }

  #listen(): Promise<PgClient> {
    const opening = (async () => {
      const client = await this.#pool.connect();
      client.on("notification", (message) => this.#deliver(message));
      client.on("error", (error) => {
        client.release(error);
        this.#client = undefined;
        setTimeout(() => this.#reconnect(), reconnectMs).unref();
      });
      await client.query({ text: `LISTEN ${settingsChannel}` });
      return client;
    })();
    this.#client = opening;
    opening.catch(() => {
      this.#client = undefined;
    });
    return opening;
  }

  #reconnect(): void {
    if (this.#closed || this.#listeners.size === 0 || this.#client !== undefined) return;
    this.#listen().then(
      () => {
        for (const listener of this.#listeners) listener("*");
      },
      () => setTimeout(() => this.#reconnect(), reconnectMs).unref(),
    );
  }

  /** Resolves once the listener is registered with PostgreSQL, so later commits reach it. */
  async add(listener: (key: string) => void): Promise<() => void> {
    if (this.#closed) throw new Error("the store is closed");
    this.#listeners.add(listener);
    await (this.#client ?? this.#listen());
    return () => {
      this.#listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    const client = await this.#client?.catch(() => undefined);
    this.#client = undefined;
    if (client === undefined) return;
    try {
      await client.query({ text: `UNLISTEN ${settingsChannel}` });
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
    }
  }
}
