// Crash safety (issue "Reliability and security": crash safety): the reference server runs as a real
// process on an SQLite file under a write load (creates, PATCHes, groups, member adds, deletes from
// several clients at once) and is killed with SIGKILL at a random moment, then started again on the same
// file. After each restart:
// - every write acknowledged with a 2xx is there (users, their added e-mails, groups, memberships) and
//   every acknowledged DELETE stayed deleted;
// - nothing is half-written: every user is found by a filter on its own userName with the same id (its
//   index rows exist), every group's member list agrees with its members' `groups`, and each scope's
//   maintained entry count equals its entries;
// - PRAGMA integrity_check is "ok".
// SQLite runs in WAL mode with synchronous=NORMAL, which is durable across application crashes
// (sqlite.org/wal.html); this test holds the server to it. Kill points come from the printed seed.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { demoAuth, startReferenceUnderTest } from "./support/reference-under-test.js";
import { recordFigures, replayHint, scaled, suiteSeed } from "./support/scale.js";
import { type ServerProcess, startServerProcess } from "./support/server-process.js";

type Json = Record<string, unknown>;
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const groupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
const patchUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const cycles = scaled(1, 10);
const workers = 6;

/** What the server acknowledged with a 2xx, and so must survive any crash. */
class Acknowledged {
  readonly users = new Map<string, string>(); // id → userName
  readonly emails = new Map<string, Set<string>>(); // user id → e-mail values added by PATCH
  readonly groups = new Set<string>();
  readonly memberships = new Map<string, Set<string>>(); // group id → member ids
  readonly deleted = new Set<string>();
  writes = 0;
}

async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: demoAuth.directory, "Content-Type": "application/scim+json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? {} : (JSON.parse(text) as Json) };
}

/** A small seeded generator, so that the load and the kill point replay from the seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One client's endless write loop; stops at the first failed request (the server died). */
async function worker(
  url: string,
  cycle: number,
  n: number,
  ack: Acknowledged,
  next: () => number,
): Promise<void> {
  const mine: string[] = [];
  for (let i = 0; ; i++) {
    try {
      const userName = `crash-${cycle}-${n}-${i}`;
      const created = await call(url, "POST", "/Users", {
        schemas: [userUrn],
        userName,
        emails: [{ value: `${userName}@example.com`, type: "work" }],
      });
      if (created.status !== 201) throw new Error(`POST /Users answered ${created.status}`);
      const id = created.body.id as string;
      ack.users.set(id, userName);
      ack.writes += 1;
      mine.push(id);
      const extra = `extra-${i}@example.com`;
      const patched = await call(url, "PATCH", `/Users/${id}`, {
        schemas: [patchUrn],
        Operations: [{ op: "add", path: "emails", value: [{ value: extra, type: "home" }] }],
      });
      if (patched.status === 200) {
        ack.emails.set(id, new Set([...(ack.emails.get(id) ?? []), extra]));
        ack.writes += 1;
      }
      if (i % 4 === 3) {
        const members = mine.slice(-3);
        const group = await call(url, "POST", "/Groups", {
          schemas: [groupUrn],
          displayName: `crash-group-${cycle}-${n}-${i}`,
          members: members.map((value) => ({ value })),
        });
        if (group.status !== 201) throw new Error(`POST /Groups answered ${group.status}`);
        const gid = group.body.id as string;
        ack.groups.add(gid);
        ack.memberships.set(gid, new Set(members));
        ack.writes += 1;
        const added = mine.at(-4);
        if (added !== undefined) {
          const add = await call(url, "PATCH", `/Groups/${gid}`, {
            schemas: [patchUrn],
            Operations: [{ op: "add", path: "members", value: [{ value: added }] }],
          });
          if (add.status === 200) {
            ack.memberships.get(gid)?.add(added);
            ack.writes += 1;
          }
        }
      }
      if (next() < 0.15 && mine.length > 5) {
        // Deleting a user also removes it from its groups (RFC 7644 §3.6).
        const victim = mine.splice(0, 1)[0] as string;
        const gone = await call(url, "DELETE", `/Users/${victim}`);
        if (gone.status === 204) {
          ack.deleted.add(victim);
          ack.users.delete(victim);
          ack.emails.delete(victim);
          for (const members of ack.memberships.values()) members.delete(victim);
          ack.writes += 1;
        }
      }
    } catch {
      return;
    }
  }
}

async function listAll(url: string, path: string): Promise<Json[]> {
  const all: Json[] = [];
  for (let start = 1; ; start += 500) {
    const page = await call(
      url,
      "GET",
      `${path}${path.includes("?") ? "&" : "?"}startIndex=${start}&count=500`,
    );
    assert.equal(page.status, 200);
    const resources = (page.body.Resources as Json[] | undefined) ?? [];
    all.push(...resources);
    if (resources.length === 0 || all.length >= (page.body.totalResults as number)) return all;
  }
}

async function verify(url: string, db: string, ack: Acknowledged): Promise<void> {
  for (const [id, userName] of ack.users) {
    const user = await call(url, "GET", `/Users/${id}`);
    assert.equal(user.status, 200, `acknowledged user ${userName} (${id}) is gone`);
    const emails = ((user.body.emails as Json[] | undefined) ?? []).map((e) => e.value);
    for (const value of ack.emails.get(id) ?? [])
      assert.ok(emails.includes(value), `acknowledged e-mail ${value} of ${userName} is gone`);
  }
  for (const id of ack.deleted)
    assert.equal((await call(url, "GET", `/Users/${id}`)).status, 404, `deleted user ${id} is back`);

  // Nothing half-written: each user is reachable through its index rows, by its own userName.
  const users = await listAll(url, "/Users?attributes=userName,groups");
  for (const user of users) {
    const found = await call(
      url,
      "GET",
      `/Users?filter=${encodeURIComponent(`userName eq "${user.userName as string}"`)}&attributes=id`,
    );
    const ids = ((found.body.Resources as Json[] | undefined) ?? []).map((r) => r.id);
    assert.deepEqual(ids, [user.id], `user ${user.userName as string} is not found by its userName`);
  }
  const groupsOf = new Map(
    users.map((u) => [
      u.id as string,
      new Set(((u.groups as Json[] | undefined) ?? []).map((g) => g.value as string)),
    ]),
  );
  const groups = await listAll(url, "/Groups?attributes=members,displayName");
  for (const group of groups) {
    for (const member of (group.members as Json[] | undefined) ?? [])
      assert.ok(
        groupsOf.get(member.value as string)?.has(group.id as string),
        `group ${group.id as string} lists ${member.value as string}, whose groups do not list it`,
      );
  }
  for (const [gid, members] of ack.memberships) {
    const group = groups.find((g) => g.id === gid);
    assert.ok(group !== undefined, `acknowledged group ${gid} is gone`);
    const present = new Set(((group.members as Json[] | undefined) ?? []).map((m) => m.value as string));
    for (const member of members)
      assert.ok(present.has(member), `acknowledged member ${member} of ${gid} is gone`);
  }

  const sqlite = new Database(db, { readonly: true });
  try {
    assert.equal(sqlite.pragma("integrity_check", { simple: true }), "ok");
    const drift = sqlite
      .prepare(
        "SELECT s.scope, s.entry_count, (SELECT count(*) FROM entries e WHERE e.scope = s.scope) AS actual FROM scopes s WHERE s.entry_count <> (SELECT count(*) FROM entries e WHERE e.scope = s.scope)",
      )
      .all();
    assert.deepEqual(drift, [], "a scope's entry count disagrees with its entries");
    const orphans = sqlite
      .prepare(
        "SELECT count(*) AS n FROM entry_keys k WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.pk = k.entry)",
      )
      .get() as { n: number };
    assert.equal(orphans.n, 0, "index rows of entries that do not exist");
    const dangling = sqlite
      .prepare(
        "SELECT count(*) AS n FROM members m WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.pk = m.member_pk) OR NOT EXISTS (SELECT 1 FROM entries e WHERE e.pk = m.group_pk)",
      )
      .get() as { n: number };
    assert.equal(dangling.n, 0, "memberships of entries that do not exist");
  } finally {
    sqlite.close();
  }
}

describe("the crash-safety check itself", () => {
  it("notices a half-written user: an entry whose index rows are missing", async () => {
    const server = await startReferenceUnderTest();
    try {
      const ack = new Acknowledged();
      for (const userName of ["whole", "half"]) {
        const created = await call(server.url, "POST", "/Users", { schemas: [userUrn], userName });
        ack.users.set(created.body.id as string, userName);
      }
      await verify(server.url, server.db, ack);
      const writer = new Database(server.db);
      writer.pragma("busy_timeout = 5000");
      writer
        .prepare("DELETE FROM entry_keys WHERE entry = (SELECT pk FROM entries WHERE id = ?)")
        .run([...ack.users.keys()][1]);
      writer.close();
      await assert.rejects(verify(server.url, server.db, ack), /not found by its userName/);
    } finally {
      await server.close();
    }
  });
});

describe("crash safety on SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "scim-crash-"));
  let server: ServerProcess | undefined;
  after(async () => {
    await server?.kill9();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write and nothing half-written across ${cycles} kill -9 cycles`, async (t) => {
    const seed = suiteSeed();
    t.diagnostic(`crash: ${cycles} kill -9 cycles, seed ${seed} (${replayHint(seed)})`);
    const next = random(seed);
    const db = join(dir, "scim.sqlite");
    const ack = new Acknowledged();
    const started = Date.now();
    const killedAfter: number[] = [];
    for (let cycle = 0; cycle < cycles; cycle++) {
      server = await startServerProcess(db);
      const url = server.url;
      await verify(url, db, ack).catch((error: Error) => {
        throw new Error(`after kill ${cycle} (${replayHint(seed)}): ${error.message}`);
      });
      const before = ack.writes;
      const load = Array.from({ length: workers }, (_, n) => worker(url, cycle, n, ack, next));
      // A random kill point once the load is under way: some writes acknowledged, others in flight.
      const delay = 150 + Math.floor(next() * 900);
      while (ack.writes - before < 5) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, delay));
      await server.kill9();
      killedAfter.push(ack.writes - before);
      await Promise.all(load);
    }
    server = await startServerProcess(db);
    await verify(server.url, db, ack).catch((error: Error) => {
      throw new Error(`after the last kill (${replayHint(seed)}): ${error.message}`);
    });
    await server.stop();
    server = undefined;
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    t.diagnostic(
      `crash: ${cycles} kills after ${killedAfter.join(", ")} acknowledged writes; ${ack.writes} writes, ${ack.users.size} users survive; ${seconds} s`,
    );
    recordFigures("crash", { kills: cycles, acknowledgedWrites: ack.writes, seconds, seed });
    assert.ok(ack.writes > cycles * 5);
  });
});
