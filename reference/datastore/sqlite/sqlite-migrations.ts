// The SQLite schema, applied in order and recorded in PRAGMA user_version (each step runs once, inside
// one transaction). The layout is the one the shared SQL (sql/) compiles against:
//
// scopes        one row per (connection, resource type); every other row carries its scope id, and every
//               statement filters on it, so one connection never sees another's data. `entry_count`
//               counts its live entries, so an unfiltered listing's total is one row, not a scan.
// entries       the live entries: `pk` is the stable creation order and keyset tie-breaker; `doc` the
//               mapped attributes as JSON; `display` the member display (RFC 7643 §4.2) from the plan's
//               display attributes; `created`/`modified` hold dateTime comparison keys (UTC, ns).
// entry_keys    normalised keys of indexed and unique attributes (sql/index-rows.ts), WITHOUT ROWID so
//               the primary key is the covering index that filters, sorts and uniqueness use.
// members       one row per (group, member) entry pair: adding or removing a member touches one row,
//               whatever the group's size; members_by_member serves `groups` and cascades.
// disabled_entries  entries deleted in "disable" mode (PingFederate DISABLE_USER), kept, never read.
// settings      small JSON values that survive a restart.
import type { SqliteDatabase } from "./sqlite-datastore-config.js";

export const sqliteMigrations: readonly string[] = [
  `CREATE TABLE scopes (
     scope INTEGER PRIMARY KEY,
     connection TEXT NOT NULL,
     resource_type TEXT NOT NULL,
     signature TEXT NOT NULL DEFAULT '',
     UNIQUE (connection, resource_type)
   );
   CREATE TABLE entries (
     pk INTEGER PRIMARY KEY,
     scope INTEGER NOT NULL,
     id TEXT NOT NULL,
     doc TEXT NOT NULL,
     display TEXT,
     password_hash TEXT,
     created TEXT NOT NULL,
     modified TEXT NOT NULL,
     version INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX entries_by_id ON entries (scope, id);
   CREATE INDEX entries_by_scope ON entries (scope);
   CREATE INDEX entries_by_modified ON entries (scope, modified);
   CREATE TABLE entry_keys (
     scope INTEGER NOT NULL,
     attr TEXT NOT NULL,
     rank INTEGER NOT NULL,
     key TEXT NOT NULL,
     entry INTEGER NOT NULL,
     sorted INTEGER NOT NULL,
     uniq INTEGER NOT NULL,
     PRIMARY KEY (scope, attr, rank, key, entry)
   ) WITHOUT ROWID;
   CREATE UNIQUE INDEX entry_keys_unique ON entry_keys (scope, attr, key) WHERE uniq = 1;
   CREATE TABLE members (
     group_pk INTEGER NOT NULL,
     member_pk INTEGER NOT NULL,
     PRIMARY KEY (group_pk, member_pk)
   ) WITHOUT ROWID;
   CREATE INDEX members_by_member ON members (member_pk, group_pk);
   CREATE TABLE disabled_entries (
     pk INTEGER PRIMARY KEY,
     scope INTEGER NOT NULL,
     id TEXT NOT NULL,
     doc TEXT NOT NULL,
     password_hash TEXT,
     created TEXT NOT NULL,
     modified TEXT NOT NULL,
     version INTEGER NOT NULL,
     disabled_at TEXT NOT NULL
   );
   CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) WITHOUT ROWID;`,
  // A cursor walk over a million users counted them all on every page; the count is now kept.
  `ALTER TABLE scopes ADD COLUMN entry_count INTEGER NOT NULL DEFAULT 0;
   UPDATE scopes SET entry_count = (SELECT count(*) FROM entries WHERE entries.scope = scopes.scope);`,
];

/**
 * Brings the schema up to date and returns its version. The version is read again under the write lock,
 * so two processes opening one new file at once apply each step exactly once.
 */
export function migrateSqlite(db: SqliteDatabase): number {
  const current = () => Number(db.pragma("user_version", { simple: true }));
  if (current() >= sqliteMigrations.length) return current();
  db.exec("BEGIN IMMEDIATE");
  try {
    for (let version = current(); version < sqliteMigrations.length; version++) {
      db.exec(sqliteMigrations[version] ?? "");
      db.exec(`PRAGMA user_version = ${version + 1}`);
    }
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
  return current();
}
