// Differential property: on random directories, random StoreFilters and random sorts, the PostgreSQL store
// returns exactly what the in-memory store (the executable specification) returns: the same entries in
// the same order, the same totals, the same cursor walks, and the same errors. This is what shows that
// filters on attributes without index rows, evaluated over JS-computed key documents
// (postgres-key-document.ts), agree with compare-values.ts. Each run uses a connection of its own on one
// store, so runs are isolated by scope as tenants are. The seed is printed on failure; replay with
// FC_SEED=<seed> (FC_RUNS sets the number of runs).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { visitFilter } from "../../protocol/filter/filter-node.js";
import { contractConnection, scopeOf } from "../contract/contract-fixtures.js";
import type { Datastore, EntryQuery, Scope, StoreAttribute, StoreFilter } from "../datastore.js";
import { MemoryDatastore } from "../memory/memory-datastore.js";
import {
  type DirectorySpec,
  directorySpec,
  groupSort,
  storeFilter,
  userSort,
} from "../testing/store-arbitraries.js";
import type { PostgresDatastore } from "./postgres-datastore.js";
import { freshPostgresStore, pgUrl } from "./postgres-test-database.js";

// One clock for both stores, so meta instants (and sorts by them) cannot differ.
const now = () => new Date("2024-01-01T00:00:00.000Z");

interface Scopes {
  readonly users: Scope;
  readonly groups: Scope;
}

async function build(store: Datastore, scopes: Scopes, spec: DirectorySpec): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [i, user] of spec.users.entries()) {
    const userName = `${user.userNameCase ? "U" : "u"}${i}`;
    ids.set(`u${i}`, (await store.create(scopes.users, { attributes: { userName, ...user.attributes } })).id);
  }
  for (const [i, group] of spec.groups.entries()) {
    const members = group.members.map((label) => ({ value: ids.get(label) ?? "", type: "User" }));
    ids.set(
      `g${i}`,
      (await store.create(scopes.groups, { attributes: { displayName: group.displayName }, members })).id,
    );
  }
  for (const [from, to] of spec.backEdges) {
    const member = { value: ids.get(`g${to}`) ?? "", type: "Group" };
    await store.update(scopes.groups, ids.get(`g${from}`) ?? "", { members: { add: [member], remove: [] } });
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

interface Outcome {
  readonly labels?: string[];
  readonly total?: number;
  readonly walk?: string[];
  readonly back?: string[];
  readonly members?: Record<string, string[]>;
  readonly error?: string;
}

async function run(
  store: Datastore,
  ids: ReadonlyMap<string, string>,
  scope: Scope,
  filter: StoreFilter,
  sort: EntryQuery["sort"],
  pageSize: number,
): Promise<Outcome> {
  const labels = new Map([...ids].map(([label, id]) => [id, label]));
  const label = (entries: readonly { id: string }[]) => entries.map((e) => labels.get(e.id) ?? e.id);
  const base = { filter: materialise(filter, ids), sort, members: scope.resourceType === "Group" };
  try {
    const all = await store.query(scope, { ...base, page: { kind: "index", startIndex: 1, count: 1000 } });
    const members = Object.fromEntries(
      all.entries.map((e) => [
        labels.get(e.id) ?? e.id,
        label((e.members ?? []).map((m) => ({ id: m.value }))),
      ]),
    );
    const walk: string[] = [];
    const back: string[] = [];
    let position: string | undefined;
    let last: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await store.query(scope, {
        ...base,
        page: { kind: "cursor", position, direction: "next", count: pageSize },
      });
      walk.push(...label(page.entries));
      if (page.nextPosition === undefined) {
        last = page.previousPosition;
        break;
      }
      position = page.nextPosition;
    }
    // And back from the last page, with `previous` positions (RFC 9865 previousCursor).
    for (let pages = 0; last !== undefined && pages < 50; pages++) {
      const page = await store.query(scope, {
        ...base,
        page: { kind: "cursor", position: last, direction: "previous", count: pageSize },
      });
      back.unshift(...label(page.entries));
      last = page.previousPosition;
    }
    return { labels: label(all.entries), total: all.total, walk, back, members };
  } catch (error) {
    const e = error as { status?: number; scimType?: string; message?: string };
    return { error: `${e.status ?? "?"} ${e.scimType ?? e.message}` };
  }
}

function seedOf(): number {
  return process.env.FC_SEED === undefined
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.FC_SEED);
}

const labelsArb = (spec: DirectorySpec) => ({
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
          filter: storeFilter(labelsArb(spec), "User"),
          sort: userSort,
          pageSize: fc.integer({ min: 1, max: 4 }),
        }),
        fc.record({
          scope: fc.constant("Group" as const),
          filter: storeFilter(labelsArb(spec), "Group"),
          sort: groupSort,
          pageSize: fc.integer({ min: 1, max: 4 }),
        }),
      ),
      { minLength: 1, maxLength: 8 },
    ),
  }),
);

// Declared only with a database: postgres-datastore.test.ts prints the one skip line otherwise.
if (pgUrl !== undefined) {
  describe("PostgreSQL store against the in-memory specification", () => {
    let store: PostgresDatastore;
    let runs = 0;
    before(async () => {
      store = await freshPostgresStore({ now });
    });
    after(() => store.close());

    it("returns the same entries, order, totals, walks, members and errors for random filters and sorts", async () => {
      const seed = seedOf();
      const numRuns = Number(process.env.FC_RUNS ?? 60);
      try {
        await fc.assert(
          fc.asyncProperty(scenario, async ({ spec, queries }) => {
            const connection = contractConnection(`run-${++runs}`);
            const scopes = { users: scopeOf(connection, "User"), groups: scopeOf(connection, "Group") };
            const memory = new MemoryDatastore({ now });
            try {
              const memoryIds = await build(memory, scopes, spec);
              const postgresIds = await build(store, scopes, spec);
              for (const q of queries) {
                const scope = q.scope === "User" ? scopes.users : scopes.groups;
                const want = await run(memory, memoryIds, scope, q.filter, q.sort, q.pageSize);
                const got = await run(store, postgresIds, scope, q.filter, q.sort, q.pageSize);
                assert.deepEqual(got, want, JSON.stringify({ filter: q.filter, sort: q.sort }, null, 1));
              }
            } finally {
              await memory.close();
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
}
