// Measures the SQLite store (a script, never a timed test: these machines are shared and noisy).
//   node --import tsx reference/datastore/sqlite/measure-sqlite.ts [--users 100000] [--path file]
// Prints: a 100,000-user create in one transaction, 1,000 `userName eq` queries, 1,000 gets by id, one
// member added to a 100,000-member group versus a 100-member group, cursor pages at the start and the end
// of a walk, and the process's RSS. The performance issue turns such figures into ratios.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { compareNode } from "../../protocol/filter/filter-builders.js";
import { a, scopeOf } from "../contract/contract-fixtures.js";
import type { ConnectionPlan, EntryQuery } from "../datastore.js";
import { SqliteDatastore } from "./sqlite-datastore.js";

const { values } = parseArgs({ options: { users: { type: "string" }, path: { type: "string" } } });
const userCount = Number(values.users ?? 100_000);
const folder = mkdtempSync(join(tmpdir(), "scim-measure-"));
const path = values.path ?? join(folder, "measure.sqlite");

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function report(name: string, total: number, count = 1): void {
  const each = count > 1 ? `  (${((total / count) * 1000).toFixed(1)} µs each)` : "";
  console.log(`${name.padEnd(58)} ${total.toFixed(1).padStart(10)} ms${each}`);
}

function reportEach(name: string, micros: number): void {
  console.log(`${name.padEnd(58)} ${micros.toFixed(1).padStart(10)} µs`);
}

// The plan the direct mapping derives from the RFC 7643 schemas (mapping/direct/direct-plan.ts): these
// indexed attributes, userName unique, displayName then userName as member display.
const connection: ConnectionPlan = {
  connectionId: "measure",
  resourceTypes: {
    User: {
      indexed: [a.userName, a.externalId, a.displayName, a.emailValue, a.lastModified],
      unique: [a.userName],
      hasMembers: false,
      displayAttributes: ["displayName", "userName"],
    },
    Group: {
      indexed: [a.displayName, a.externalId, a.memberValue, a.lastModified],
      unique: [],
      hasMembers: true,
      displayAttributes: ["displayName"],
    },
  },
};
const users = scopeOf(connection, "User");
const groups = scopeOf(connection, "Group");

const store = new SqliteDatastore({ path });

// Ids are not kept while creating: RSS at the end should be the store's, not this script's.
let start = process.hrtime.bigint();
await store.transaction(async (tx) => {
  for (let i = 0; i < userCount; i++) {
    await tx.create(users, {
      attributes: {
        userName: `user${i}@example.com`,
        externalId: `ext-${i}`,
        displayName: `User Number ${i}`,
        name: { givenName: "Given", familyName: `Family${i}` },
        emails: [{ value: `user${i}@example.com`, type: "work", primary: true }],
        active: true,
      },
    });
  }
});
report(`create ${userCount} users in one transaction`, ms(start));

const pick = (i: number) => (i * 7919) % userCount;
const byName = (i: number): EntryQuery => ({
  filter: compareNode(a.userName, "eq", `USER${pick(i)}@example.com`),
  sort: undefined,
  page: { kind: "index", startIndex: 1, count: 100 },
  members: false,
});
for (let i = 0; i < 50; i++) await store.query(users, byName(i)); // warm the statement cache and pages
start = process.hrtime.bigint();
for (let i = 0; i < 1000; i++) {
  const result = await store.query(users, byName(i));
  if (result.total !== 1) throw new Error(`userName eq found ${result.total}`);
}
report("1,000 queries userName eq (case-insensitive)", ms(start), 1000);

const sample: string[] = [];
for (let i = 0; i < 1000; i++) sample.push((await store.query(users, byName(i))).entries[0]?.id ?? "");
start = process.hrtime.bigint();
for (let i = 0; i < 1000; i++) {
  const user = await store.get(users, sample[i] ?? "", { members: false });
  if (user === undefined) throw new Error("get found nothing");
}
report("1,000 gets by id", ms(start), 1000);

start = process.hrtime.bigint();
for (let i = 0; i < 1000; i++) {
  await store.create(users, {
    attributes: { userName: `single${i}@example.com`, displayName: `Single ${i}` },
  });
}
report("1,000 creates, each its own transaction (WAL commit)", ms(start), 1000);

/** Ids of `count` users from the `from`-th on (creation order), read page by page with a cursor. */
async function* userIds(from: number, count: number): AsyncGenerator<string[]> {
  let position: string | undefined;
  let skipped = 0;
  let left = count;
  while (left > 0) {
    const page = await store.query(users, {
      filter: undefined,
      sort: undefined,
      page: { kind: "cursor", position, direction: "next", count: 1000 },
      members: false,
    });
    let ids = page.entries.map((e) => e.id);
    const skip = Math.min(from - skipped, ids.length);
    ids = ids.slice(skip, skip + left);
    skipped += skip;
    left -= ids.length;
    if (ids.length > 0) yield ids;
    position = page.nextPosition;
    if (position === undefined) return;
  }
}

async function groupOf(label: string, size: number): Promise<string> {
  const group = await store.create(groups, { attributes: { displayName: label } });
  for await (const chunk of userIds(0, size)) {
    const add = chunk.map((value) => ({ value, type: "User" }));
    await store.update(groups, group.id, { members: { add, remove: [] } });
  }
  return group.id;
}

const rounds = 200;
const bigSize = Math.min(100_000, userCount - 2 * rounds);
start = process.hrtime.bigint();
const bigId = await groupOf("Group of many", bigSize);
const smallId = await groupOf("Group of 100", 100);
report(`  (built a ${bigSize}-member and a 100-member group)`, ms(start));
const spare: string[] = [];
for await (const chunk of userIds(bigSize, 2 * rounds)) spare.push(...chunk);
// Interleaved, so that WAL checkpoints and cache state weigh on both groups alike.
let big = 0;
let small = 0;
for (let i = 0; i < rounds; i++) {
  for (const [groupId, value] of [
    [bigId, spare[2 * i]],
    [smallId, spare[2 * i + 1]],
  ] as const) {
    const begin = process.hrtime.bigint();
    await store.update(groups, groupId, {
      members: { add: [{ value: value ?? "", type: "User" }], remove: [] },
    });
    const took = ms(begin) * 1000;
    if (groupId === bigId) big += took / rounds;
    else small += took / rounds;
  }
}
reportEach(`add 1 member, group of ${bigSize} (mean of ${rounds})`, big);
reportEach(`add 1 member, group of 100 (mean of ${rounds})`, small);
console.log(`${"ratio large/small".padEnd(58)} ${(big / small).toFixed(2).padStart(10)}`);

const bigGroup = await store.query(groups, {
  filter: compareNode(a.displayName, "eq", "Group of many"),
  sort: undefined,
  page: { kind: "index", startIndex: 1, count: 1 },
  members: false,
});
const groupId = bigGroup.entries[0]?.id ?? "";
start = process.hrtime.bigint();
for (let i = 0; i < 1000; i++) await store.get(groups, groupId, { members: false });
report("1,000 gets of the large group without members", ms(start), 1000);

const page = (position: string | undefined): EntryQuery => ({
  filter: undefined,
  sort: undefined,
  page: { kind: "cursor", position, direction: "next", count: 100 },
  members: false,
});
start = process.hrtime.bigint();
let result = await store.query(users, page(undefined));
const first = ms(start);
let position = result.nextPosition;
let pages = 1;
let last = first;
while (position !== undefined) {
  start = process.hrtime.bigint();
  result = await store.query(users, page(position));
  last = ms(start);
  position = result.nextPosition;
  pages++;
}
reportEach("cursor walk: first page of 100", first * 1000);
reportEach(`cursor walk: last page of 100 (page ${pages})`, last * 1000);

await store.close();
const rss = process.memoryUsage().rss / 2 ** 20;
const size = statSync(path).size / 2 ** 20;
console.log(`${"RSS at the end (MB)".padEnd(58)} ${rss.toFixed(0).padStart(10)}`);
console.log(`${"database file (MB, after checkpoint)".padEnd(58)} ${size.toFixed(0).padStart(10)}`);
if (values.path === undefined) rmSync(folder, { recursive: true, force: true });
