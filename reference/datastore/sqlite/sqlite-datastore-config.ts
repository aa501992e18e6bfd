// The SQLite driver, described by the methods this adapter uses (STYLE.md §3, kysely's
// `sqlite-dialect-config.ts`): better-sqlite3 satisfies it, and tests may pass a fake. Nothing outside
// this folder names the driver; the composition root passes `open` (or takes the default in
// sqlite-driver.ts).

export type SqliteParam = string | number | bigint | Buffer | null;

export interface SqliteRunResult {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

export interface SqliteStatement {
  run(...params: SqliteParam[]): SqliteRunResult;
  get(...params: SqliteParam[]): unknown;
  all(...params: SqliteParam[]): unknown[];
}

export interface SqliteFunctionOptions {
  readonly deterministic?: boolean;
}

export interface SqliteDatabase {
  prepare(source: string): SqliteStatement;
  exec(source: string): unknown;
  pragma(source: string, options?: { readonly simple?: boolean }): unknown;
  function(
    name: string,
    options: SqliteFunctionOptions,
    implementation: (...args: never[]) => unknown,
  ): unknown;
  close(): unknown;
  readonly inTransaction: boolean;
}

/** The background checkpointer's settings (sqlite-checkpointer.ts). */
export interface CheckpointerOptions {
  /** How often the worker checkpoints; a log holds about what the writer commits in this time. */
  readonly intervalMs?: number;
  /** The writer's own automatic checkpoint while the worker runs (64 MiB of 4 KiB pages). */
  readonly backstopPages?: number;
  /** How often the log file is looked at to start the worker when commits appear (250 ms). */
  readonly pollMs?: number;
  /** How long without a commit before the worker stops and gives its memory back (30 s). */
  readonly idleMs?: number;
  /**
   * Told once when a worker fails (the writer then checkpoints itself for good), so that an operator can
   * see it: the datastore has no log of its own, and nothing else would show it.
   */
  readonly onFailure?: (error: Error) => void;
}

export interface SqliteDatastoreConfig {
  /** A file path (parent folders are created) or ":memory:". */
  readonly path: string;
  /** Opens one connection; defaults to better-sqlite3. Called twice for files (a writer and a reader). */
  readonly open?: (path: string) => SqliteDatabase;
  /**
   * SQLite page cache per connection in KiB (PRAGMA cache_size). Bounded so that the server's RSS stays
   * small at a million users (the performance issue's 300 MB target): the OS page cache holds the rest.
   */
  readonly cacheSizeKiB?: number;
  /** How long a write waits for another process's lock before failing with 503, in ms. */
  readonly busyTimeoutMs?: number;
  /** The clock for meta.created/lastModified; tests pass a fixed one. */
  readonly now?: () => Date;
  /**
   * Checkpoint the write-ahead log in a worker thread instead of in the writer's commits
   * (sqlite-checkpointer.ts); `true` for the defaults. Files only, and only with the default driver: the
   * worker opens its own better-sqlite3 connection. The server turns it on (open-datastore.ts).
   */
  readonly backgroundCheckpoints?: boolean | CheckpointerOptions;
}
