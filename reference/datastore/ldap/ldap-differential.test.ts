// Differential property on slapd: on random directories, random StoreFilters and random sorts, the LDAP
// store returns exactly what the in-memory store (the executable specification) returns: the same
// entries in the same order, the same totals, the same cursor walks and the same errors. Every LDAP
// query is the compiled narrowing followed by the matcher, so a narrowing that lost an entry (an unsound
// pushdown, as slapd really matches) shows up as a missing label. The values collide across case,
// Unicode folding and spaces (testing/store-arbitraries.ts). The seed is printed on failure; replay with
// FC_SEED=<seed>, run longer with FC_RUNS.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { visitFilter } from "../../protocol/filter/filter-node.js";
import { groups, users } from "../contract/contract-fixtures.js";
import type { Datastore, EntryQuery, Scope, StoreAttribute, StoreFilter } from "../datastore.js";
import { MemoryDatastore } from "../memory/memory-datastore.js";
import {
  type DirectorySpec,
  directorySpec,
  groupSort,
  storeFilter,
  userSort,
} from "../testing/store-arbitraries.js";
import { ldapTestUrl, openTestStore } from "./ldap-test-support.js";

async function build(store: Datastore, spec: DirectorySpec): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [i, user] of spec.users.entries()) {
    const userName = `${user.userNameCase ? "U" : "u"}${i}`;
    ids.set(`u${i}`, (await store.create(users, { attributes: { userName, ...user.attributes } })).id);
  }
  for (const [i, group] of spec.groups.entries()) {
    const members = group.members.map((label) => ({ value: ids.get(label) ?? "", type: "User" }));
    ids.set(
      `g${i}`,
      (await store.create(groups, { attributes: { displayName: group.displayName }, members })).id,
    );
  }
  for (const [from, to] of spec.backEdges) {
    const member = { value: ids.get(`g${to}`) ?? "", type: "Group" };
    await store.update(groups, ids.get(`g${from}`) ?? "", { members: { add: [member], remove: [] } });
  }
  return ids;
}

/** Replaces "@label" literals with this store's id for the label. */
function materialise(filter: StoreFilter, ids: ReadonlyMap<string, string>): StoreFilter {
  const value = (v: unknown) =>
    typeof v === "string" && v.startsWith("@") ? (ids.get(v.slice(1)) ?? "no-such-id") : v;
  return visitFilter<StoreAttribute, StoreFilter>(filter, {
    compare: (n) => ({ ...n, value: value(n.value) as typeof n.value }),
    present: (n) => n,
    and: (n) => ({ ...n, left: materialise(n.left, ids), right: materialise(n.right, ids) }),
    or: (n) => ({ ...n, left: materialise(n.left, ids), right: materialise(n.right, ids) }),
    not: (n) => ({ ...n, operand: materialise(n.operand, ids) }),
    valuePath: (n) => ({ ...n, filter: materialise(n.filter, ids) }),
  });
}

async function run(
  store: Datastore,
  ids: ReadonlyMap<string, string>,
  scope: Scope,
  filter: StoreFilter,
  sort: EntryQuery["sort"],
  pageSize: number,
) {
  const labels = new Map([...ids].map(([label, id]) => [id, label]));
  const label = (entries: readonly { id: string }[]) => entries.map((e) => labels.get(e.id) ?? e.id);
  const base = { filter: materialise(filter, ids), sort, members: false };
  try {
    const all = await store.query(scope, { ...base, page: { kind: "index", startIndex: 1, count: 1000 } });
    const walk: string[] = [];
    let position: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await store.query(scope, {
        ...base,
        page: { kind: "cursor", position, direction: "next", count: pageSize },
      });
      walk.push(...label(page.entries));
      if (page.nextPosition === undefined) break;
      position = page.nextPosition;
    }
    return { labels: label(all.entries), total: all.total, walk };
  } catch (error) {
    const e = error as { status?: number; scimType?: string; message?: string };
    return { error: `${e.status ?? "?"} ${e.scimType ?? e.message}` };
  }
}

/**
 * Sorts by meta.created and meta.lastModified are left out: the directory's timestamps have whole
 * seconds, so its ties (broken by creation order) differ from the memory store's milliseconds whenever a
 * run straddles a second. The contract's listing tests cover those sorts.
 */
const wholeSeconds = (sort: EntryQuery["sort"]) =>
  sort === undefined || sort.attribute.source !== "engine" || sort.attribute.name === "id";

const labelsOf = (spec: DirectorySpec) => ({
  users: spec.users.map((_, i) => `u${i}`),
  groups: spec.groups.map((_, i) => `g${i}`),
});

const scenario = directorySpec.chain((spec) =>
  fc.record({
    spec: fc.constant(spec),
    queries: fc.array(
      fc.oneof(
        fc.record({
          scope: fc.constant("User" as const),
          filter: storeFilter(labelsOf(spec), "User"),
          sort: userSort.filter(wholeSeconds),
          pageSize: fc.integer({ min: 1, max: 4 }),
        }),
        fc.record({
          scope: fc.constant("Group" as const),
          filter: storeFilter(labelsOf(spec), "Group"),
          sort: groupSort.filter(wholeSeconds),
          pageSize: fc.integer({ min: 1, max: 4 }),
        }),
      ),
      { minLength: 1, maxLength: 8 },
    ),
  }),
);

// Without a directory this registers nothing: ldap-datastore.test.ts prints the one skip line.
const suite = ldapTestUrl === undefined ? () => {} : describe;

suite("LDAP store against the in-memory specification", () => {
  it("returns the same entries, order, totals, walks and errors for random filters and sorts", async () => {
    const seed =
      process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED);
    const numRuns = Number(process.env.FC_RUNS ?? 25);
    try {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ spec, queries }) => {
          const memory = new MemoryDatastore();
          const ldap = await openTestStore();
          try {
            const memoryIds = await build(memory, spec);
            const ldapIds = await build(ldap, spec);
            for (const q of queries) {
              const scope = q.scope === "User" ? users : groups;
              const want = await run(memory, memoryIds, scope, q.filter, q.sort, q.pageSize);
              const got = await run(ldap, ldapIds, scope, q.filter, q.sort, q.pageSize);
              assert.deepEqual(got, want, JSON.stringify({ filter: q.filter, sort: q.sort }, null, 1));
            }
          } finally {
            await memory.close();
            await ldap.close();
          }
        }),
        { seed, numRuns },
      );
    } catch (error) {
      throw new Error(
        `differential property failed; replay with FC_SEED=${seed}\n${(error as Error).message}`,
      );
    }
  });
});
