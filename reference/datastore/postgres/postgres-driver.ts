// The default driver: `pg`, the only file in the adapter that imports it (postgres-datastore-config.ts
// describes the methods the adapter needs). Counts and pks are bigint in PostgreSQL; `pg` returns bigint
// as text, so they are parsed to numbers here (safe below 2^53, far above any entry count).
import pg from "pg";
import { openPostgresDatastore, type PostgresDatastore } from "./postgres-datastore.js";
import type { PgPool, PostgresConnectionOptions } from "./postgres-datastore-config.js";
import { schemaNamePattern } from "./postgres-migrations.js";

const int8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === int8
      ? (text: string) => Number(text)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * The URL with the server's session settings added to libpq's `options` (a URL's options win over
 * config): `-c search_path=<schema>` for a schema, and `-c jit=off` unless the URL sets `jit` itself.
 * PostgreSQL JIT-compiles every statement whose estimated cost passes jit_above_cost (100,000 by
 * default), and before autovacuum has analysed freshly loaded tables the estimates for the groups
 * statement of GET /Users/{id} passed it: 10 ms of compiling for a 0.06 ms statement, so GET answered
 * about 85 requests a second for over 30 s after a 10,000-user /Bulk load (EXPLAIN ANALYZE; found by
 * the bench). This server runs only short statements, where JIT costs more than it saves (PostgreSQL
 * documentation, "When to JIT?").
 */
export function withSessionOptions(url: string, schema: string | undefined): string {
  if (schema !== undefined && !schemaNamePattern.test(schema))
    throw new Error(`schema name "${schema}" must match ${schemaNamePattern}`);
  const parsed = new URL(url);
  const given = parsed.searchParams.get("options") ?? "";
  const added = [
    ...(/\bjit\s*=/.test(given) ? [] : ["-c jit=off"]),
    ...(schema === undefined ? [] : [`-c search_path=${schema}`]),
  ];
  parsed.searchParams.set("options", [given, ...added].filter((o) => o !== "").join(" "));
  return parsed.toString();
}

export function openPgPool(url: string, options: { schema?: string; poolSize?: number } = {}): PgPool {
  const pool = new pg.Pool({
    connectionString: withSessionOptions(url, options.schema),
    max: options.poolSize ?? 10,
    // A request that waits this long for a free connection gets 503 (postgres-error-map.ts) rather than
    // waiting forever, e.g. when every pooled connection is held by a transaction waiting for a row lock.
    connectionTimeoutMillis: 10_000,
    types,
    application_name: "scim-reference",
  });
  // An idle connection that fails (server restart) is dropped by the pool; without a listener the error
  // would end the process. The next checkout opens a new connection, and its failure is translated.
  pool.on("error", () => undefined);
  return pool as unknown as PgPool;
}

/** Opens a pool on `url`, migrates, and returns the store; closing the store closes the pool. */
export function openPostgresUrl(options: PostgresConnectionOptions): Promise<PostgresDatastore> {
  const pool = openPgPool(options.url, {
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
  });
  return openPostgresDatastore({
    pool,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ownsPool: true,
  });
}
