// Measures the PostgreSQL store with the figures of testing/measure-store.ts (a script, never a timed
// test: these machines are shared and noisy).
//   SCIM_TEST_PG_URL=… node --import tsx reference/datastore/postgres/measure-postgres.ts [--users 100000]
// Runs in a scratch schema, dropped at the end, and prints the process's RSS and the schema's size on disk.
import { parseArgs } from "node:util";
import { line, measureStore } from "../testing/measure-store.js";
import { openPgPool, openPostgresUrl } from "./postgres-driver.js";
import { scratchSchema } from "./postgres-scratch.js";

const { values } = parseArgs({ options: { users: { type: "string" } } });
const userCount = Number(values.users ?? 100_000);
const url = process.env.SCIM_TEST_PG_URL;
if (url === undefined || url === "") {
  console.error("measure-postgres: set SCIM_TEST_PG_URL (scripts/pg-up.sh prints it)");
  process.exit(2);
}

const scratch = scratchSchema(url, "measure");
const store = await openPostgresUrl({ url, schema: scratch.schema });
const analyze = openPgPool(url, { schema: scratch.schema, poolSize: 1 });
try {
  // Fresh statistics after the load, as autovacuum would gather them shortly after a bulk load.
  await measureStore(store, userCount, async () => {
    await analyze.query({ text: "ANALYZE" });
  });
  line("RSS at the end", `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  const size = await analyze.query<{ bytes: number }>({
    text: "SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
    values: [scratch.schema],
  });
  line(
    "schema size (tables, indexes, TOAST)",
    `${(Number(size.rows[0]?.bytes ?? 0) / 2 ** 20).toFixed(0)} MB`,
  );
} finally {
  await analyze.end();
  await store.close();
  await scratch.drop();
}
