// The SQLite store against the datastore contract, both as `:memory:` (one connection) and as a WAL file
// (a writer and a reader connection), since the two take different paths through sqlite-session.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { runDatastoreContract } from "../datastore-contract.js";
import { SqliteDatastore } from "./sqlite-datastore.js";

const folder = mkdtempSync(join(tmpdir(), "scim-sqlite-contract-"));
let files = 0;
after(() => rmSync(folder, { recursive: true, force: true }));

runDatastoreContract({ name: "sqlite :memory:", create: () => new SqliteDatastore({ path: ":memory:" }) });
runDatastoreContract({
  name: "sqlite file (WAL)",
  create: () => new SqliteDatastore({ path: join(folder, `nested/dir/store-${++files}.sqlite`) }),
});
