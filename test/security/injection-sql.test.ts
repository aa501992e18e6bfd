// Injection into the SQL stores (issue "Reliability and security": injection): on random directories whose
// values are full of SQL and LIKE metacharacters (', ", %, _, \, ;--), NUL, dotted and dotless I, fullwidth
// look-alikes and bidirectional marks, and on random filters whose literals come from the same pool, the
// SQLite store (and PostgreSQL, when SCIM_TEST_PG_URL is set) returns exactly what the in-memory store
// returns (the executable specification): the same entries in the same order, the same totals, the same
// errors; and every value reads back byte for byte as written. A literal that escaped its quoting, or a
// `%`/`_` that became a wildcard in co/sw/ew, would change the answer. Seeds are printed (FC_SEED replays).
// The shared SQL lives in reference/datastore/sql/; the general differential properties are
// sqlite-differential.test.ts and postgres-differential.test.ts (ordinary values).
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import fc from "fast-check";
import { a, users } from "../../reference/datastore/contract/contract-fixtures.js";
import type { Datastore, EntryAttributes, StoreFilter } from "../../reference/datastore/datastore.js";
import { MemoryDatastore } from "../../reference/datastore/memory/memory-datastore.js";
// Imported here, not when the first PostgreSQL test runs: the module registers the hook that drops its
// scratch schemas, and registered from inside a test that hook ran after that test alone, so the
// schemas of every later test (150 a run) were left in the database.
import { freshPostgresStore, pgUrl } from "../../reference/datastore/postgres/postgres-test-database.js";
import { SqliteDatastore } from "../../reference/datastore/sqlite/sqlite-datastore.js";
import {
  andNode,
  compareNode,
  notNode,
  orNode,
  presentNode,
  valuePathNode,
} from "../../reference/protocol/filter/filter-builders.js";
import type { CompareOperator } from "../../reference/protocol/filter/filter-node.js";
import { recordFigures, replayHint, scaled, suiteSeed } from "../reliability/support/scale.js";

/** Fragments that mean something to SQL, LIKE, JSON paths or Unicode folding, and their combinations. */
export const hostileFragments = [
  "'",
  "''",
  '"',
  "%",
  "_",
  "\\",
  "\\%",
  "\\_",
  ";--",
  "' OR '1'='1",
  "%_%",
  "a%",
  "%a",
  "a_b",
  "O'Brien",
  "\u0000",
  "a\u0000b",
  "\u0130",
  "i",
  "I",
  "\u0131",
  "\uff21\uff24\uff2d\uff29\uff2e",
  "ADMIN",
  "admin",
  "\u202e",
  "\u200f",
  "\u202b\u0645",
  "*",
  "(",
  ")",
  "$.a",
  "[0]",
  "x",
] as const;

const numRuns = scaled(150, 3000);
const now = () => new Date("2024-01-01T00:00:00.000Z");

const textArb = (fragments: readonly string[]) =>
  fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(""));

function directoryArb(fragments: readonly string[]): fc.Arbitrary<EntryAttributes[]> {
  const text = textArb(fragments);
  return fc.array(
    fc
      .record(
        {
          displayName: text,
          externalId: text,
          title: text,
          nickName: text,
          emails: fc.array(fc.record({ value: text, type: fc.constantFrom("work", "home") }), {
            maxLength: 2,
          }),
          tags: fc.array(text, { maxLength: 2 }),
        },
        { requiredKeys: [] },
      )
      // Plain objects (fast-check's records have no prototype), as a JSON body would give.
      .map((r) => JSON.parse(JSON.stringify(r)) as EntryAttributes),
    { minLength: 1, maxLength: 8 },
  );
}

const textOps: readonly CompareOperator[] = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];

function filterArb(fragments: readonly string[]): fc.Arbitrary<StoreFilter> {
  const text = textArb(fragments);
  const leaf = fc.oneof(
    fc
      .tuple(
        fc.constantFrom(a.userName, a.displayName, a.externalId, a.title, a.nickName, a.emailValue, a.tags),
        fc.constantFrom(...textOps),
        text,
      )
      .map(([attr, op, value]) => compareNode(attr, op, value)),
    fc
      .tuple(fc.constantFrom(...textOps), text)
      .map(([op, value]) => valuePathNode(a.emails, compareNode(a.emailValue, op, value))),
    fc.constantFrom(presentNode(a.title), presentNode(a.emails)),
  );
  return fc.letrec<{ node: StoreFilter }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.tuple(tie("node"), tie("node")).map(([l, r]) => andNode(l, r)),
      fc.tuple(tie("node"), tie("node")).map(([l, r]) => orNode(l, r)),
      tie("node").map(notNode),
    ),
  })).node;
}

interface Outcome {
  readonly labels?: readonly string[];
  readonly total?: number;
  readonly error?: string;
}

async function run(
  store: Datastore,
  ids: readonly string[],
  filter: StoreFilter,
  sortBy: (typeof a)[keyof typeof a] | undefined,
): Promise<Outcome> {
  try {
    const result = await store.query(users, {
      filter,
      sort: sortBy === undefined ? undefined : { attribute: sortBy, descending: false },
      page: { kind: "index", startIndex: 1, count: 100 },
      members: false,
    });
    return { labels: result.entries.map((e) => `u${ids.indexOf(e.id)}`), total: result.total };
  } catch (error) {
    const e = error as { status?: number; scimType?: string };
    return { error: `${e.status} ${e.scimType}` };
  }
}

interface Backend {
  readonly name: string;
  readonly skip: string | false;
  /** PostgreSQL text cannot hold NUL: that store refuses it (400), so its runs leave NUL out. */
  readonly fragments: readonly string[];
  open(): Promise<Datastore>;
}

const opened: Datastore[] = [];
after(async () => {
  for (const store of opened) await store.close();
});

const backends: Backend[] = [
  {
    name: "SQLite",
    skip: false,
    fragments: hostileFragments,
    open: async () => new SqliteDatastore({ path: ":memory:", now }),
  },
  {
    name: "PostgreSQL",
    skip: pgUrl === undefined ? "SCIM_TEST_PG_URL is not set (scripts/pg-up.sh prints one)" : false,
    fragments: hostileFragments.filter((f) => !f.includes("\u0000")),
    open: () => freshPostgresStore({ now }),
  },
];

for (const backend of backends) {
  describe(`SQL injection on ${backend.name}`, { skip: backend.skip }, () => {
    it("treats NUL as a character in ew, co and sw, as the in-memory store does", async () => {
      // SQLite's substr() stopped at an embedded NUL, so ")\u0000" ended with ")" (found by the HTTP suite).
      const values = [")\u0000", "a)", "\u0000)", "a\u0000b", "ab"].filter(
        (v) => backend.fragments.includes("\u0000") || !v.includes("\u0000"),
      );
      const sql = await backend.open();
      opened.push(sql);
      const memory = new MemoryDatastore({ now });
      const ids: [string[], string[]] = [[], []];
      for (const [i, displayName] of values.entries()) {
        ids[0].push((await sql.create(users, { attributes: { userName: `u${i}`, displayName } })).id);
        ids[1].push((await memory.create(users, { attributes: { userName: `u${i}`, displayName } })).id);
      }
      for (const [op, literal] of [
        ["ew", ")"],
        ["ew", "\u0000"],
        ["co", "\u0000"],
        ["co", ")"],
        ["sw", "a"],
        ["ew", "b"],
      ] as const) {
        if (!backend.fragments.includes("\u0000") && literal.includes("\u0000")) continue;
        const filter = compareNode(a.displayName, op, literal);
        assert.deepEqual(
          await run(sql, ids[0], filter, undefined),
          await run(memory, ids[1], filter, undefined),
          `${op} ${JSON.stringify(literal)}`,
        );
      }
    });

    it(`answers ${numRuns} random filters over hostile values exactly as the in-memory store does, and reads every value back as written`, async (t) => {
      const seed = suiteSeed();
      t.diagnostic(
        `injection-sql (${backend.name}): ${numRuns} directories, seed ${seed} (${replayHint(seed)})`,
      );
      const started = Date.now();
      let queries = 0;
      const property = fc.asyncProperty(
        directoryArb(backend.fragments),
        fc.array(filterArb(backend.fragments), { minLength: 1, maxLength: 4 }),
        fc.option(fc.constantFrom(a.displayName, a.title, a.externalId, a.emailValue), { nil: undefined }),
        async (directory, filters, sortBy) => {
          const sql = await backend.open();
          opened.push(sql);
          const memory = new MemoryDatastore({ now });
          const sqlIds: string[] = [];
          const memoryIds: string[] = [];
          for (const [i, attributes] of directory.entries()) {
            const entry = { attributes: { ...attributes, userName: `u${i}` } };
            sqlIds.push((await sql.create(users, entry)).id);
            memoryIds.push((await memory.create(users, entry)).id);
          }
          for (const [i, id] of sqlIds.entries()) {
            const back = await sql.get(users, id, { members: false });
            assert.deepEqual(
              back?.attributes,
              { ...directory[i], userName: `u${i}` },
              `u${i} did not read back as written`,
            );
          }
          for (const filter of filters) {
            queries += 1;
            assert.deepEqual(
              await run(sql, sqlIds, filter, sortBy),
              await run(memory, memoryIds, filter, sortBy),
              `filter ${JSON.stringify(filter)}`,
            );
          }
          await sql.close();
          opened.splice(opened.indexOf(sql), 1);
        },
      );
      try {
        await fc.assert(property, { seed, numRuns });
      } catch (error) {
        const cause = (error as Error).cause;
        throw new Error(
          `${replayHint(seed)}\n${(error as Error).message}\n${cause instanceof Error ? cause.message : ""}`,
        );
      }
      recordFigures(`injection-sql-${backend.name}`, {
        directories: numRuns,
        queries,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        seed,
      });
    });
  });
}
