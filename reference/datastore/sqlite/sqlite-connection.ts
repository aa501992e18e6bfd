// One SQLite connection: renders shared SQL fragments with `?` placeholders, caches prepared statements by
// their text (values are always parameters, so one text serves every literal), and wraps synchronous
// work in a transaction or savepoint. Every driver error leaves through translateSqliteError.
import type { SqlFragment, SqlValue } from "../sql/sql-fragment.js";
import { render } from "../sql/sql-fragment.js";
import type {
  SqliteDatabase,
  SqliteParam,
  SqliteRunResult,
  SqliteStatement,
} from "./sqlite-datastore-config.js";
import { sqliteDialect } from "./sqlite-dialect.js";
import { translateSqliteError } from "./sqlite-error-map.js";

/** Statement texts vary with filter shape; an LRU bound keeps a long-running server's cache finite. */
const statementCacheSize = 500;

function toParam(value: SqlValue | undefined): SqliteParam {
  // SQLite has no boolean type: booleans are stored and bound as 0/1.
  return typeof value === "boolean" ? (value ? 1 : 0) : (value ?? null);
}

export class SqliteConnection {
  readonly db: SqliteDatabase;
  readonly #statements = new Map<string, SqliteStatement>();

  constructor(db: SqliteDatabase) {
    this.db = db;
  }

  #prepare(fragment: SqlFragment): { statement: SqliteStatement; params: SqliteParam[] } {
    const { text, params } = render(fragment, sqliteDialect.placeholder);
    let statement = this.#statements.get(text);
    if (statement === undefined) {
      statement = this.db.prepare(text);
      if (this.#statements.size >= statementCacheSize) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
    } else {
      this.#statements.delete(text); // re-inserted below: Map order is recency order
    }
    this.#statements.set(text, statement);
    return { statement, params: params.map(toParam) };
  }

  all<T>(fragment: SqlFragment): T[] {
    const { statement, params } = this.#prepare(fragment);
    return statement.all(...params) as T[];
  }

  get<T>(fragment: SqlFragment): T | undefined {
    const { statement, params } = this.#prepare(fragment);
    return statement.get(...params) as T | undefined;
  }

  run(fragment: SqlFragment): SqliteRunResult {
    const { statement, params } = this.#prepare(fragment);
    return statement.run(...params);
  }

  exec(source: string): void {
    this.db.exec(source);
  }

  /** Transaction control, prepared once: these run around every single write. */
  #control(source: string): void {
    let statement = this.#statements.get(source);
    if (statement === undefined) {
      statement = this.db.prepare(source);
      this.#statements.set(source, statement);
    }
    statement.run();
  }

  /**
   * Runs synchronous `work` atomically: a transaction (`BEGIN IMMEDIATE` for writes, so the write lock is
   * taken up front instead of failing to upgrade later) or, inside an open one, a savepoint. Savepoints
   * share one name: SQLite releases or rolls back the innermost savepoint of that name, which is ours.
   */
  atomically<T>(mode: "read" | "write", work: () => T): T {
    const nested = this.db.inTransaction;
    try {
      this.#control(nested ? "SAVEPOINT s" : mode === "write" ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (error) {
      throw translateSqliteError(error);
    }
    try {
      const result = work();
      this.#control(nested ? "RELEASE s" : "COMMIT");
      return result;
    } catch (error) {
      this.rollback(nested);
      throw translateSqliteError(error);
    }
  }

  /** Runs `work`, which makes a single statement, in that statement's own implicit transaction. */
  single<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw translateSqliteError(error);
    }
  }

  begin(): void {
    try {
      this.#control("BEGIN IMMEDIATE");
    } catch (error) {
      throw translateSqliteError(error);
    }
  }

  savepoint(): void {
    this.#control("SAVEPOINT s");
  }

  /** Commits the transaction, or releases the innermost savepoint when `nested`. */
  commit(nested: boolean): void {
    try {
      this.#control(nested ? "RELEASE s" : "COMMIT");
    } catch (error) {
      this.rollback(nested);
      throw translateSqliteError(error);
    }
  }

  /** Undoes a transaction or savepoint; quietly, because it runs while another error is on its way out. */
  rollback(nested: boolean): void {
    try {
      if (!nested) {
        if (this.db.inTransaction) this.#control("ROLLBACK");
      } else {
        this.#control("ROLLBACK TO s");
        this.#control("RELEASE s");
      }
    } catch {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing is left to undo.
    }
  }

  close(): void {
    this.#statements.clear();
    this.db.close();
  }
}
