// Measures the PostgreSQL store with the figures of measure-sqlite.ts (a script, never a timed test:
// these machines are shared and noisy).
//   SCIM_TEST_PG_URL=… node --import tsx reference/datastore/postgres/measure-postgres.ts [--users 100000]
// Runs in a scratch schema, dropped at the end. Prints: creating the users in one transaction; `userName
// eq` queries and gets by id; creates that are each their own transaction; one member added to a large
// group versus a 100-member group (interleaved); gets of the large group without members; cursor pages
// at the start and the end of a walk; the process's RSS and the schema's size on disk. Per-operation
// series print the mean, the median and the 99th percentile.
import { parseArgs } from "node:util";
import { compareNode } from "../../protocol/filter/filter-builders.js";
import { a, scopeOf } from "../contract/contract-fixtures.js";
import type { ConnectionPlan, EntryQuery } from "../datastore.js";
import { openPgPool, openPostgresUrl } from "./postgres-driver.js";
import { scratchSchema } from "./postgres-scratch.js";

const { values } = parseArgs({ options: { users: { type: "string" } } });
const userCount = Number(values.users ?? 100_000);
const url = process.env.SCIM_TEST_PG_URL;
if (url === undefined || url === "") {
  console.error("measure-postgres: set SCIM_TEST_PG_URL (scripts/pg-up.sh prints it)");
  process.exit(2);
}

function microsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e3;
}

function line(name: string, value: string): void {
  console.log(`${name.padEnd(56)} ${value}`);
}

function summary(name: string, micros: readonly number[]): number {
  const sorted = [...micros].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length);
  line(name, `mean ${mean.toFixed(1)} µs, median ${at(0.5).toFixed(1)} µs, p99 ${at(0.99).toFixed(1)} µs`);
  return at(0.5);
}

async function series(
  name: string,
  count: number,
  operation: (i: number) => Promise<unknown>,
): Promise<number> {
  const micros: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await operation(i);
    micros.push(microsSince(start));
  }
  return summary(name, micros);
}

// The plan the direct mapping derives from the RFC 7643 schemas (as in measure-sqlite.ts).
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
const scratch = scratchSchema(url, "measure");
const store = await openPostgresUrl({ url, schema: scratch.schema });

try {
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
  const createMicros = microsSince(start);
  line(
    `create ${userCount} users in one transaction`,
    `${(createMicros / 1e3).toFixed(0)} ms, ${(createMicros / userCount).toFixed(1)} µs per user`,
  );
  // Fresh statistics, as autovacuum would gather them shortly after a bulk load.
  const analyze = openPgPool(url, { schema: scratch.schema, poolSize: 1 });
  await analyze.query({ text: "ANALYZE" });

  const pick = (i: number) => (i * 7919) % userCount;
  const byName = (i: number): EntryQuery => ({
    filter: compareNode(a.userName, "eq", `USER${pick(i)}@example.com`),
    sort: undefined,
    page: { kind: "index", startIndex: 1, count: 100 },
    members: false,
  });
  const sample: string[] = [];
  for (let i = 0; i < 1000; i++)
    sample.push((await store.query(users, byName(i + 1000))).entries[0]?.id ?? "");
  const filterMedian = await series("1,000 queries `userName eq` (case-insensitive)", 1000, async (i) => {
    const result = await store.query(users, byName(i));
    if (result.total !== 1) throw new Error(`userName eq found ${result.total}`);
  });
  const getMedian = await series("1,000 gets by id", 1000, async (i) => {
    if ((await store.get(users, sample[i] ?? "", { members: false })) === undefined)
      throw new Error("no entry");
  });
  line("ratio get / filter (medians)", (getMedian / filterMedian).toFixed(2));
  await series("1,000 creates, each its own transaction", 1000, (i) =>
    store.create(users, { attributes: { userName: `single${i}@example.com`, displayName: `Single ${i}` } }),
  );

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

  const rounds = 500;
  const bigSize = Math.min(100_000, userCount - 2 * rounds);
  start = process.hrtime.bigint();
  const bigId = await groupOf("Group of many", bigSize);
  const smallId = await groupOf("Group of 100", 100);
  line(`(built a ${bigSize}-member and a 100-member group)`, `${(microsSince(start) / 1e3).toFixed(0)} ms`);
  const spare: string[] = [];
  for await (const chunk of userIds(bigSize, 2 * rounds)) spare.push(...chunk);
  const bigAdds: number[] = [];
  const smallAdds: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const [groupId, value, into] of [
      [bigId, spare[2 * i], bigAdds],
      [smallId, spare[2 * i + 1], smallAdds],
    ] as const) {
      const begin = process.hrtime.bigint();
      await store.update(groups, groupId, {
        members: { add: [{ value: value ?? "", type: "User" }], remove: [] },
      });
      into.push(microsSince(begin));
    }
  }
  const big = summary(`add 1 member, group of ${bigSize} (${rounds} adds)`, bigAdds);
  const small = summary(`add 1 member, group of 100 (${rounds} adds)`, smallAdds);
  line("ratio large / small (medians)", (big / small).toFixed(2));
  await series("1,000 gets of the large group without members", 1000, () =>
    store.get(groups, bigId, { members: false }),
  );

  const page = (position: string | undefined): EntryQuery => ({
    filter: undefined,
    sort: undefined,
    page: { kind: "cursor", position, direction: "next", count: 100 },
    members: false,
  });
  const pageMicros: number[] = [];
  let position: string | undefined;
  do {
    start = process.hrtime.bigint();
    const result = await store.query(users, page(position));
    pageMicros.push(microsSince(start));
    position = result.nextPosition;
  } while (position !== undefined);
  summary(`cursor walk of ${userCount} users by 100: first 100 pages`, pageMicros.slice(0, 100));
  summary(`cursor walk: last 100 pages (of ${pageMicros.length})`, pageMicros.slice(-100));

  line("RSS at the end", `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  const size = await analyze.query<{ bytes: number }>({
    text: "SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
    values: [scratch.schema],
  });
  line(
    "schema size (tables, indexes, TOAST)",
    `${(Number(size.rows[0]?.bytes ?? 0) / 2 ** 20).toFixed(0)} MB`,
  );
  await analyze.end();
} finally {
  await store.close();
  await scratch.drop();
}
