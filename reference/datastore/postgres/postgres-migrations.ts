// The PostgreSQL schema, applied in order and recorded in `scim_migrations` (each step once, all pending
// steps in one transaction). Several server processes may start at once on one database: every process
// takes a transaction-scoped advisory lock named after the schema first, so one applies the steps while
// the others wait, then find nothing left to do. The layout is the SQLite one (sqlite-migrations.ts), so
// the shared SQL of ../sql/ compiles against both; the differences:
//
// entries.keydoc     the key document (postgres-key-document.ts): filters on attributes without index rows
//                    read keys that JS computed, never keys computed in SQL.
// entries.display_keys  the key node of the member display, for `members.display` filters.
// entry_counts       live entries per scope in 16 shards (by pk): an unfiltered total sums 16 rows, and
//                    concurrent creates from many processes rarely wait on the same counter row, where
//                    one row per scope would serialise every create in the database.
// COLLATE "C"        on every key column (ids, instants, entry_keys.key): byte order of UTF-8 is the code
//                    point order of compareKeys, whatever collation the database was created with.
import type { PgParam, PgQueryable } from "./postgres-datastore-config.js";

export const postgresMigrations: readonly string[] = [
  `CREATE TABLE scopes (
     scope integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     connection text NOT NULL,
     resource_type text NOT NULL,
     signature text NOT NULL DEFAULT '',
     UNIQUE (connection, resource_type)
   );
   CREATE TABLE entries (
     pk bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     scope integer NOT NULL,
     id text COLLATE "C" NOT NULL,
     doc text NOT NULL,
     keydoc jsonb NOT NULL,
     display text,
     display_keys jsonb,
     password_hash text,
     created text COLLATE "C" NOT NULL,
     modified text COLLATE "C" NOT NULL,
     version integer NOT NULL
   );
   CREATE UNIQUE INDEX entries_by_id ON entries (scope, id);
   CREATE INDEX entries_by_scope ON entries (scope, pk);
   CREATE INDEX entries_by_created ON entries (scope, created, pk);
   CREATE INDEX entries_by_modified ON entries (scope, modified, pk);
   CREATE TABLE entry_keys (
     scope integer NOT NULL,
     attr text COLLATE "C" NOT NULL,
     rank smallint NOT NULL,
     key text COLLATE "C" NOT NULL,
     entry bigint NOT NULL,
     sorted smallint NOT NULL,
     uniq smallint NOT NULL,
     PRIMARY KEY (scope, attr, rank, key, entry)
   );
   CREATE UNIQUE INDEX entry_keys_unique ON entry_keys (scope, attr, key) WHERE uniq = 1;
   CREATE INDEX entry_keys_sorted ON entry_keys (scope, attr, rank, key, entry) WHERE sorted = 1;
   CREATE INDEX entry_keys_by_entry ON entry_keys (entry);
   CREATE TABLE entry_counts (
     scope integer NOT NULL,
     shard smallint NOT NULL,
     n bigint NOT NULL,
     PRIMARY KEY (scope, shard)
   );
   CREATE TABLE members (
     group_pk bigint NOT NULL,
     member_pk bigint NOT NULL,
     PRIMARY KEY (group_pk, member_pk)
   );
   CREATE INDEX members_by_member ON members (member_pk, group_pk);
   CREATE TABLE disabled_entries (
     pk bigint PRIMARY KEY,
     scope integer NOT NULL,
     id text NOT NULL,
     doc text NOT NULL,
     password_hash text,
     created text NOT NULL,
     modified text NOT NULL,
     version integer NOT NULL,
     disabled_at text NOT NULL
   );
   CREATE TABLE settings (
     key text PRIMARY KEY,
     value text NOT NULL
   );`,
];

/** Schema names this adapter accepts: no quoting needed in SQL or in a `-c search_path=` option. */
export const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Brings the schema up to date and returns its version. `schema`, when given, is created first (under
 * the same lock, since two concurrent CREATE SCHEMA IF NOT EXISTS can still collide).
 */
export async function migratePostgres(client: PgQueryable, schema?: string): Promise<number> {
  if (schema !== undefined && !schemaNamePattern.test(schema)) {
    throw new Error(`schema name "${schema}" must match ${schemaNamePattern}`);
  }
  const db = {
    query: <Row>(text: string, values: readonly PgParam[] = []) => client.query<Row>({ text, values }),
  };
  await db.query("BEGIN");
  try {
    const lockName = `scim-migrations:${schema ?? ""}`;
    await db.query("SELECT pg_advisory_xact_lock(hashtext($1))", [lockName]);
    if (schema !== undefined) await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await db.query(
      "CREATE TABLE IF NOT EXISTS scim_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await db.query<{ v: number | null }>("SELECT max(version) AS v FROM scim_migrations");
    let version = Number(rows[0]?.v ?? 0);
    for (; version < postgresMigrations.length; version++) {
      await db.query(postgresMigrations[version] ?? "");
      await db.query("INSERT INTO scim_migrations (version) VALUES ($1)", [version + 1]);
    }
    await db.query("COMMIT");
    return version;
  } catch (error) {
    await db.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
