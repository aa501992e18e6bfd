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
// so an async mutex keeps two of its operations from interleaving on that connection. Writes that can
// fail halfway (updates, deletes, nested transactions) are SAVEPOINTs: a failed one is undone alone and
// the transaction may go on. Reads and creates decide their expected failures before they change
// anything and take no savepoint (see writeOnce). A deadlock inside a caller's transaction is not retried
// (the work is the caller's and may have effects outside the store): inside a savepoint that operation
// fails with 503; outside one PostgreSQL has aborted the transaction, and every later operation and the
// COMMIT answer 503 too, so nothing reports success for work that was rolled back.

import { ScimError } from "../../protocol/errors/scim-error.js";
import { AsyncMutex } from "../async-mutex.js";
import { PostgresConnection } from "./postgres-connection.js";
import { CountJournal } from "./postgres-count-journal.js";
import type { PgClient, PgPool } from "./postgres-datastore-config.js";
import { retryableCodes, sqlState, translatePostgresError } from "./postgres-error-map.js";

export interface PostgresSession {
  /** True inside `transaction(work)`. */
  readonly inTransaction: boolean;
  /** One statement (or statements that need no common snapshot). */
  read<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T>;
  /** Several statements that must see one snapshot. */
  snapshot<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T>;
  /**
   * An atomic write: inside a caller's transaction, a savepoint undoes it alone when it fails. Inside one
   * the work notes entry-count changes in `counts`, written just before the COMMIT; outside one `counts`
   * is inline and the work's own statements move the counters.
   */
  write<T>(work: WriteWork<T>): Promise<T>;
  /**
   * An atomic write whose expected failures are all decided before its first change (or undone by the
   * work itself): inside a caller's transaction it takes no savepoint. PostgreSQL merges a released
   * savepoint's transaction ids into its parent's list by copying it, so a savepoint per operation makes
   * a transaction of n creates cost O(n²) (measured: 20,000 creates went from 1 to 3 ms each).
   */
  writeOnce<T>(work: WriteWork<T>): Promise<T>;
  transaction<T>(work: (session: PostgresSession) => Promise<T>): Promise<T>;
  /**
   * Before a read that counts entries: writes the count changes this transaction has noted so far, so the
   * read sees them. Outside a caller's transaction every write has committed its own; nothing to do.
   * Inside one, the transaction then holds those counter rows until it ends, as every create did before
   * the journal (postgres-count-journal.ts); no Bulk operation or PATCH lists inside a transaction.
   */
  flushCounts(): Promise<void>;
}

export type WriteWork<T> = (conn: PostgresConnection, counts: CountJournal) => Promise<T>;

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

/** What the sessions of one transaction (the outer one and its nested savepoints) share. */
interface TransactionState {
  savepoints: number;
  /** Set when a statement failed outside a savepoint: PostgreSQL has aborted the whole transaction. */
  aborted: boolean;
  /** The entry-count changes of the whole transaction, savepoints included. */
  readonly counts: CountJournal;
}

/** The journal of every write outside a transaction: inline, so it holds nothing and can be shared. */
const singleWrite = new CountJournal({ inline: true });

const abortedDetail =
  "the datastore aborted this transaction (a concurrent change or a lost connection); retry the request";

class TransactionSession implements PostgresSession {
  readonly inTransaction = true;
  readonly #client: PgClient;
  readonly #conn: PostgresConnection;
  readonly #mutex = new AsyncMutex();
  readonly #state: TransactionState;
  #open = true;

  constructor(client: PgClient, state: TransactionState) {
    this.#client = client;
    this.#conn = new PostgresConnection(client);
    this.#state = state;
  }

  /** Waits for operations still queued on the mutex, then refuses any later one. */
  async end(): Promise<void> {
    await this.#mutex.run(async () => undefined);
    this.#open = false;
  }

  close(): void {
    this.#open = false;
  }

  #assertUsable(): void {
    if (!this.#open) throw new Error("this transaction has ended; use the store the transaction was given");
    if (this.#state.aborted) throw new ScimError(503, undefined, abortedDetail);
  }

  /**
   * Runs `work` inside a savepoint of its own (unique names, so nesting never releases the wrong one):
   * whatever fails inside it is undone alone.
   */
  async #savepoint<T>(work: () => Promise<T>): Promise<T> {
    this.#state.savepoints += 1;
    const name = `sp${this.#state.savepoints}`;
    await this.#plain(() => this.#conn.control(`SAVEPOINT ${name}`));
    const mark = this.#state.counts.mark();
    try {
      const result = await work();
      await this.#plain(() => this.#conn.control(`RELEASE SAVEPOINT ${name}`));
      return result;
    } catch (error) {
      if (!this.#state.aborted) {
        try {
          await this.#conn.control(`ROLLBACK TO SAVEPOINT ${name}`);
          this.#state.counts.restore(mark);
          await this.#conn.control(`RELEASE SAVEPOINT ${name}`);
        } catch {
          this.#state.aborted = true; // the connection failed; COMMIT will refuse
        }
      }
      throw translatePostgresError(error);
    }
  }

  /**
   * Runs `work` without a savepoint: for work whose expected failures are decided in JS before it writes
   * anything. A database error then aborts the whole transaction, which is remembered so that later
   * operations and the COMMIT answer 503 instead of pretending to succeed.
   */
  async #plain<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const translated = translatePostgresError(error);
      if (sqlState(error) !== undefined || translated !== error) this.#state.aborted = true;
      throw translated;
    }
  }

  get aborted(): boolean {
    return this.#state.aborted;
  }

  flushCounts(): Promise<void> {
    return this.#mutex.run(async () => {
      this.#assertUsable();
      const counts = this.#state.counts.take();
      if (counts !== undefined) await this.#plain(() => this.#conn.control(counts));
    });
  }

  /** The COMMIT of the outer transaction, with the count changes it has not written yet. */
  commitText(): string {
    return this.#state.counts.commitText();
  }

  // Checked inside the mutex, so that an operation queued behind the one that aborted the transaction
  // is refused too; and async, so that a refusal is a rejection like any other failure.
  read<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T> {
    return this.#mutex.run(() => {
      this.#assertUsable();
      return this.#plain(() => work(this.#conn));
    });
  }

  snapshot<T>(work: (conn: PostgresConnection) => Promise<T>): Promise<T> {
    return this.read(work);
  }

  write<T>(work: WriteWork<T>): Promise<T> {
    return this.#mutex.run(() => {
      this.#assertUsable();
      return this.#savepoint(() => work(this.#conn, this.#state.counts));
    });
  }

  writeOnce<T>(work: WriteWork<T>): Promise<T> {
    return this.read((conn) => work(conn, this.#state.counts));
  }

  transaction<T>(work: (session: PostgresSession) => Promise<T>): Promise<T> {
    return this.#mutex.run(() => {
      this.#assertUsable();
      return this.#savepoint(async () => {
        const nested = new TransactionSession(this.#client, this.#state);
        try {
          return await work(nested);
        } finally {
          nested.close();
        }
      });
    });
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

  /** BEGIN `begin` … COMMIT on one connection; the work's statements count themselves. */
  async #once<T>(begin: string, work: WriteWork<T>): Promise<T> {
    const client = await this.#checkout();
    try {
      await client.query({ text: begin });
      const result = await work(new PostgresConnection(client), singleWrite);
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

  write<T>(work: WriteWork<T>): Promise<T> {
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

  writeOnce<T>(work: WriteWork<T>): Promise<T> {
    return this.write(work);
  }

  transaction<T>(work: (session: PostgresSession) => Promise<T>): Promise<T> {
    return this.#tracked(async () => {
      const client = await this.#checkout();
      const session = new TransactionSession(client, {
        savepoints: 0,
        aborted: false,
        counts: new CountJournal({ inline: false }),
      });
      try {
        await client.query({ text: "BEGIN" });
        const result = await work(session);
        await session.end();
        // COMMIT of an aborted transaction "succeeds" as a ROLLBACK: never report that as a commit.
        if (session.aborted) throw new ScimError(503, undefined, abortedDetail);
        await client.query({ text: session.commitText() });
        client.release();
        return result;
      } catch (error) {
        session.close();
        await rollbackAndRelease(client, error);
        throw translatePostgresError(error);
      }
    });
  }

  flushCounts(): Promise<void> {
    return Promise.resolve();
  }

  /** Resolves once no operation or transaction is in flight. */
  drain(): Promise<void> {
    if (this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#idle = resolve;
    });
  }
}
