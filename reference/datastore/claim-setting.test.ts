import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { claimSetting, sharedSecret } from "./claim-setting.js";
import { MemoryDatastore } from "./memory/memory-datastore.js";

describe("claimSetting", () => {
  it("stores the first value and returns it to every later claim", async () => {
    const store = new MemoryDatastore();
    assert.equal(await claimSetting(store, "k", "first"), "first");
    assert.equal(await claimSetting(store, "k", "second"), "first");
    assert.equal(await store.getSetting("k"), "first");
  });

  it("uses the store's own atomic claim when it has one", async () => {
    const store = new MemoryDatastore();
    const claims: string[] = [];
    const claiming = Object.assign(Object.create(store) as MemoryDatastore, {
      claimSetting: async (key: string) => {
        claims.push(key);
        return "from-store";
      },
    });
    assert.equal(await claimSetting(claiming, "k", "mine"), "from-store");
    assert.deepEqual(claims, ["k"]);
  });

  it("gives one secret per store, the same on every call", async () => {
    const store = new MemoryDatastore();
    const first = await sharedSecret(store, "cursor-key");
    assert.equal(first.length, 32);
    assert.deepEqual(await sharedSecret(store, "cursor-key"), first);
    assert.notDeepEqual(await sharedSecret(new MemoryDatastore(), "cursor-key"), first);
  });
});
