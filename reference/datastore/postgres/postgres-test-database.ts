// TEST SUPPORT: the PostgreSQL that tests run against, named by SCIM_TEST_PG_URL (scripts/pg-up.sh starts
// one and prints it). Every store a test opens lives in a schema of its own, created empty and dropped
// when the file's tests end, so test files and repeated runs never see each other's rows. Without the
// URL, postgres-datastore.test.ts prints the one skip line for every PostgreSQL suite, and the other
// PostgreSQL test files declare nothing.
import { randomBytes } from "node:crypto";
import { after } from "node:test";
import type { PostgresDatastore } from "./postgres-datastore.js";
import { openPgPool, openPostgresUrl } from "./postgres-driver.js";

export const pgUrl: string | undefined = process.env.SCIM_TEST_PG_URL || undefined;

export const pgSkipReason =
  "PostgreSQL suites skipped: SCIM_TEST_PG_URL is not set (run scripts/pg-up.sh and export the SCIM_TEST_PG_URL it prints)";

const created: string[] = [];
// At module level, so that it is the file's root hook: registered from inside a test, it would run
// after that test alone.
after(dropCreatedSchemas);

function requireUrl(): string {
  if (pgUrl === undefined) throw new Error(pgSkipReason);
  return pgUrl;
}

/** A new schema name, unique across processes and runs; dropped after this file's tests. */
export function freshSchemaName(): string {
  const name = `t_${process.pid}_${randomBytes(4).toString("hex")}_${created.length}`;
  created.push(name);
  return name;
}

/** An empty, migrated store in a schema of its own. */
export function freshPostgresStore(
  options: { now?: () => Date; poolSize?: number } = {},
): Promise<PostgresDatastore> {
  return openPostgresUrl({
    url: requireUrl(),
    schema: freshSchemaName(),
    poolSize: options.poolSize ?? 4,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
}

/** The URL of a schema (for processes that open the store themselves, e.g. `--db`). */
export function schemaUrl(schema: string): string {
  const url = new URL(requireUrl());
  url.searchParams.set("schema", schema);
  return url.toString();
}

async function dropCreatedSchemas(): Promise<void> {
  if (pgUrl === undefined || created.length === 0) return;
  const pool = openPgPool(pgUrl, { poolSize: 1 });
  try {
    for (const name of created.splice(0)) await pool.query({ text: `DROP SCHEMA IF EXISTS ${name} CASCADE` });
  } finally {
    await pool.end();
  }
}
