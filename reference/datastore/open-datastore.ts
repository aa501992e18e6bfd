// Which datastore `--db` names, for the composition root (main.ts): a `postgres://` or `postgresql://`
// URL opens the PostgreSQL store (migrated on open, safe when several server processes start at once);
// anything else is an SQLite file path or ":memory:". `?schema=name` on a PostgreSQL URL puts the
// tables in that schema (created when missing) instead of the user's default one.
import type { Datastore } from "./datastore.js";
import { openPostgresUrl } from "./postgres/postgres-driver.js";
import { SqliteDatastore } from "./sqlite/sqlite-datastore.js";

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

export interface OpenOptions {
  /** Told when SQLite's background checkpoints stop for good (sqlite-checkpointer.ts); not used otherwise. */
  readonly onCheckpointFailure?: (error: Error) => void;
}

export async function openDatastore(db: string, options: OpenOptions = {}): Promise<Datastore> {
  // The server checkpoints SQLite's log off the request thread (sqlite-checkpointer.ts).
  if (!isPostgresUrl(db)) {
    const onFailure = options.onCheckpointFailure;
    return new SqliteDatastore({
      path: db,
      backgroundCheckpoints: onFailure === undefined ? true : { onFailure },
    });
  }
  const url = new URL(db);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  return openPostgresUrl({ url: url.toString(), ...(schema === undefined ? {} : { schema }) });
}

/** `--db` as it may be logged: a PostgreSQL URL without its password. */
export function datastoreLabel(db: string): string {
  if (!isPostgresUrl(db)) return db;
  try {
    const url = new URL(db);
    if (url.password !== "") url.password = "***";
    return url.toString();
  } catch {
    return "postgres://(unparsable URL)";
  }
}
