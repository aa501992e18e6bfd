// runBulk over embedded SQLite, and PostgreSQL when SCIM_TEST_PG_URL is set (RFC 7644 §3.7): POSTs run in
// the request's transaction without a savepoint each (run-bulk.ts inTransaction), so these check that a
// failed POST among others still answers per operation (§3.7.3) and leaves nothing of itself, and that the
// others' results stand.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { buildConnection } from "../../connections/build-connection.js";
import { ScryptPasswordHasher } from "../../connections/password-hasher.js";
import { specRegistry } from "../../connections/spec-schemas.js";
import type { Datastore } from "../../datastore/datastore.js";
import { freshPostgresStore, pgUrl } from "../../datastore/postgres/postgres-test-database.js";
import { SqliteDatastore } from "../../datastore/sqlite/sqlite-datastore.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { noSearchParams } from "../listing/search-params.js";
import type { OperationContext } from "../operation-context.js";
import { Provisioning } from "../provisioning.js";

const folder = mkdtempSync(join(tmpdir(), "scim-run-bulk-"));
after(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;

const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const bulkUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const provisioning = new Provisioning({ hasher: new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 }) });

/** The datastores whose transactions a Bulk request runs in: SQLite always, PostgreSQL when configured. */
const stores: readonly [string, () => Promise<Datastore>][] = [
  ["SQLite", async () => new SqliteDatastore({ path: join(folder, `bulk-${++files}.sqlite`) })],
  ...(pgUrl === undefined
    ? []
    : [["PostgreSQL", () => freshPostgresStore()] as [string, () => Promise<Datastore>]]),
];

async function setup(open: () => Promise<Datastore>) {
  const store = await open();
  const connection = buildConnection({
    id: "bulk-test",
    name: "Bulk test",
    registry: specRegistry(),
    datastore: store,
  });
  const ctx: OperationContext = {
    connection,
    store,
    baseUrl: "https://scim.example.com/v2",
    mapping: { connectionId: connection.id, clientAddress: undefined, requestId: undefined },
    log: { info: () => undefined, warn: () => undefined },
  };
  return { store, ctx };
}

const post = (bulkId: string, userName: string): JsonObject => ({
  method: "POST",
  path: "/Users",
  bulkId,
  data: { schemas: [userUrn], userName, externalId: `ext-${bulkId}` },
});

async function userNames(ctx: OperationContext): Promise<string[]> {
  const listed = await provisioning.list(ctx, "/Users", { ...noSearchParams, count: 100 });
  return ((listed.Resources ?? []) as JsonObject[]).map((u) => String(u.userName)).sort();
}

for (const [label, open] of stores)
  describe(`runBulk POSTs in one transaction (${label})`, () => {
    it("answers a refused POST between two others with its error and keeps the others' results", async () => {
      const { store, ctx } = await setup(open);
      try {
        const answer = await provisioning.bulk(ctx, {
          schemas: [bulkUrn],
          Operations: [post("a", "alice"), post("dup", "ALICE"), post("c", "carol")],
        });
        const ops = answer.Operations as JsonObject[];
        assert.deepEqual(
          ops.map((o) => [o.bulkId, o.status]),
          [
            ["a", "201"],
            ["dup", "409"],
            ["c", "201"],
          ],
        );
        // RFC 7644 §3.7.3: a failed POST has no location, and carries the §3.12 error as its response.
        assert.equal(ops[1]?.location, undefined);
        const refused = ops[1]?.response as JsonObject | undefined;
        assert.equal(refused?.scimType, "uniqueness");
        assert.deepEqual(await userNames(ctx), ["alice", "carol"]);
        const listed = await provisioning.list(ctx, "/Users", { ...noSearchParams, count: 0 });
        assert.equal(listed.totalResults, 2, "the kept count includes no trace of the refused POST");
      } finally {
        await store.close();
      }
    });

    it("resolves a bulkId reference to a POST made earlier in the same transaction (RFC 7644 §3.7.2)", async () => {
      const { store, ctx } = await setup(open);
      try {
        const answer = await provisioning.bulk(ctx, {
          schemas: [bulkUrn],
          Operations: [
            post("a", "alice"),
            {
              method: "POST",
              path: "/Groups",
              bulkId: "g",
              data: {
                schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                displayName: "Guides",
                members: [{ value: "bulkId:a", type: "User" }],
              },
            },
          ],
        });
        assert.deepEqual(
          (answer.Operations as JsonObject[]).map((o) => o.status),
          ["201", "201"],
        );
      } finally {
        await store.close();
      }
    });

    it("stops after failOnErrors and commits what ran before (RFC 7644 §3.7.3)", async () => {
      const { store, ctx } = await setup(open);
      try {
        const answer = await provisioning.bulk(ctx, {
          schemas: [bulkUrn],
          failOnErrors: 1,
          Operations: [post("a", "alice"), post("dup", "alice"), post("c", "carol")],
        });
        assert.deepEqual(
          (answer.Operations as JsonObject[]).map((o) => o.status),
          ["201", "409"],
        );
        assert.deepEqual(await userNames(ctx), ["alice"]);
      } finally {
        await store.close();
      }
    });
  });
