// A scratch schema on a PostgreSQL server, for runs that must not meet earlier data and must leave none
// behind: `npm run conformance -- --datastore postgres` and the two-process race test. The URL names the
// schema with `?schema=` (open-datastore.ts), so a server process started with `--db <url>` uses it.
import { randomBytes } from "node:crypto";
import { openPgPool } from "./postgres-driver.js";

export interface ScratchSchema {
  readonly schema: string;
  /** `url` with `?schema=<schema>`: what `--db` takes. */
  readonly db: string;
  drop(): Promise<void>;
}

export function scratchSchema(url: string, prefix: string): ScratchSchema {
  const schema = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const db = new URL(url);
  db.searchParams.set("schema", schema);
  return {
    schema,
    db: db.toString(),
    async drop() {
      const pool = openPgPool(url, { poolSize: 1 });
      try {
        await pool.query({ text: `DROP SCHEMA IF EXISTS ${schema} CASCADE` });
      } finally {
        await pool.end();
      }
    },
  };
}
