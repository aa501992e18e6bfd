// The entry-count changes of one transaction, written by one statement just before COMMIT.
//
// Every writer of a scope shares its 16 entry_counts rows (postgres-migrations.ts). When each create and
// delete moved its shard row at once, it held that row's lock until COMMIT: a Bulk request of 1,000
// creates (RFC 7644 §3.7) held every shard of its scope for its whole run, so a second Bulk request, and
// any single create of that scope, waited for it to commit, and two such transactions that took shards in
// opposite orders deadlocked. Noted here instead, the changes are summed per shard and written in
// (scope, shard) order by the transaction's last statement: a shard row is locked only from that
// statement to the COMMIT sent with it, and two transactions writing their counts lock rows in one order,
// so they never wait for each other in a cycle. Measured on the bench's two-in-flight /Bulk load: the two
// requests had run one after the other (4,041–4,118 users/s), now they overlap (6,873–7,047 users/s).
//
// A single write outside a transaction is `inline`: its own statement moves the counter, after the rows
// it could wait for are in hand (postgres-writes.ts), so it holds the row only until its COMMIT and never
// while waiting (a group create's member rows were locked before its insert). Sending the change as text
// with the COMMIT instead cost PostgreSQL a parse and plan per write (POST /Users: +18 % of its CPU, −8 %
// of requests a second, measured side by side).
//
// Nested transactions are savepoints: `mark` before one and `restore` when it is rolled back drop its
// changes, and also forget a flush made inside it, which PostgreSQL has rolled back with it.

/** Shards of entry_counts; pk % shards picks one (postgres-migrations.ts). */
export const counterShards = 16;

/** Where the journal stood when a savepoint began. */
export interface CountMark {
  readonly length: number;
  readonly flushed: number;
}

interface CountChange {
  readonly scope: number;
  readonly shard: number;
  readonly delta: number;
}

export class CountJournal {
  /** True for a single write: its statements count themselves, and nothing may be noted here. */
  readonly inline: boolean;
  readonly #changes: CountChange[] = [];
  /** Changes before this index are already in the database (written by `take`). */
  #flushed = 0;

  constructor(options: { readonly inline: boolean }) {
    this.inline = options.inline;
  }

  /** Notes that an entry of `scope` with primary key `pk` was created (+1) or deleted (-1). */
  add(scope: number, pk: number, delta: 1 | -1): void {
    if (this.inline) throw new Error("a single write counts in its own statement, not in the journal");
    // The statement carries these numbers in its text (see take), so only integers may come in.
    if (!Number.isSafeInteger(scope) || !Number.isSafeInteger(pk)) {
      throw new Error(`entry count change for scope ${scope}, pk ${pk}: expected integers`);
    }
    this.#changes.push({ scope, shard: pk % counterShards, delta });
  }

  mark(): CountMark {
    return { length: this.#changes.length, flushed: this.#flushed };
  }

  /** Forgets everything noted (and written) since `mark`: its savepoint was rolled back. */
  restore(mark: CountMark): void {
    this.#changes.length = mark.length;
    this.#flushed = mark.flushed;
  }

  /**
   * The statement that writes the changes not yet written, summed per shard in (scope, shard) order, and
   * counts them as written; undefined when there is nothing to write. It is sent as simple-query text
   * (with COMMIT in the same message, so a single write makes no extra round trip), which is why its values
   * are in the text: they are integers that `add` checked, never request input.
   */
  take(): string | undefined {
    const sums = new Map<number, Map<number, number>>();
    for (let i = this.#flushed; i < this.#changes.length; i++) {
      const { scope, shard, delta } = this.#changes[i] as CountChange;
      let shards = sums.get(scope);
      if (shards === undefined) {
        shards = new Map();
        sums.set(scope, shards);
      }
      shards.set(shard, (shards.get(shard) ?? 0) + delta);
    }
    this.#flushed = this.#changes.length;
    const rows: string[] = [];
    for (const scope of [...sums.keys()].sort((x, y) => x - y)) {
      const shards = sums.get(scope) as Map<number, number>;
      for (const shard of [...shards.keys()].sort((x, y) => x - y)) {
        const n = shards.get(shard) as number;
        if (n !== 0) rows.push(`(${scope}, ${shard}, ${n})`);
      }
    }
    if (rows.length === 0) return undefined;
    return `INSERT INTO entry_counts (scope, shard, n) VALUES ${rows.join(", ")}
      ON CONFLICT (scope, shard) DO UPDATE SET n = entry_counts.n + excluded.n`;
  }

  /** `take` followed by COMMIT, as one simple-query message. */
  commitText(): string {
    const counts = this.take();
    return counts === undefined ? "COMMIT" : `${counts}; COMMIT`;
  }
}
