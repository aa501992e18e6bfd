// The session's retry and transaction rules, against a fake pool (postgres-datastore-config.ts describes
// `pg` by the methods used, so no database is needed): a single write that PostgreSQL aborts as a
// deadlock victim or serialization failure runs again in a new transaction; anything else does not.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScimError } from "../../protocol/errors/scim-error.js";
import { statement } from "./postgres-connection.js";
import type { PgClient, PgPool, PgQuery, PgResult } from "./postgres-datastore-config.js";
import { RootSession } from "./postgres-session.js";

const work = statement("UPDATE entries SET version = version + 1 WHERE pk = $1");

/** A pool whose `work` statement fails with the given codes, one per attempt, then succeeds. */
function fakePool(failures: readonly string[]) {
  const log: string[] = [];
  const texts: string[] = [];
  let released = 0;
  let destroyed = 0;
  let left = [...failures];
  const client: PgClient = {
    async query<Row>(query: PgQuery): Promise<PgResult<Row>> {
      log.push(query.text.split(" ")[0] ?? "");
      texts.push(query.text);
      if (query.text === work.text) {
        const code = left[0];
        left = left.slice(1);
        if (code !== undefined) throw Object.assign(new Error(`fake ${code}`), { code });
      }
      return { rows: [], rowCount: 1 };
    },
    release(error) {
      if (error === undefined || error === false) released += 1;
      else destroyed += 1;
    },
    on: () => undefined,
  };
  const pool: PgPool = {
    connect: async () => client,
    query: (q) => client.query(q),
    end: async () => undefined,
  };
  return { pool, log, texts, counts: () => ({ released, destroyed }) };
}

describe("RootSession.write", () => {
  const cases: readonly [
    string,
    { failures: string[]; attempts: number; statements: string[]; status?: number },
  ][] = [
    [
      "commits at once when nothing fails",
      { failures: [], attempts: 3, statements: ["BEGIN", "UPDATE", "COMMIT"] },
    ],
    [
      "runs a deadlock victim again in a new transaction",
      {
        failures: ["40P01"],
        attempts: 3,
        statements: ["BEGIN", "UPDATE", "ROLLBACK", "BEGIN", "UPDATE", "COMMIT"],
      },
    ],
    [
      "runs a serialization failure again",
      {
        failures: ["40001", "40001"],
        attempts: 3,
        statements: [
          "BEGIN",
          "UPDATE",
          "ROLLBACK",
          "BEGIN",
          "UPDATE",
          "ROLLBACK",
          "BEGIN",
          "UPDATE",
          "COMMIT",
        ],
      },
    ],
    [
      "answers 503 once the attempts are spent",
      {
        failures: ["40P01", "40P01"],
        attempts: 2,
        statements: ["BEGIN", "UPDATE", "ROLLBACK", "BEGIN", "UPDATE", "ROLLBACK"],
        status: 503,
      },
    ],
    [
      "never retries a uniqueness refusal",
      { failures: ["23505"], attempts: 3, statements: ["BEGIN", "UPDATE", "ROLLBACK"], status: 409 },
    ],
  ];
  for (const [name, want] of cases) {
    it(name, async () => {
      const fake = fakePool(want.failures);
      const session = new RootSession(fake.pool, want.attempts);
      const outcome = session.write((conn) => conn.run(work, [1]));
      if (want.status === undefined) await outcome;
      else await assert.rejects(outcome, (e: unknown) => e instanceof ScimError && e.status === want.status);
      assert.deepEqual(fake.log, want.statements);
      assert.deepEqual(fake.counts(), {
        released: want.statements.filter((s) => s === "BEGIN").length,
        destroyed: 0,
      });
    });
  }
});

describe("entry-count changes (postgres-count-journal.ts)", () => {
  const countRows = (text: string | undefined) => text?.match(/\(\d+, \d+, -?\d+\)/g) ?? [];

  it("are not noted for a single write, whose own statements count, also when it is run again", async () => {
    const fake = fakePool(["40P01"]);
    const session = new RootSession(fake.pool, 3);
    const inline: boolean[] = [];
    await session.write(async (conn, counts) => {
      inline.push(counts.inline);
      await conn.run(work, [1]);
    });
    assert.deepEqual(inline, [true, true]);
    assert.deepEqual(fake.texts.slice(-3), ["BEGIN", work.text, "COMMIT"]);
  });

  it("of a rolled-back savepoint are not written; the others go with the transaction's COMMIT", async () => {
    const fake = fakePool(["40P01"]);
    const session = new RootSession(fake.pool, 5);
    await session.transaction(async (tx) => {
      await tx.writeOnce(async (_conn, counts) => counts.add(7, 1, 1));
      await assert.rejects(
        tx.write(async (conn, counts) => {
          counts.add(7, 2, -1);
          await conn.run(work, [1]);
        }),
        (e: unknown) => e instanceof ScimError && e.status === 503,
      );
      await tx.write(async (_conn, counts) => counts.add(7, 3, 1));
    });
    const commit = fake.texts.at(-1);
    assert.match(commit ?? "", /; COMMIT$/);
    assert.deepEqual(countRows(commit), ["(7, 1, 1)", "(7, 3, 1)"]);
  });
});

describe("RootSession.transaction", () => {
  it("does not run a caller's work again after a deadlock: the operation fails with 503 in its savepoint", async () => {
    const fake = fakePool(["40P01"]);
    const session = new RootSession(fake.pool, 5);
    let runs = 0;
    await session.transaction(async (tx) => {
      runs += 1;
      await assert.rejects(
        tx.write((conn) => conn.run(work, [1])),
        (e: unknown) => e instanceof ScimError && e.status === 503,
      );
      await tx.write((conn) => conn.run(work, [1]));
    });
    assert.equal(runs, 1);
    assert.deepEqual(fake.log, [
      "BEGIN",
      "SAVEPOINT",
      "UPDATE",
      "ROLLBACK",
      "RELEASE",
      "SAVEPOINT",
      "UPDATE",
      "RELEASE",
      "COMMIT",
    ]);
  });

  it("remembers that a failure outside a savepoint aborted the transaction: later work and COMMIT answer 503", async () => {
    const fake = fakePool(["40P01"]);
    const session = new RootSession(fake.pool, 5);
    const outcome = session.transaction(async (tx) => {
      await assert.rejects(
        tx.writeOnce((conn) => conn.run(work, [1])),
        (e: unknown) => e instanceof ScimError && e.status === 503,
      );
      await assert.rejects(
        tx.read((conn) => conn.run(work, [1])),
        (e: unknown) => e instanceof ScimError && e.status === 503,
      );
      return "the work itself went on";
    });
    await assert.rejects(outcome, (e: unknown) => e instanceof ScimError && e.status === 503);
    assert.deepEqual(fake.log, ["BEGIN", "UPDATE", "ROLLBACK"], "never COMMIT: it would roll back silently");
  });

  it("refuses a transaction's store once the transaction has ended", async () => {
    const fake = fakePool([]);
    const session = new RootSession(fake.pool, 5);
    let leaked: Parameters<Parameters<typeof session.transaction>[0]>[0] | undefined;
    await session.transaction(async (tx) => {
      leaked = tx;
    });
    await assert.rejects(async () => leaked?.write((conn) => conn.run(work, [1])), /transaction has ended/);
  });
});
