// The paged-search connections (ldap-search-pool.ts) with fake clients: never two searches on one
// connection at once, no more connections than allowed, waiters served in order, the main connection
// reused first and never closed by the pool.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LdapClient } from "./ldap-datastore-config.js";
import { SearchConnectionPool } from "./ldap-search-pool.js";

function fakeClient(name: string, unbound: string[]): LdapClient {
  return {
    name,
    unbind: async () => {
      unbound.push(name);
    },
  } as unknown as LdapClient;
}

const nameOf = (client: LdapClient) => (client as unknown as { name: string }).name;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("SearchConnectionPool", () => {
  it("gives each concurrent search a connection of its own, up to the bound, then queues in order", async () => {
    const unbound: string[] = [];
    let opened = 0;
    const pool = new SearchConnectionPool(
      fakeClient("main", unbound),
      async () => fakeClient(`extra-${++opened}`, unbound),
      3,
    );
    const busy = new Set<string>();
    let most = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const searches = Array.from({ length: 7 }, (_, i) =>
      pool.use(async (client) => {
        const name = nameOf(client);
        assert.ok(!busy.has(name), `${name} carries two searches at once`);
        busy.add(name);
        most = Math.max(most, busy.size);
        order.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        busy.delete(name);
        return name;
      }),
    );
    for (let round = 0; round < 20 && releases.length < 7; round++) {
      await tick();
      releases.shift()?.();
    }
    for (const release of releases) release();
    const used = await Promise.all(searches);
    assert.equal(most, 3);
    assert.equal(pool.opened, 2);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6]);
    assert.ok(used.includes("main"));
    await pool.close();
    assert.deepEqual(unbound.sort(), ["extra-1", "extra-2"]);
  });

  it("reuses an idle connection instead of opening another", async () => {
    let opened = 0;
    const pool = new SearchConnectionPool(
      fakeClient("main", []),
      async () => fakeClient(`x${++opened}`, []),
      4,
    );
    for (let i = 0; i < 5; i++) assert.equal(await pool.use(async (c) => nameOf(c)), "main");
    assert.equal(opened, 0);
  });

  it("passes a failed search's error on and still returns its connection", async () => {
    const pool = new SearchConnectionPool(fakeClient("main", []), async () => fakeClient("x", []), 1);
    await assert.rejects(
      pool.use(async () => {
        throw new Error("code 32");
      }),
      /code 32/,
    );
    assert.equal(await pool.use(async (c) => nameOf(c)), "main");
  });
});
