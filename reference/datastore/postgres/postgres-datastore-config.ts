// The PostgreSQL driver, described by the methods this adapter uses (STYLE.md §3, kysely's
// `postgres-dialect-config.ts`): a `pg` Pool satisfies it, and tests may pass a fake. Only
// postgres-driver.ts imports `pg`; the composition root calls openPostgresDatastore with a URL.

/** A value bound as a statement parameter: JS arrays become PostgreSQL arrays. */
export type PgParam = string | number | bigint | boolean | null | readonly (string | number | null)[];

export interface PgResult<Row> {
  readonly rows: Row[];
  /** Rows a DML statement changed (null for utility statements). */
  readonly rowCount: number | null;
}

/** A statement; `name` makes the connection prepare it once and reuse the plan (constant texts only). */
export interface PgQuery {
  readonly text: string;
  readonly values?: readonly PgParam[];
  readonly name?: string;
}

export interface PgQueryable {
  query<Row = Record<string, unknown>>(query: PgQuery): Promise<PgResult<Row>>;
}

export interface PgNotification {
  readonly channel: string;
  readonly payload?: string | undefined;
}

export interface PgClient extends PgQueryable {
  /** Back to the pool; an error argument destroys the connection instead (its state is unknown). */
  release(error?: Error | boolean): void;
  on(event: "notification", listener: (message: PgNotification) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
}

export interface PgPool extends PgQueryable {
  connect(): Promise<PgClient>;
  end(): Promise<void>;
}

export interface PostgresDatastoreConfig {
  readonly pool: PgPool;
  /**
   * The schema the tables live in (created when missing). The pool's connections must already use it as
   * their search_path (postgres-driver.ts sets it); it also scopes the migration lock.
   */
  readonly schema?: string;
  /** The clock for meta.created/lastModified; tests pass a fixed one. */
  readonly now?: () => Date;
  /**
   * Attempts of a single operation that PostgreSQL aborted as a deadlock victim or a serialization
   * failure (40P01, 40001) before it answers 503. Each attempt is a whole new transaction.
   */
  readonly writeAttempts?: number;
  /** Closes the pool with the store (true when the store opened it). */
  readonly ownsPool?: boolean;
}

export interface PostgresConnectionOptions {
  /** `postgres://user:password@host:port/database`; libpq's `?options=-c search_path=…` works too. */
  readonly url: string;
  /** A schema name (`[a-z_][a-z0-9_]*`): tables go there instead of the user's default schema. */
  readonly schema?: string;
  /** Pooled connections per process (default 10). */
  readonly poolSize?: number;
  readonly now?: () => Date;
}
