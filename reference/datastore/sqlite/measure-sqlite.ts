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
import { a, groups, users } from "../contract/contract-fixtures.js";
import type { EntryQuery } from "../datastore.js";
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

const store = new SqliteDatastore({ path });
const ids: string[] = [];

let start = process.hrtime.bigint();
await store.transaction(async (tx) => {
  for (let i = 0; i < userCount; i++) {
    const user = await tx.create(users, {
      attributes: {
        userName: `user${i}@example.com`,
        externalId: `ext-${i}`,
        displayName: `User Number ${i}`,
        name: { givenName: "Given", familyName: `Family${i}` },
        emails: [{ value: `user${i}@example.com`, type: "work", primary: true }],
        active: true,
      },
    });
    ids.push(user.id);
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

start = process.hrtime.bigint();
for (let i = 0; i < 1000; i++) {
  const user = await store.get(users, ids[pick(i)] ?? "", { members: false });
  if (user === undefined) throw new Error("get found nothing");
}
report("1,000 gets by id", ms(start), 1000);

async function memberAdds(groupSize: number, rounds: number): Promise<number> {
  const members = ids.slice(0, groupSize).map((value) => ({ value, type: "User" }));
  const group = await store.create(groups, { attributes: { displayName: `Group of ${groupSize}` }, members });
  const spare = ids.slice(groupSize, groupSize + rounds);
  const begin = process.hrtime.bigint();
  for (const value of spare) {
    await store.update(groups, group.id, { members: { add: [{ value, type: "User" }], remove: [] } });
  }
  return ms(begin) / spare.length;
}
const rounds = Math.min(200, Math.floor(userCount / 4));
start = process.hrtime.bigint();
const big = await memberAdds(Math.min(100_000, userCount - rounds), rounds);
report(`  (created a ${Math.min(100_000, userCount - rounds)}-member group and added members)`, ms(start));
const small = await memberAdds(100, rounds);
report(`add 1 member, group of ${Math.min(100_000, userCount - rounds)} (mean of ${rounds})`, big);
report(`add 1 member, group of 100 (mean of ${rounds})`, small);
console.log(`${"ratio large/small".padEnd(58)} ${(big / small).toFixed(2).padStart(10)}`);

const bigGroup = await store.query(groups, {
  filter: compareNode(a.displayName, "sw", "Group of 1"),
  sort: undefined,
  page: { kind: "index", startIndex: 1, count: 10 },
  members: false,
});
const groupId = bigGroup.entries.find((g) => String(g.attributes.displayName).length > 14)?.id ?? "";
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
report(`cursor walk: first page of 100`, first);
report(`cursor walk: last page of 100 (page ${pages})`, last);

await store.close();
const rss = process.memoryUsage().rss / 2 ** 20;
const size = statSync(path).size / 2 ** 20;
console.log(`${"RSS at the end (MB)".padEnd(58)} ${rss.toFixed(0).padStart(10)}`);
console.log(`${"database file (MB, after checkpoint)".padEnd(58)} ${size.toFixed(0).padStart(10)}`);
if (values.path === undefined) rmSync(folder, { recursive: true, force: true });
