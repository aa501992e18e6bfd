// How operations meet PostgreSQL connections and transactions.
//
// Outside a caller's transaction (the root session):
// - a single-statement read runs on the pool (any idle connection, no transaction);
// - a multi-statement read (a listing: page, then maybe a count; a group with its members) runs in one
//   REPEATABLE READ READ ONLY transaction, so its statements see one snapshot, as in SQLite;
// - a write checks out one connection and runs BEGIN … COMMIT (READ COMMITTED). Rows are locked where the
//   write reads them (SELECT … FOR UPDATE), so concurrent writers from any process queue on the entry
//   instead of losing each other's changes. When PostgreSQL aborts the write as a deadlock victim or a
//   serialization failure (40P01, 40001), the whole write runs again in a new transaction, a few times
//   with a random pause, before it answers 503: nothing of the failed attempt remains.
//
// `transaction(work)` checks out one connection for the whole work. The work awaits between statements,
// so an async mutex keeps two of its operations from interleaving on that connection, and each operation
// (and each nested transaction) is a SAVEPOINT: a failed operation is undone alone and the transaction
// may go on. A deadlock inside it is not retried (the work is the caller's and may have effects outside
// the store): that operation fails with 503 and its savepoint is rolled back.
import { AsyncMutex } from "../async-mutex.js";
import { PostgresConnection } from "./postgres-connection.js";
import type { PgClient, PgPool } from "./postgres-datastore-config.js";
import { retryableCodes, sqlState, translatePostgresError } from "./postgres-error-map.js";

export interface PostgresSession {
  /** True inside `transaction(work)`. */
  readonly inTransaction: boolean;
  /** One statement (or statements that need no common snapshot). */
  read<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T>;
  /** Several statements that must see one snapshot. */
  snapshot<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T>;
  /** An atomic write. */
  write<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T>;
  transaction<T>(work: (session: PostgresSession) => Promise<T>): Promise<T>;
}

/** Ends a checked-out connection's transaction quietly: this runs while another error is on its way. */
async function rollbackAndRelease(client: PgClient, error: unknown): Promise<void> {
  try {
    await client.query({ text: "ROLLBACK" });
    client.release();
  } catch {
    // The connection is broken or in an unknown state: the pool must not hand it out again.
    client.release(error instanceof Error ? error : true);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class TransactionSession implements PostgresSession {
  readonly inTransaction = true;
  readonly #client: PgClient;
  readonly #conn: PostgresConnection;
  readonly #mutex = new AsyncMutex();
  readonly #names: { next: number };
  #open = true;

  constructor(client: PgClient, names: { next: number }) {
    this.#client = client;
    this.#conn = new PostgresConnection(client);
    this.#names = names;
  }

  /** Waits for operations still queued on the mutex, then refuses any later one. */
  async end(): Promise<void> {
    await this.#mutex.run(async () => undefined);
    this.#open = false;
  }

  close(): void {
    this.#open = false;
  }

  #assertOpen(): void {
    if (!this.#open) throw new Error("this transaction has ended; use the store the transaction was given");
  }

  /** Runs `work` inside a savepoint of its own; unique names, so nesting never releases the wrong one. */
  async #savepoint<T>(work: () => Promise<T>): Promise<T> {
    this.#names.next += 1;
    const name = `sp${this.#names.next}`;
    await this.#conn.control(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      await this.#conn.control(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      try {
        await this.#conn.control(`ROLLBACK TO SAVEPOINT ${name}`);
        await this.#conn.control(`RELEASE SAVEPOINT ${name}`);
      } catch {
        // The connection failed: the outer transaction will fail as well and roll everything back.
      }
      throw translatePostgresError(error);
    }
  }

  read<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T> {
    this.#assertOpen();
    return this.#mutex.run(() => this.#savepoint(() => work(this.#conn)));
  }

  snapshot<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T> {
    return this.read(work);
  }

  write<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T> {
    return this.read(work);
  }

  transaction<T>(work: (session: PostgresSession) => Promise<T>): Promise<T> {
    this.#assertOpen();
    return this.#mutex.run(() =>
      this.#savepoint(async () => {
        const nested = new TransactionSession(this.#client, this.#names);
        try {
          return await work(nested);
        } finally {
          nested.close();
        }
      }),
    );
  }
}

export class RootSession implements PostgresSession {
  readonly inTransaction = false;
  readonly #pool: PgPool;
  readonly #attempts: number;
  readonly #conn: PostgresConnection;
  #active = 0;
  #idle: (() => void) | undefined;

  constructor(pool: PgPool, attempts: number) {
    this.#pool = pool;
    this.#attempts = Math.max(1, attempts);
    this.#conn = new PostgresConnection(pool);
  }

  /** Counts work in flight, so that close() can wait for it. */
  async #tracked<T>(work: () => Promise<T>): Promise<T> {
    this.#active += 1;
    try {
      return await work();
    } finally {
      this.#active -= 1;
      if (this.#active === 0) this.#idle?.();
    }
  }

  async #checkout(): Promise<PgClient> {
    try {
      return await this.#pool.connect();
    } catch (error) {
      throw translatePostgresError(error);
    }
  }

  read<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T> {
    return this.#tracked(async () => {
      try {
        return await work(this.#conn);
      } catch (error) {
        throw translatePostgresError(error);
      }
    });
  }

  /** BEGIN `begin` … COMMIT on one connection. */
  async #once<T>(begin: string, work: (conn: PostgresConnection) => Promise<T>): Promise<T> {
    const client = await this.#checkout();
    try {
      await client.query({ text: begin });
      const result = await work(new PostgresConnection(client));
      await client.query({ text: "COMMIT" });
      client.release();
      return result;
    } catch (error) {
      await rollbackAndRelease(client, error);
      throw error;
    }
  }

  snapshot<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T> {
    return this.#tracked(async () => {
      try {
        return await this.#once("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", work);
      } catch (error) {
        throw translatePostgresError(error);
      }
    });
  }

  write<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T> {
    return this.#tracked(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.#once("BEGIN", work);
        } catch (error) {
          const code = sqlState(error);
          if (code === undefined || !retryableCodes.has(code) || attempt >= this.#attempts) {
            throw translatePostgresError(error);
          }
          // Random, growing pauses, so that the transactions that collided do not collide again.
          await pause(Math.random() * 20 * attempt);
        }
      }
    });
  }

  transaction<T>(work: (session: PostgresSession) => Promise<T>): Promise<T> {
    return this.#tracked(async () => {
      const client = await this.#checkout();
      const session = new TransactionSession(client, { next: 0 });
      try {
        await client.query({ text: "BEGIN" });
        const result = await work(session);
        await session.end();
        await client.query({ text: "COMMIT" });
        client.release();
        return result;
      } catch (error) {
        session.close();
        await rollbackAndRelease(client, error);
        throw translatePostgresError(error);
      }
    });
  }

  /** Resolves once no operation or transaction is in flight. */
  drain(): Promise<void> {
    if (this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#idle = resolve;
    });
  }
}
