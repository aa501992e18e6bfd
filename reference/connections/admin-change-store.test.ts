// The admin API's stored changes: one setting per connection id, a revision check that turns the second
// of two changes to one connection into "stale" instead of an overwrite, an index that gives every id one
// position, and the migration from the single `connections.admin` setting of earlier versions.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pino } from "pino";
import { MemoryDatastore } from "../datastore/memory/memory-datastore.js";
import {
  AdminChangeStore,
  adminChangeSetting,
  adminIndexSetting,
  changedConnectionId,
  legacyAdminChangesSetting,
} from "./admin-change-store.js";

const log = pino({ level: "silent" });
const connection = (id: string, name = id) => ({ id, entityId: `urn:${id}`, name });

/** The single setting earlier versions wrote: a replaced file connection, a created one, a deletion. */
const legacy = {
  changes: {
    "from-file": { connection: connection("from-file", "Replaced"), at: "2025-01-01T00:00:00.000Z" },
    created: { connection: connection("created"), at: "2025-01-02T00:00:00.000Z" },
    gone: { deleted: true, at: "2025-01-03T00:00:00.000Z" },
  },
};

describe("AdminChangeStore.migrateLegacy", () => {
  it("moves each change of the single setting into its own, with its time, revision 1 and an index position", async () => {
    const store = new MemoryDatastore();
    await store.putSetting(legacyAdminChangesSetting, legacy);
    const changes = new AdminChangeStore(store);
    assert.equal(await changes.migrateLegacy(log), 3);
    assert.deepEqual(await changes.newIds(), ["from-file", "created", "gone"]);
    assert.deepEqual(await changes.read("from-file"), {
      connection: connection("from-file", "Replaced"),
      revision: 1,
      at: "2025-01-01T00:00:00.000Z",
    });
    assert.deepEqual(await changes.read("gone"), {
      deleted: true,
      revision: 1,
      at: "2025-01-03T00:00:00.000Z",
    });
    const marker = (await store.getSetting(legacyAdminChangesSetting)) as Record<string, unknown>;
    assert.equal(marker.changes, undefined, "the old setting no longer holds connections (nor their hashes)");
    assert.equal(typeof marker.migrated, "string");
  });

  it("migrates once: a second start moves nothing and keeps the changes made since", async () => {
    const store = new MemoryDatastore();
    await store.putSetting(legacyAdminChangesSetting, legacy);
    await new AdminChangeStore(store).migrateLegacy(log);
    const later = new AdminChangeStore(store);
    await later.newIds();
    assert.notEqual(await later.write("created", { connection: connection("created", "Later") }, 1), "stale");
    assert.equal(await new AdminChangeStore(store).migrateLegacy(log), 0);
    assert.equal((await later.read("created"))?.revision, 2);
  });

  it("lets two stores migrate at once without moving a change twice", async () => {
    const store = new MemoryDatastore();
    await store.putSetting(legacyAdminChangesSetting, legacy);
    const moved = await Promise.all([
      new AdminChangeStore(store).migrateLegacy(log),
      new AdminChangeStore(store).migrateLegacy(log),
    ]);
    assert.equal(moved[0] + moved[1], 3);
    const reader = new AdminChangeStore(store);
    assert.deepEqual((await reader.newIds()).sort(), ["created", "from-file", "gone"]);
    for (const id of ["created", "from-file", "gone"]) assert.equal((await reader.read(id))?.revision, 1);
  });

  it("does nothing on a store that never had the old setting", async () => {
    const store = new MemoryDatastore();
    assert.equal(await new AdminChangeStore(store).migrateLegacy(log), 0);
    assert.equal(await store.getSetting(legacyAdminChangesSetting), undefined);
  });
});

describe("AdminChangeStore.write", () => {
  it("answers stale, and writes nothing, when the connection is no longer at the expected revision", async () => {
    const store = new MemoryDatastore();
    const one = new AdminChangeStore(store);
    const two = new AdminChangeStore(store);
    assert.notEqual(await one.write("x", { connection: connection("x", "One") }, 0), "stale");
    assert.equal(await two.write("x", { connection: connection("x", "Two") }, 0), "stale");
    assert.equal(await two.write("x", { deleted: true }, 2), "stale");
    const stored = await one.read("x");
    assert.deepEqual(stored && "connection" in stored && stored.connection, connection("x", "One"));
    assert.equal(stored?.revision, 1);
    const next = await two.write("x", { deleted: true }, 1);
    assert.equal(next !== "stale" && next.revision, 2);
  });

  it("gives every id one index position, in the order of its first change, however many stores write", async () => {
    const store = new MemoryDatastore();
    const writers = [new AdminChangeStore(store), new AdminChangeStore(store)];
    const ids = Array.from({ length: 8 }, (_, i) => `c${i}`);
    await Promise.all(ids.map((id, i) => writers[i % 2]?.write(id, { connection: connection(id) }, 0)));
    await writers[0]?.write("c0", { deleted: true }, 1);
    const reader = new AdminChangeStore(store);
    const indexed = await reader.newIds();
    assert.deepEqual([...indexed].sort(), ids);
    assert.equal(await store.getSetting(adminIndexSetting(ids.length)), undefined);
    assert.deepEqual(await reader.newIds(), [], "an index read twice yields only what is new");
  });
});

describe("changedConnectionId", () => {
  const cases: [string, { given: string; want: string | undefined }][] = [
    ["a connection's setting", { given: adminChangeSetting("hr.system-1"), want: "hr.system-1" }],
    ["an index position", { given: adminIndexSetting(3), want: undefined }],
    ["the legacy setting", { given: legacyAdminChangesSetting, want: undefined }],
    ["everything may have changed", { given: "*", want: undefined }],
  ];
  for (const [name, { given, want }] of cases)
    it(`reads ${name}`, () => assert.equal(changedConnectionId(given), want));
});
