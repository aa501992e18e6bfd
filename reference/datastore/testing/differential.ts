// TEST SUPPORT: the differential property every persistent store is held to. On random directories,
// random StoreFilters and random sorts, the store under test returns exactly what the in-memory store
// (the executable specification) returns: the same entries in the same order, the same totals, the same
// members, the same cursor walks forwards and back (RFC 9865 nextCursor and previousCursor), and the
// same errors. Each adapter's *-differential.test.ts says how to open its store and what it cannot
// compare; the property itself lives here once. The seed is printed on failure; FC_SEED replays a run
// and FC_RUNS sets how many.
import assert from "node:assert/strict";
import fc from "fast-check";
import { visitFilter } from "../../protocol/filter/filter-node.js";
import type { Datastore, EntryQuery, Scope, StoreAttribute, StoreFilter } from "../datastore.js";
import { MemoryDatastore } from "../memory/memory-datastore.js";
import { type DirectorySpec, directorySpec, groupSort, storeFilter, userSort } from "./store-arbitraries.js";

export interface DifferentialScopes {
  readonly users: Scope;
  readonly groups: Scope;
}

/** One store under test for one run, with the scopes its entries go to. */
export interface DifferentialSubject {
  readonly store: Datastore;
  readonly scopes: DifferentialScopes;
  /** Called after the run; a store shared across runs closes nothing here. */
  readonly release: () => Promise<void>;
}

export interface DifferentialOptions {
  readonly open: () => Promise<DifferentialSubject>;
  /** The memory store's clock; give the subject the same one so meta instants cannot differ. */
  readonly now?: () => Date;
  /** Sorts the subject cannot be compared on, with the reason in the caller's comment. */
  readonly comparableSort?: (sort: EntryQuery["sort"]) => boolean;
  /** Runs unless FC_RUNS says otherwise. */
  readonly numRuns: number;
}

async function build(
  store: Datastore,
  scopes: DifferentialScopes,
  spec: DirectorySpec,
): Promise<Map<string, string>> {
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

/** What one query answered, in labels ("u3", "g1") so that two stores' ids compare. */
interface Outcome {
  readonly labels?: string[];
  readonly total?: number;
  readonly walk?: string[];
  readonly back?: string[];
  readonly members?: Record<string, string[]>;
  readonly error?: string;
}

async function outcomeOf(
  store: Datastore,
  ids: ReadonlyMap<string, string>,
  scope: Scope,
  query: { filter: StoreFilter | undefined; sort: EntryQuery["sort"]; pageSize: number },
): Promise<Outcome> {
  const labels = new Map([...ids].map(([label, id]) => [id, label]));
  const label = (entries: readonly { id: string }[]) => entries.map((e) => labels.get(e.id) ?? e.id);
  const base = {
    filter: query.filter === undefined ? undefined : materialise(query.filter, ids),
    sort: query.sort,
    members: scope.resourceType === "Group",
  };
  const count = query.pageSize;
  try {
    const all = await store.query(scope, { ...base, page: { kind: "index", startIndex: 1, count: 1000 } });
    const members = Object.fromEntries(
      all.entries.map((e) => [
        labels.get(e.id) ?? e.id,
        label((e.members ?? []).map((m) => ({ id: m.value }))),
      ]),
    );
    const walk: string[] = [];
    let position: string | undefined;
    let last: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await store.query(scope, {
        ...base,
        page: { kind: "cursor", position, direction: "next", count },
      });
      walk.push(...label(page.entries));
      if (page.nextPosition === undefined) {
        last = page.previousPosition;
        break;
      }
      position = page.nextPosition;
    }
    const back: string[] = [];
    for (let pages = 0; last !== undefined && pages < 50; pages++) {
      const page = await store.query(scope, {
        ...base,
        page: { kind: "cursor", position: last, direction: "previous", count },
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

function scenarioArbitrary(comparableSort: (sort: EntryQuery["sort"]) => boolean) {
  const labelsOf = (spec: DirectorySpec) => ({
    users: spec.users.map((_, i) => `u${i}`),
    groups: spec.groups.map((_, i) => `g${i}`),
  });
  return directorySpec.chain((spec) =>
    fc.record({
      spec: fc.constant(spec),
      queries: fc.array(
        fc.oneof(
          fc.record({
            scope: fc.constant("User" as const),
            // Now and then none: a plain listing, which a store may walk another way (ldap-plain-listing.ts).
            filter: fc.option(storeFilter(labelsOf(spec), "User"), { nil: undefined, freq: 4 }),
            sort: userSort.filter(comparableSort),
            pageSize: fc.integer({ min: 1, max: 4 }),
          }),
          fc.record({
            scope: fc.constant("Group" as const),
            filter: fc.option(storeFilter(labelsOf(spec), "Group"), { nil: undefined, freq: 4 }),
            sort: groupSort.filter(comparableSort),
            pageSize: fc.integer({ min: 1, max: 4 }),
          }),
        ),
        { minLength: 1, maxLength: 8 },
      ),
    }),
  );
}

/** Runs the differential property; throws with the seed to replay when the subject disagrees. */
export async function assertAgreesWithMemory(options: DifferentialOptions): Promise<void> {
  const seed =
    process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED);
  const numRuns = Number(process.env.FC_RUNS ?? options.numRuns);
  const scenario = scenarioArbitrary(options.comparableSort ?? (() => true));
  try {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ spec, queries }) => {
        const subject = await options.open();
        const memory = new MemoryDatastore(options.now === undefined ? {} : { now: options.now });
        try {
          const memoryIds = await build(memory, subject.scopes, spec);
          const subjectIds = await build(subject.store, subject.scopes, spec);
          for (const q of queries) {
            const scope = q.scope === "User" ? subject.scopes.users : subject.scopes.groups;
            const want = await outcomeOf(memory, memoryIds, scope, q);
            const got = await outcomeOf(subject.store, subjectIds, scope, q);
            assert.deepEqual(got, want, JSON.stringify({ filter: q.filter, sort: q.sort }, null, 1));
          }
        } finally {
          await memory.close();
          await subject.release();
        }
      }),
      { seed, numRuns },
    );
  } catch (error) {
    throw new Error(`differential property failed; replay with FC_SEED=${seed}\n${(error as Error).message}`);
  }
}
