// The count journal's statement: changes summed per shard, in (scope, shard) order so two transactions
// lock counter rows in one order, nothing for shards that net to zero, savepoints that forget their own
// changes (and a flush made inside them) when they are rolled back, and no journal for single writes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CountJournal, counterShards } from "./postgres-count-journal.js";

/** The (scope, shard, n) rows of a statement, as written. */
function rowsOf(text: string | undefined): string[] {
  return text === undefined ? [] : [...text.matchAll(/\((\d+), (\d+), (-?\d+)\)/g)].map((m) => m[0]);
}

/** The journal of a caller's transaction. */
const deferred = () => new CountJournal({ inline: false });

describe("CountJournal", () => {
  const cases: readonly [string, readonly [number, number, 1 | -1][], string[]][] = [
    ["nothing noted, nothing written", [], []],
    ["one create", [[3, 17, 1]], ["(3, 1, 1)"]],
    [
      "creates summed per shard",
      [
        [3, 1, 1],
        [3, 1 + counterShards, 1],
        [3, 2, 1],
      ],
      ["(3, 1, 2)", "(3, 2, 1)"],
    ],
    [
      "a create and a delete on one shard net to nothing",
      [
        [3, 5, 1],
        [3, 5 + counterShards, -1],
      ],
      [],
    ],
    [
      "scopes, then shards, in ascending order whatever the order of the changes",
      [
        [9, 15, 1],
        [2, 4, -1],
        [9, 0, 1],
        [2, 3, 1],
      ],
      ["(2, 3, 1)", "(2, 4, -1)", "(9, 0, 1)", "(9, 15, 1)"],
    ],
  ];
  for (const [name, changes, rows] of cases) {
    it(name, () => {
      const journal = deferred();
      for (const [scope, pk, delta] of changes) journal.add(scope, pk, delta);
      const text = journal.take();
      assert.deepEqual(rowsOf(text), rows);
      assert.equal(text === undefined, rows.length === 0);
      assert.equal(journal.take(), undefined, "what was taken is not written again");
    });
  }

  it("sends the COMMIT with the changes, or alone", () => {
    const journal = deferred();
    assert.equal(journal.commitText(), "COMMIT");
    journal.add(4, 2, 1);
    assert.match(journal.commitText(), /^INSERT INTO entry_counts .*\(4, 2, 1\)[\s\S]*; COMMIT$/);
  });

  it("forgets a rolled-back savepoint's changes, and a flush made inside it", () => {
    const journal = deferred();
    journal.add(1, 1, 1);
    const mark = journal.mark();
    journal.add(1, 2, 1);
    assert.deepEqual(rowsOf(journal.take()), ["(1, 1, 1)", "(1, 2, 1)"], "flushed inside the savepoint");
    journal.add(1, 3, 1);
    journal.restore(mark);
    // The flush was rolled back with the savepoint: the change noted before it is still to be written.
    assert.deepEqual(rowsOf(journal.take()), ["(1, 1, 1)"]);
  });

  it("keeps a released savepoint's flush as written", () => {
    const journal = deferred();
    journal.mark();
    journal.add(1, 1, 1);
    journal.take();
    journal.add(1, 2, -1);
    assert.deepEqual(rowsOf(journal.take()), ["(1, 2, -1)"]);
  });

  it("refuses changes when inline: a single write's statements count themselves", () => {
    const journal = new CountJournal({ inline: true });
    assert.throws(() => journal.add(1, 1, 1), /its own statement/);
    assert.equal(journal.commitText(), "COMMIT");
  });

  it("takes integers only, because they are written into the statement's text", () => {
    const journal = deferred();
    assert.throws(() => journal.add(1.5, 1, 1), /expected integers/);
    assert.throws(() => journal.add(1, Number.NaN, 1), /expected integers/);
  });
});
