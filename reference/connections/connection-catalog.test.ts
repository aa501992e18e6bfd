// The connection catalog: a file is checked whole (every issue, each under its idpConnections[i] path,
// cross-connection rules included), a credential-less file connection gets a generated token announced
// once, and an admin change rebuilds only the connection it touches (mappings compile once per change).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pino } from "pino";
import { MemoryDatastore } from "../datastore/memory/memory-datastore.js";
import { isJsonObject, type JsonObject } from "../protocol/resource/json.js";
import { legacyAdminChangesSetting } from "./admin-change-store.js";
import { catalogOptions } from "./catalog-test-support.js";
import { ConfiguredResolver } from "./configured-resolver.js";
import { type CatalogOptions, ConnectionCatalog } from "./connection-catalog.js";
import { testConnection } from "./connection-fixtures.js";
import { ScryptPasswordHasher } from "./password-hasher.js";
import { specDefinitions } from "./spec-schemas.js";

const hasher = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });

function options(announcements: string[] = []): CatalogOptions & { resolver: ConfiguredResolver } {
  const datastore = new MemoryDatastore();
  return {
    datastore,
    hasher,
    resolver: new ConfiguredResolver({ datastore, hasher, anchorsConfigured: false }),
    spec: specDefinitions(),
    log: pino({ level: "silent" }),
    announce: (m) => announcements.push(m),
  };
}

const file = (...connections: JsonObject[]) =>
  connections.map((raw, i) => ({ path: `idpConnections[${i}]`, raw }));

describe("ConnectionCatalog.open", () => {
  it("reports every issue of a file, each under its connection's path", async () => {
    const broken = testConnection("two", { tokens: ["t2"] });
    delete broken.entityId;
    const opened = await ConnectionCatalog.open(
      file(
        testConnection("one", { basic: { username: "shared", password: "a" } }),
        broken,
        testConnection("three", { basic: { username: "Shared", password: "b" } }),
      ),
      options(),
    );
    assert.equal(opened.ok, false);
    assert.deepEqual(opened.ok ? [] : opened.issues.map((i) => [i.fieldPath, i.errorId]), [
      ["idpConnections[1].entityId", "required"],
      ["idpConnections[2].credentials.inboundBackChannelAuth.httpBasicCredentials.username", "duplicate"],
    ]);
  });

  it("refuses a file without connections", async () => {
    const opened = await ConnectionCatalog.open([], options());
    assert.equal(opened.ok, false);
  });

  it("gives a file connection without credentials a generated token, announced once", async () => {
    const announcements: string[] = [];
    const shared = options(announcements);
    const bare = testConnection("bare");
    const first = await ConnectionCatalog.open(file(bare), shared);
    assert.ok(first.ok);
    assert.equal(announcements.length, 1);
    const token = /Bearer (\S+)/.exec(announcements[0] ?? "")?.[1] ?? "";
    assert.equal((await shared.resolver.resolve({ kind: "bearer", token }))?.connection.id, "bare");
    const again = await ConnectionCatalog.open(file(bare), {
      ...shared,
      resolver: new ConfiguredResolver({ ...shared, anchorsConfigured: false }),
    });
    assert.ok(again.ok);
    assert.equal(announcements.length, 1, "the stored hash is reused after a restart");
  });
});

describe("ConnectionCatalog changes", () => {
  it("rebuilds only the connection a change touches", async () => {
    const o = options();
    const opened = await ConnectionCatalog.open(
      file(testConnection("a", { tokens: ["ta"] }), testConnection("b", { tokens: ["tb"] })),
      o,
    );
    assert.ok(opened.ok);
    const catalog = opened.value;
    const a = o.resolver.connection("a");
    const b = o.resolver.connection("b");
    assert.ok((await catalog.create(testConnection("c", { tokens: ["tc"] }))).ok);
    assert.equal(o.resolver.connection("a"), a, "untouched connections keep their compiled mapping");
    assert.equal(o.resolver.connection("b"), b);
    const replaced = await catalog.replace("b", testConnection("b", { tokens: ["tb2"] }));
    assert.equal(replaced.ok, true);
    assert.equal(o.resolver.connection("a"), a);
    assert.notEqual(o.resolver.connection("b"), b);
    assert.ok(await catalog.delete("c"));
    assert.equal(o.resolver.connection("c"), undefined);
    assert.equal(o.resolver.connection("a"), a);
  });

  it("keeps the stored form free of clear secrets", async () => {
    const o = options();
    const opened = await ConnectionCatalog.open(
      file(
        testConnection("a", { basic: { username: "u", password: "pw-in-clear" }, tokens: ["tok-in-clear"] }),
      ),
      o,
    );
    assert.ok(opened.ok);
    const [only] = opened.value.list();
    const text = JSON.stringify(only?.stored) + JSON.stringify(only?.raw);
    assert.equal(text.includes("pw-in-clear"), false);
    assert.equal(text.includes("tok-in-clear"), false);
    assert.match(text, /"encryptedPassword":"scrypt\$/);
  });
});

describe("ConnectionCatalog.open on a store of an earlier version", () => {
  it("serves the changes of the single connections.admin setting, moved to one setting per connection", async () => {
    const o = options();
    const o2 = { ...o, resolver: new ConfiguredResolver({ ...o, anchorsConfigured: false }) };
    const stored = async (raw: JsonObject) => {
      const opened = await ConnectionCatalog.open(file(raw), options());
      assert.ok(opened.ok);
      return opened.value.get(String(raw.id))?.stored;
    };
    await o.datastore.putSetting(legacyAdminChangesSetting, {
      changes: {
        kept: {
          connection: (await stored(testConnection("kept", { tokens: ["kept-2"], active: true }))) ?? {},
          at: "2025-01-01T00:00:00.000Z",
        },
        gone: { deleted: true, at: "2025-01-02T00:00:00.000Z" },
        added: {
          connection: (await stored(testConnection("added", { tokens: ["added"] }))) ?? {},
          at: "2025-01-03T00:00:00.000Z",
        },
      },
    });
    const fromFile = file(
      testConnection("kept", { tokens: ["kept-1"] }),
      testConnection("gone", { tokens: ["gone"] }),
      testConnection("plain", { tokens: ["plain"] }),
    );
    // A first start migrates; a restart reads the migrated settings.
    for (const resolver of [o, o2]) {
      const opened = await ConnectionCatalog.open(fromFile, resolver);
      assert.ok(opened.ok, JSON.stringify(!opened.ok && opened.issues));
      assert.deepEqual(
        opened.value.list().map((c) => c.id),
        ["kept", "plain", "added"],
      );
      const serves = async (token: string) =>
        (await resolver.resolver.resolve({ kind: "bearer", token }))?.connection.id;
      assert.equal(await serves("kept-2"), "kept", "the admin API's version wins over the file's");
      assert.equal(await serves("kept-1"), undefined);
      assert.equal(await serves("gone"), undefined);
      await opened.value.close();
    }
    const marker: unknown = await o.datastore.getSetting(legacyAdminChangesSetting);
    assert.ok(isJsonObject(marker) && marker.changes === undefined, "the old setting holds no connection");
  });
});

describe("ConnectionCatalog.open with a stored change that no longer fits", () => {
  it("starts, serving the file's connection and refusing the admin API's with an error in the log", async () => {
    const o = catalogOptions(new MemoryDatastore());
    const first = await ConnectionCatalog.open(file(testConnection("a", { tokens: ["ta"] })), o);
    assert.ok(first.ok);
    assert.ok(
      (await first.value.create(testConnection("b", { basic: { username: "u", password: "p" } }))).ok,
    );
    // The operator then gives a file connection the username the admin API's connection already has.
    const p = catalogOptions(o.datastore);
    const edited = file(
      testConnection("a", { tokens: ["ta"] }),
      testConnection("c", { basic: { username: "u", password: "q" } }),
    );
    const second = await ConnectionCatalog.open(edited, p);
    assert.ok(
      second.ok,
      "a stored change cannot keep the server from starting: only the admin API can fix it",
    );
    assert.deepEqual(
      second.value.list().map((c) => c.id),
      ["a", "c"],
    );
    assert.equal(p.errors.filter((e) => e.includes("not served")).length, 1);
  });
});
