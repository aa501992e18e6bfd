// How an async contract runs on a synchronous driver. better-sqlite3 executes each statement to completion
// on the event loop, so a single method (create, update, …) is one synchronous block inside BEGIN IMMEDIATE
// … COMMIT and nothing can interleave with it. `transaction(work)` is different: `work` awaits between its
// statements, so other requests could run statements on the same connection inside the open transaction.
// An async mutex prevents that: every write, and every transaction, holds it; a nested transaction is a
// SAVEPOINT taken under the transaction's own mutex.
//
// Reads do not take the mutex when the database is a file: they run on a second connection which, under
// WAL, reads the last committed snapshot while a transaction is open on the writer. A `:memory:` database
// cannot be shared between connections, so there reads queue on the mutex like writes.
import { AsyncMutex } from "../async-mutex.js";
import type { ConnectionPlan } from "../datastore.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { translateSqliteError } from "./sqlite-error-map.js";
import type { ConnectionScopes, ScopeMemo } from "./sqlite-scopes.js";

/**
 * Sessions remember registered scopes (sqlite-scopes.ts). Inside a transaction a registration stays with
 * the transaction, visible to its nested savepoints, and reaches the store only when it commits: a
 * rolled-back registration must not be remembered.
 */
export interface SqliteSession extends ScopeMemo {
  /** True inside `transaction(work)`. */
  readonly inTransaction: boolean;
  read<T>(work: (conn: SqliteConnection) => T): Promise<T>;
  /**
   * A read without BEGIN and COMMIT: each statement runs in its own snapshot. For work of one statement,
   * where `read`'s BEGIN and COMMIT are two statements per request for nothing (a GET of a User makes two
   * such reads: the entry and its groups), or of statements whose results need not agree (a one-statement
   * listing page and its entries' groups, which groupsOf would read apart anyway).
   */
  readOne<T>(work: (conn: SqliteConnection) => T): Promise<T>;
  write<T>(work: (conn: SqliteConnection) => T): Promise<T>;
  /**
   * A write whose `check` step makes every test that may refuse it and writes nothing, and whose `apply`
   * step (returned by `check`) writes and is not expected to fail. Inside a transaction it runs without
   * a savepoint: a Bulk request's creates are most of its cost, and a savepoint per create (its statement
   * journal, SAVEPOINT and RELEASE) cost about 4.5 µs of one. Should `apply` fail all the same, nothing
   * half-written can be committed: the transaction refuses to commit and rolls back (or its enclosing
   * savepoint does). Outside a transaction it is an ordinary write.
   */
  writeUnguarded<T>(check: (conn: SqliteConnection) => (conn: SqliteConnection) => T): Promise<T>;
  transaction<T>(work: (session: SqliteSession) => Promise<T>): Promise<T>;
}

/** Thrown when a transaction whose unguarded write failed half-way is asked to go on or to commit. */
function halfWritten(cause: unknown): Error {
  return new Error("a write of this transaction failed half-way; the transaction is rolled back", { cause });
}

class TransactionSession implements SqliteSession {
  readonly inTransaction = true;
  readonly #conn: SqliteConnection;
  readonly #parent: ScopeMemo;
  readonly #memo = new Map<ConnectionPlan, ConnectionScopes>();
  readonly #mutex = new AsyncMutex();
  #open = true;
  /** Set when an unguarded write failed after it began writing: this transaction must not commit. */
  #broken: { readonly error: unknown } | undefined;

  constructor(conn: SqliteConnection, parent: ScopeMemo) {
    this.#conn = conn;
    this.#parent = parent;
  }

  recallScopes(plan: ConnectionPlan): ConnectionScopes | undefined {
    return this.#memo.get(plan) ?? this.#parent.recallScopes(plan);
  }

  rememberScopes(plan: ConnectionPlan, scopes: ConnectionScopes): void {
    this.#memo.set(plan, scopes);
  }

  /** After a commit: what this session learned now holds for its parent. */
  handOver(): void {
    for (const [plan, scopes] of this.#memo) this.#parent.rememberScopes(plan, scopes);
  }

  close(): void {
    this.#open = false;
  }

  #assertOpen(): void {
    if (!this.#open) throw new Error("this transaction has ended; use the store the transaction was given");
    if (this.#broken !== undefined) throw halfWritten(this.#broken.error);
  }

  /** Throws when this transaction must be rolled back instead of committed (see writeUnguarded). */
  assertCommittable(): void {
    if (this.#broken !== undefined) throw translateSqliteError(this.#broken.error);
  }

  async read<T>(work: (conn: SqliteConnection) => T): Promise<T> {
    this.#assertOpen();
    return work(this.#conn); // inside the transaction: sees its own writes
  }

  readOne<T>(work: (conn: SqliteConnection) => T): Promise<T> {
    return this.read(work);
  }

  write<T>(work: (conn: SqliteConnection) => T): Promise<T> {
    this.#assertOpen();
    return this.#mutex.run(() => this.#conn.atomically("write", () => work(this.#conn)));
  }

  writeUnguarded<T>(check: (conn: SqliteConnection) => (conn: SqliteConnection) => T): Promise<T> {
    this.#assertOpen();
    return this.#mutex.run(() => {
      let apply: (conn: SqliteConnection) => T;
      try {
        apply = check(this.#conn);
      } catch (error) {
        throw translateSqliteError(error); // nothing was written: the transaction goes on
      }
      try {
        return apply(this.#conn);
      } catch (error) {
        this.#broken = { error };
        throw translateSqliteError(error);
      }
    });
  }

  transaction<T>(work: (session: SqliteSession) => Promise<T>): Promise<T> {
    this.#assertOpen();
    return this.#mutex.run(async () => {
      this.#conn.savepoint();
      const nested = new TransactionSession(this.#conn, this);
      try {
        const result = await work(nested);
        nested.assertCommittable();
        this.#conn.commit(true);
        nested.handOver();
        return result;
      } catch (error) {
        this.#conn.rollback(true);
        throw error;
      } finally {
        nested.close();
      }
    });
  }
}

export class RootSession implements SqliteSession {
  readonly inTransaction = false;
  readonly #writer: SqliteConnection;
  readonly #reader: SqliteConnection | undefined;
  readonly #mutex = new AsyncMutex();
  readonly #memo: ScopeMemo;

  constructor(writer: SqliteConnection, reader: SqliteConnection | undefined, memo: ScopeMemo) {
    this.#writer = writer;
    this.#reader = reader;
    this.#memo = memo;
  }

  recallScopes(plan: ConnectionPlan): ConnectionScopes | undefined {
    return this.#memo.recallScopes(plan);
  }

  rememberScopes(plan: ConnectionPlan, scopes: ConnectionScopes): void {
    this.#memo.rememberScopes(plan, scopes);
  }

  async read<T>(work: (conn: SqliteConnection) => T): Promise<T> {
    const reader = this.#reader;
    if (reader !== undefined) return reader.atomically("read", () => work(reader));
    return this.#mutex.run(() => this.#writer.atomically("read", () => work(this.#writer)));
  }

  async readOne<T>(work: (conn: SqliteConnection) => T): Promise<T> {
    const reader = this.#reader;
    if (reader !== undefined) return reader.single(() => work(reader));
    // Holding the mutex, the writer has no transaction open: the statement autocommits on its own.
    return this.#mutex.run(() => this.#writer.single(() => work(this.#writer)));
  }

  write<T>(work: (conn: SqliteConnection) => T): Promise<T> {
    return this.#mutex.run(() => this.#writer.atomically("write", () => work(this.#writer)));
  }

  writeUnguarded<T>(check: (conn: SqliteConnection) => (conn: SqliteConnection) => T): Promise<T> {
    // Its own transaction makes it atomic whatever fails.
    return this.write((conn) => check(conn)(conn));
  }

  transaction<T>(work: (session: SqliteSession) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      this.#writer.begin();
      const session = new TransactionSession(this.#writer, this);
      try {
        const result = await work(session);
        session.assertCommittable();
        this.#writer.commit(false);
        session.handOver();
        return result;
      } catch (error) {
        this.#writer.rollback(false);
        throw error;
      } finally {
        session.close();
      }
    });
  }

  /** Waits for open transactions, so that closing never cuts one off. */
  drain(): Promise<void> {
    return this.#mutex.run(() => undefined);
  }
}
