// TEST SUPPORT: the measurement every SQL store's script prints (sqlite/measure-sqlite.ts,
// postgres/measure-postgres.ts; scripts, never timed tests: these machines are shared and noisy):
// creating the users in one transaction; `userName eq` queries and gets by id; creates that are each
// their own transaction; one member added to a large group versus a 100-member group (interleaved, so
// checkpoints and vacuums fall on both alike); gets of the large group without members; cursor pages at
// the start and the end of a walk. Per-operation series print the mean, the median and the 99th
// percentile, because a checkpoint now and then lands on a single operation.
import { compareNode } from "../../protocol/filter/filter-builders.js";
import { a, scopeOf } from "../contract/contract-fixtures.js";
import type { ConnectionPlan, Datastore, EntryQuery } from "../datastore.js";

export function microsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e3;
}

export function line(name: string, value: string): void {
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

// The plan the direct mapping derives from the RFC 7643 schemas (mapping/direct/direct-plan.ts): these
// indexed attributes, userName unique, displayName then userName as member display.
export const measureConnection: ConnectionPlan = {
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
const users = scopeOf(measureConnection, "User");
const groups = scopeOf(measureConnection, "Group");
/** Runs the whole sequence on an empty store; `afterLoad` runs once the users are in (PostgreSQL: ANALYZE). */
export async function measureStore(
  store: Datastore,
  userCount: number,
  afterLoad: () => Promise<void> = async () => {},
): Promise<void> {
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
  const createMicros = microsSince(start);
  line(
    `create ${userCount} users in one transaction`,
    `${(createMicros / 1e3).toFixed(0)} ms, ${(createMicros / userCount).toFixed(1)} µs per user`,
  );
  await afterLoad();

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
}
