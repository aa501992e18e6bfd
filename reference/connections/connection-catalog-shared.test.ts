// Several catalogs on one store, as several server processes on one database (issue "more than one server
// process"): changes to different connections never overwrite each other, two changes to one connection
// apply one after the other, and a store that reports settings changes (watchSettings, as PostgreSQL's
// LISTEN/NOTIFY) makes another process's change serve here, with the same cache and mapping rebuilds as a
// change made here. The same on PostgreSQL: connection-catalog-postgres.test.ts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryDatastore } from "../datastore/memory/memory-datastore.js";
import type { JsonObject } from "../protocol/resource/json.js";
import { catalogOptions, eventually, type TestCatalogOptions, watchHub } from "./catalog-test-support.js";
import { ConnectionCatalog } from "./connection-catalog.js";
import { basicHeader, testConnection, withCredentials } from "./connection-fixtures.js";
import type { PresentedCredential } from "./connection-resolver.js";
import { secretReference } from "./seal-connection.js";

const file = (...connections: JsonObject[]) =>
  connections.map((raw, i) => ({ path: `idpConnections[${i}]`, raw }));
const bearer = (token: string): PresentedCredential => ({ kind: "bearer", token });
const basic = (header: string): PresentedCredential => {
  const [username = "", password = ""] = Buffer.from(header.slice(6), "base64").toString().split(":");
  return { kind: "basic", username, password };
};
/** The id of the connection a credential selects in one process, or undefined. */
const selected = async (o: TestCatalogOptions, credential: PresentedCredential) =>
  (await o.resolver.resolve(credential))?.connection.id;

async function openCatalog(o: TestCatalogOptions, ...connections: JsonObject[]) {
  const opened = await ConnectionCatalog.open(file(...connections), o);
  assert.ok(opened.ok, JSON.stringify(!opened.ok && opened.issues));
  return opened.value;
}

const base = testConnection("base", { tokens: ["base-token"] });

describe("ConnectionCatalog on a store shared by two processes", () => {
  it("keeps both of two connections that two processes create at the same moment", async () => {
    const shared = new MemoryDatastore();
    const [a, b] = [catalogOptions(shared), catalogOptions(shared)];
    const [one, two] = [await openCatalog(a, base), await openCatalog(b, base)];
    const created = await Promise.all([
      one.create(testConnection("from-a", { tokens: ["ta"] })),
      two.create(testConnection("from-b", { tokens: ["tb"] })),
    ]);
    assert.ok(created.every((c) => c.ok));
    const restarted = await openCatalog(catalogOptions(shared), base);
    assert.deepEqual(
      restarted
        .list()
        .map((c) => c.id)
        .sort(),
      ["base", "from-a", "from-b"],
    );
  });

  it("applies the later of two changes to one connection on top of the earlier, checking its secrets against it", async () => {
    const shared = new MemoryDatastore();
    const [a, b] = [catalogOptions(shared), catalogOptions(shared)];
    const x = testConnection("x", { basic: { username: "x", password: "pw-1" } });
    // Created through the admin API, so both processes hold the one stored hash (a file's clear
    // password is hashed by each process on its own).
    const one = await openCatalog(a, base);
    assert.ok((await one.create(x)).ok);
    const two = await openCatalog(b, base);
    // What both admin APIs return for the password at first: a reference to its hash.
    const firstHash = two.get("x")?.auth.basic?.passwordHash ?? "";
    const keepingPassword = (name: string) =>
      withCredentials(
        { ...x, name },
        { httpBasicCredentials: { username: "x", encryptedPassword: secretReference(firstHash) } },
      );
    assert.ok((await one.replace("x", keepingPassword("from a"))).ok);
    const later = await two.replace("x", keepingPassword("from b"));
    assert.ok(later.ok, JSON.stringify(!later.ok && later));
    assert.equal(two.get("x")?.name, "from b", "b's change applies on top of a's instead of failing");
    assert.ok(
      (await one.replace("x", testConnection("x", { basic: { username: "x", password: "pw-2" } }))).ok,
    );
    const stale = await two.replace("x", keepingPassword("stale"));
    assert.deepEqual(
      stale.ok === false && stale.issues.map((i) => i.errorId),
      ["stale_secret"],
      "b's reference names the password a replaced, so it cannot bring pw-1 back",
    );
    const c = catalogOptions(shared);
    const restarted = await openCatalog(c, base);
    assert.equal(restarted.get("x")?.name, "Test connection x");
    assert.equal(await selected(c, basic(basicHeader("x", "pw-2"))), "x");
    assert.equal(await selected(c, basic(basicHeader("x", "pw-1"))), undefined);
  });
});

describe("ConnectionCatalog: a file's secrets given in clear", () => {
  const x = (password: string) =>
    testConnection("x", { basic: { username: "x", password }, tokens: [{ id: "t", token: "tok-1" }] });
  const hashes = (catalog: ConnectionCatalog) => [
    catalog.get("x")?.auth.basic?.passwordHash,
    catalog.get("x")?.auth.bearerTokens[0]?.tokenHash,
  ];

  it("have one hash in every process, so a secret read back through one is kept through the other", async () => {
    const shared = new MemoryDatastore();
    const [one, two] = await Promise.all([
      openCatalog(catalogOptions(shared), x("pw-1")),
      openCatalog(catalogOptions(shared), x("pw-1")),
    ]);
    assert.deepEqual(hashes(one), hashes(two));
    const readThroughOne = withCredentials(
      { ...x("pw-1"), name: "renamed" },
      {
        httpBasicCredentials: {
          username: "x",
          encryptedPassword: secretReference(one.get("x")?.auth.basic?.passwordHash ?? ""),
        },
        bearerTokens: [{ id: "t" }],
      },
    );
    const replaced = await two.replace("x", readThroughOne);
    assert.ok(replaced.ok, JSON.stringify(!replaced.ok && replaced.issues));
  });

  it("keep their hash across restarts until the file's secret changes", async () => {
    const shared = new MemoryDatastore();
    const first = hashes(await openCatalog(catalogOptions(shared), x("pw-1")));
    assert.deepEqual(hashes(await openCatalog(catalogOptions(shared), x("pw-1"))), first);
    const o = catalogOptions(shared);
    const changed = hashes(await openCatalog(o, x("pw-2")));
    assert.notEqual(changed[0], first[0]);
    assert.equal(changed[1], first[1], "the unchanged token keeps its hash");
    assert.equal(await selected(o, basic(basicHeader("x", "pw-2"))), "x");
    assert.equal(await selected(o, basic(basicHeader("x", "pw-1"))), undefined);
  });
});

describe("ConnectionCatalog following another process's changes (watchSettings)", () => {
  it("serves what another process creates, replaces and deletes, rebuilding only that connection", async () => {
    const hub = watchHub(new MemoryDatastore());
    const [a, b] = [catalogOptions(hub.view()), catalogOptions(hub.view())];
    const [one, two] = [await openCatalog(a, base), await openCatalog(b, base)];
    const untouched = b.resolver.connection("base");
    assert.ok((await one.create(testConnection("late", { tokens: ["late-1"] }))).ok);
    assert.ok(await eventually(async () => (await selected(b, bearer("late-1"))) === "late"), "created");
    const first = b.resolver.connection("late");
    assert.ok((await one.replace("late", testConnection("late", { tokens: ["late-2"] }))).ok);
    assert.ok(await eventually(async () => (await selected(b, bearer("late-2"))) === "late"), "replaced");
    assert.equal(
      await selected(b, bearer("late-1")),
      undefined,
      "the old token, verified before, is refused",
    );
    assert.notEqual(b.resolver.connection("late"), first, "the replaced connection is rebuilt");
    assert.equal(b.resolver.connection("base"), untouched, "the others keep their compiled mapping");
    assert.ok(await one.delete("late"));
    assert.ok(await eventually(async () => (await selected(b, bearer("late-2"))) === undefined), "deleted");
    assert.equal(two.get("late"), undefined);
    await two.close();
    assert.ok((await one.create(testConnection("after-close", { tokens: ["ac"] }))).ok);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(two.get("after-close"), undefined, "a closed catalog follows nothing");
    await one.close();
  });

  it("reads every connection again when the store says changes may have been missed (*)", async () => {
    const shared = new MemoryDatastore();
    const hub = watchHub(shared);
    const b = catalogOptions(hub.view());
    const two = await openCatalog(b, base);
    // A process whose store view sends no notice, as if the notice were lost during a reconnect.
    const quiet = await openCatalog(catalogOptions(shared), base);
    assert.ok((await quiet.create(testConnection("unannounced", { tokens: ["un"] }))).ok);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(two.get("unannounced"), undefined);
    hub.notify("*");
    assert.ok(await eventually(() => two.get("unannounced") !== undefined));
    await two.close();
  });

  it("serves the same one of two clashing connections created at once in two processes, and logs the other", async () => {
    const hub = watchHub(new MemoryDatastore());
    const [a, b] = [catalogOptions(hub.view()), catalogOptions(hub.view())];
    const [one, two] = [await openCatalog(a, base), await openCatalog(b, base)];
    const clash = (id: string) => testConnection(id, { basic: { username: "same-user", password: id } });
    const created = await Promise.all([one.create(clash("clash-a")), two.create(clash("clash-b"))]);
    assert.ok(
      created.every((c) => c.ok),
      "neither process knew of the other's connection",
    );
    const served = (catalog: ConnectionCatalog) =>
      catalog
        .list()
        .map((c) => c.id)
        .filter((id) => id.startsWith("clash"));
    const refusals = (o: TestCatalogOptions) => o.errors.filter((e) => e.includes("not served")).length;
    // Settled once each process has read the other's connection: it then refuses the later one.
    assert.ok(
      await eventually(() => refusals(a) === 1 && refusals(b) === 1),
      JSON.stringify([a.errors, b.errors]),
    );
    assert.equal(served(one).length, 1);
    assert.deepEqual(served(one), served(two), "both processes serve the earlier one");
    await one.close();
    await two.close();
  });
});
