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

/** The URL with `-c search_path=<schema>` added to libpq's `options` (a URL's options win over config). */
function withSchema(url: string, schema: string | undefined): string {
  if (schema === undefined) return url;
  if (!schemaNamePattern.test(schema))
    throw new Error(`schema name "${schema}" must match ${schemaNamePattern}`);
  const parsed = new URL(url);
  const options = parsed.searchParams.get("options");
  parsed.searchParams.set("options", `${options === null ? "" : `${options} `}-c search_path=${schema}`);
  return parsed.toString();
}

export function openPgPool(url: string, options: { schema?: string; poolSize?: number } = {}): PgPool {
  const pool = new pg.Pool({
    connectionString: withSchema(url, options.schema),
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
