// The connection catalog on PostgreSQL, with one store (one pool) per "process" on one schema: what two
// server processes share is exactly this (the same through HTTP and real processes:
// datastore/postgres/postgres-race.test.ts). Changes made at once in both never overwrite each other,
// LISTEN/NOTIFY carries them to the other within a second, and two servers starting at once on an empty
// schema agree on one generated admin token and one generated SCIM token (claimSetting).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import type { PostgresDatastore } from "../datastore/postgres/postgres-datastore.js";
import { openPostgresUrl } from "../datastore/postgres/postgres-driver.js";
import { freshSchemaName, pgUrl, schemaUrl } from "../datastore/postgres/postgres-test-database.js";
import { type ReferenceServer, startReferenceServer } from "../main.js";
import { catalogOptions, cheapHasher, eventually, type TestCatalogOptions } from "./catalog-test-support.js";
import { ConnectionCatalog } from "./connection-catalog.js";
import { testConnection } from "./connection-fixtures.js";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const base = testConnection("base", { tokens: ["base-token"] });

// Declared only with a database: postgres-datastore.test.ts prints the one skip line otherwise.
if (pgUrl !== undefined) {
  const url = pgUrl;

  describe("ConnectionCatalog in two processes on one PostgreSQL schema", () => {
    let stores: PostgresDatastore[] = [];
    let options: TestCatalogOptions[] = [];
    let catalogs: ConnectionCatalog[] = [];

    before(async () => {
      const schema = freshSchemaName();
      stores = await Promise.all(range(2).map(() => openPostgresUrl({ url, schema, poolSize: 3 })));
      options = stores.map((s) => catalogOptions(s));
      catalogs = await Promise.all(
        options.map(async (o) => {
          const opened = await ConnectionCatalog.open([{ path: "idpConnections[0]", raw: base }], o);
          assert.ok(opened.ok);
          return opened.value;
        }),
      );
    });
    after(async () => {
      await Promise.all(catalogs.map((c) => c.close()));
      await Promise.all(stores.map((s) => s.close()));
    });

    const ids = (catalog: ConnectionCatalog | undefined) => (catalog?.list() ?? []).map((c) => c.id).sort();

    it("serves in both processes, within a second, all of 10 connections created at once through either", async () => {
      const wanted = range(10).map((i) => `c${i}`);
      const created = await Promise.all(
        wanted.map((id, i) => catalogs[i % 2]?.create(testConnection(id, { tokens: [`${id}-token`] }))),
      );
      assert.ok(created.every((c) => c?.ok));
      const started = Date.now();
      const all = ["base", ...wanted].sort();
      const converged = await eventually(
        () => catalogs.every((c) => JSON.stringify(ids(c)) === JSON.stringify(all)),
        1000,
      );
      assert.ok(converged, `after ${Date.now() - started} ms: ${JSON.stringify(catalogs.map(ids))}`);
      const resolved = await options[1]?.resolver.resolve({ kind: "bearer", token: "c0-token" });
      assert.equal(
        resolved?.connection.id,
        "c0",
        "a connection created in the first is served by the second",
      );
    });

    it("applies 10 replaces of one connection made at once through both one after the other, and both end on the same", async () => {
      assert.ok((await catalogs[0]?.create(testConnection("shared", { tokens: ["s0"] })))?.ok);
      assert.ok(await eventually(() => catalogs[1]?.get("shared") !== undefined, 1000));
      const replaced = await Promise.all(
        range(10).map((i) =>
          catalogs[i % 2]?.replace("shared", {
            ...testConnection("shared", { tokens: [`s${i + 1}`] }),
            name: `v${i}`,
          }),
        ),
      );
      assert.ok(
        replaced.every((r) => r?.ok === true),
        JSON.stringify(replaced.map((r) => r?.ok)),
      );
      const revision = async () => {
        const value = (await stores[0]?.getSetting("connections.admin.connection:shared")) as {
          revision: number;
        };
        return value.revision;
      };
      assert.equal(await revision(), 11, "one revision per change: none overwrote another");
      assert.ok(
        await eventually(() => catalogs[0]?.get("shared")?.name === catalogs[1]?.get("shared")?.name, 1000),
        "both processes serve the last change",
      );
    });
  });

  describe("two reference servers starting at once on an empty PostgreSQL schema", () => {
    let servers: ReferenceServer[] = [];
    const announced: string[][] = [[], []];

    before(async () => {
      const db = schemaUrl(freshSchemaName());
      servers = await Promise.all(
        range(2).map((i) =>
          startReferenceServer({
            db,
            host: "127.0.0.1",
            env: {},
            configDocument: { idpConnections: [testConnection("bare", { groupSupport: false })] },
            logger: pino({ level: "silent" }),
            hasher: cheapHasher,
            announce: (m) => announced[i]?.push(m),
          }),
        ),
      );
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.close()));
    });

    const tokensIn = (pattern: RegExp) =>
      announced.flatMap((list) => list.flatMap((m) => [...m.matchAll(pattern)].map((x) => x[1] ?? "")));

    it("ends with one generated admin token and one generated SCIM token, printed once, accepted by both", async (t) => {
      const adminTokens = tokensIn(/Bearer (scimadmin_\S+)/g);
      const scimTokens = tokensIn(/Bearer (scim_\S+)/g);
      assert.equal(adminTokens.length, 1, JSON.stringify(announced));
      assert.equal(scimTokens.length, 1, JSON.stringify(announced));
      for (const server of servers) {
        const admin = await fetch(server.adminUrl, {
          headers: { Authorization: `Bearer ${adminTokens[0]}` },
        });
        assert.equal(admin.status, 200, await admin.text());
        const scim = await fetch(`${server.url}/Users`, {
          headers: { Authorization: `Bearer ${scimTokens[0]}` },
        });
        assert.equal(scim.status, 200, await scim.text());
      }
      // Anything else printed is the notice of a process that lost the claim: it names no token. (A
      // process that finds the hash already stored prints nothing, as after a restart.)
      const notices = announced.flat().filter((m) => !/Bearer /.test(m));
      for (const notice of notices) assert.match(notice, /another server process/);
      t.diagnostic(
        `announcements per process: ${announced.map((l) => l.length).join(", ")}; notices: ${notices.length}`,
      );
    });
  });
}
