// Watches an SQLite file that a server writes, from a connection of its own. `PRAGMA data_version`
// changes exactly when another connection commits (sqlite.org/pragma.html#pragma_data_version), so
// comparing it before and after a request proves, for the price of one pragma, that the request wrote
// nothing; `dump()` is the full table contents, to show what changed when it did.
import Database from "better-sqlite3";

const tables = ["scopes", "entries", "entry_keys", "members", "disabled_entries", "settings"] as const;

export class SqliteWatch {
  readonly #db: Database.Database;

  constructor(file: string) {
    this.#db = new Database(file, { readonly: true, fileMustExist: true });
  }

  /** Changes whenever another connection committed since the last call. */
  version(): number {
    return Number(this.#db.pragma("data_version", { simple: true }));
  }

  /** Every row of every table, in a stable order. */
  dump(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const table of tables) {
      const columns = this.#db.prepare(`SELECT count(*) AS n FROM pragma_table_info('${table}')`).get() as {
        n: number;
      };
      const order = Array.from({ length: columns.n }, (_, i) => i + 1).join(", ");
      out[table] = this.#db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
    }
    return out;
  }

  rowCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const table of tables)
      out[table] = Number((this.#db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
    return out;
  }

  close(): void {
    this.#db.close();
  }
}
