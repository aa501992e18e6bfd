// Generated tokens (the admin API's, a credential-less file connection's) are claimed, so that server
// processes starting at once on one empty database end with one token: the process that made the stored
// one prints it, once; one that lost the race adopts the stored hash and prints a notice without a token.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Datastore, EntryValue } from "../datastore/datastore.js";
import { MemoryDatastore } from "../datastore/memory/memory-datastore.js";
import { adminTokenSetting, createAdminVerifier } from "./admin-credential.js";
import { catalogOptions, cheapHasher } from "./catalog-test-support.js";
import { ConnectionCatalog } from "./connection-catalog.js";
import { testConnection } from "./connection-fixtures.js";
import { generatedToken } from "./generated-token.js";

/**
 * A store on which another process claims every setting first, between this process's read and its
 * claim, with a hash of `winnerToken`: the race two processes starting at once run.
 */
async function racedStore(winnerToken: string): Promise<Datastore> {
  const inner = new MemoryDatastore();
  const winner = { hash: await cheapHasher.hash(winnerToken), createdAt: "2025-01-01T00:00:00.000Z" };
  return new Proxy(inner, {
    get(target, property) {
      if (property === "claimSetting")
        return async (key: string): Promise<EntryValue> => {
          await target.putSetting(key, winner);
          return winner;
        };
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("generatedToken", () => {
  it("generates a token whose hash it stores, when the setting is empty", async () => {
    const store = new MemoryDatastore();
    const claim = await generatedToken(store, "auth.t", cheapHasher, "p_");
    assert.equal(claim.outcome, "generated");
    assert.ok(claim.outcome === "generated" && claim.token.startsWith("p_"));
    assert.equal(((await store.getSetting("auth.t")) as { hash: string }).hash, claim.hash);
    assert.ok(claim.outcome === "generated" && (await cheapHasher.verify(claim.token, claim.hash)));
  });

  it("reuses a stored hash without generating anything (a restart)", async () => {
    const store = new MemoryDatastore();
    await store.putSetting("auth.t", { hash: "scrypt$stored" });
    assert.deepEqual(await generatedToken(store, "auth.t", cheapHasher, "p_"), {
      outcome: "stored",
      hash: "scrypt$stored",
    });
  });

  it("adopts the hash another process claimed first, and owns no token", async () => {
    const store = await racedStore("winner-token");
    const claim = await generatedToken(store, "auth.t", cheapHasher, "p_");
    assert.equal(claim.outcome, "adopted");
    assert.ok(await cheapHasher.verify("winner-token", claim.hash));
    assert.equal("token" in claim, false);
  });
});

describe("generated tokens when another process wins the race", () => {
  it("admin API: prints a notice without a token and accepts the winner's token", async () => {
    const store = await racedStore("scimadmin_winner");
    const announcements: string[] = [];
    const verifier = await createAdminVerifier({
      datastore: store,
      env: {},
      hasher: cheapHasher,
      announce: (m) => announcements.push(m),
    });
    assert.equal(announcements.length, 1);
    assert.doesNotMatch(announcements[0] ?? "", /Bearer/);
    assert.match(announcements[0] ?? "", /another server process/);
    assert.ok(await verifier.verify({ kind: "bearer", token: "scimadmin_winner" }));
    assert.ok(await store.getSetting(adminTokenSetting));
  });

  it("file connection: prints a notice without a token and serves the winner's token", async () => {
    const store = await racedStore("scim_winner");
    const o = catalogOptions(store);
    const opened = await ConnectionCatalog.open(
      [{ path: "idpConnections[0]", raw: testConnection("bare") }],
      o,
    );
    assert.ok(opened.ok);
    assert.equal(o.announcements.length, 1);
    assert.doesNotMatch(o.announcements[0] ?? "", /Bearer/);
    assert.match(o.announcements[0] ?? "", /Connection "bare" .*another server process/s);
    assert.equal((await o.resolver.resolve({ kind: "bearer", token: "scim_winner" }))?.connection.id, "bare");
    await opened.value.close();
  });
});
