// Measures the SQLite store (a script, never a timed test: these machines are shared and noisy).
//   node --import tsx reference/datastore/sqlite/measure-sqlite.ts [--users 100000] [--path file]
// Prints the figures of testing/measure-store.ts, then the process's RSS and the database file's size.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { line, measureStore } from "../testing/measure-store.js";
import { SqliteDatastore } from "./sqlite-datastore.js";

const { values } = parseArgs({ options: { users: { type: "string" }, path: { type: "string" } } });
const userCount = Number(values.users ?? 100_000);
const folder = mkdtempSync(join(tmpdir(), "scim-measure-"));
const path = values.path ?? join(folder, "measure.sqlite");
const store = new SqliteDatastore({ path });
await measureStore(store, userCount);
await store.close();
line("RSS at the end", `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
line("database file after checkpoint", `${(statSync(path).size / 2 ** 20).toFixed(0)} MB`);
if (values.path === undefined) rmSync(folder, { recursive: true, force: true });
