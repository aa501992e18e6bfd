// The write side of the PostgreSQL store. Each function runs inside one transaction (postgres-session.ts)
// on one connection, so an entry, its index rows, its counter shard and its members change together or
// not at all. Correctness with several server processes on one database rests on the database itself:
// - uniqueness: the partial unique index on entry_keys refuses the second of two concurrent creates
//   (it waits for the first to commit, then fails with 23505 → 409 uniqueness, RFC 7644 §3.3);
// - versions: writers lock the entry row (postgres-entries.ts lockEntry) and check If-Match against the
//   version they find there, so of two PUTs with the same If-Match exactly one succeeds (RFC 7644 §3.14);
// - counts: creates and deletes move one of 16 counter shards, chosen by pk: a single write in its own
//   statement, a caller's transaction (Bulk) through its count journal at COMMIT (postgres-count-journal.ts).
import { badRequest, notFound, preconditionFailed, ScimError } from "../../protocol/errors/scim-error.js";
import type {
  DeleteMode,
  EntryChange,
  MemberRef,
  NewEntry,
  StoredEntry,
  WriteOptions,
} from "../datastore.js";
import { newEntryId } from "../entry-id.js";
import { type IndexRow, indexRows, rowIdentity } from "../sql/index-rows.js";
import { type PostgresConnection, statement } from "./postgres-connection.js";
import { type CountJournal, counterShards } from "./postgres-count-journal.js";
import { type EntryRow, instantKey, lockEntry, storedEntry } from "./postgres-entries.js";
import { assertStorable, entryColumns } from "./postgres-entry-columns.js";
import { sqlState } from "./postgres-error-map.js";
import { addMembers, changeMembers, resolveChange, resolveMembers } from "./postgres-members.js";
import type { ConnectionScopes, ScopeEntry } from "./postgres-scopes.js";

export interface WriteTarget {
  readonly scopes: ConnectionScopes;
  readonly scope: ScopeEntry;
  readonly now: Date;
  /** Where creates and deletes note their entry-count changes. */
  readonly counts: CountJournal;
}

// Unique keys go in with ON CONFLICT DO NOTHING rather than failing: a refused create is then no error,
// which inside a caller's transaction would abort it (and a savepoint per create costs O(n²), see
// postgres-session.ts writeOnce). The rows that went in come back, so the caller sees what was refused.
// A single write's counter (c) reads k, so it moves only once the keys are in: PostgreSQL runs the parts
// of a WITH in no promised order ("RETURNING data is the only way to communicate changes"), and a create
// that held its counter row while it waited for another transaction's key could deadlock with that
// transaction's COMMIT, which writes its own counts (postgres-count-journal.ts).
const insertEntry = statement(
  `WITH e AS (
     INSERT INTO entries (scope, id, doc, keydoc, display, display_keys, password_hash, created, modified, version)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7, $8, $8, 1) RETURNING pk),
   k AS (
     INSERT INTO entry_keys (scope, attr, rank, key, entry, sorted, uniq)
     SELECT $1, r.attr, r.rank, r.key, e.pk, r.sorted, r.uniq
     FROM e, unnest($9::text[], $10::smallint[], $11::text[], $12::smallint[], $13::smallint[])
       AS r(attr, rank, key, sorted, uniq)
     ON CONFLICT (scope, attr, key) WHERE uniq = 1 DO NOTHING
     RETURNING attr, key, uniq),
   c AS (
     INSERT INTO entry_counts (scope, shard, n) SELECT $1, e.pk % ${counterShards}, 1 FROM e
     WHERE $14::boolean AND (SELECT count(*) FROM k) >= 0
     ON CONFLICT (scope, shard) DO UPDATE SET n = entry_counts.n + 1)
   SELECT (SELECT pk FROM e) AS pk,
          (SELECT coalesce(array_agg(attr || chr(1) || key), '{}') FROM k WHERE uniq = 1) AS kept`,
);
// Takes back a create whose unique keys were refused: nothing else has seen it (uncommitted). Inside a
// caller's transaction the create noted no count change yet; a single write's refusal rolls back its
// whole transaction, counter included.
const undoCreate = statement(
  `WITH gone AS (DELETE FROM entries WHERE pk = $1),
   keys AS (DELETE FROM entry_keys WHERE entry = $1)
   SELECT 1`,
);
const updateDocument = statement(
  `UPDATE entries SET doc = $2, keydoc = $3::jsonb, display = $4, display_keys = $5::jsonb,
     password_hash = $6, modified = $7, version = version + 1
   WHERE pk = $1`,
);
const updateMeta = statement(
  "UPDATE entries SET password_hash = $2, modified = $3, version = version + 1 WHERE pk = $1",
);
const deleteKeys = statement(
  `DELETE FROM entry_keys k USING unnest($3::text[], $4::smallint[], $5::text[]) AS r(attr, rank, key)
   WHERE k.scope = $1 AND k.entry = $2 AND k.attr = r.attr AND k.rank = r.rank AND k.key = r.key`,
);
const insertKeys = statement(
  `INSERT INTO entry_keys (scope, attr, rank, key, entry, sorted, uniq)
   SELECT $1, r.attr, r.rank, r.key, $2, r.sorted, r.uniq
   FROM unnest($3::text[], $4::smallint[], $5::text[], $6::smallint[], $7::smallint[])
     AS r(attr, rank, key, sorted, uniq)`,
);
// One statement: the groups that listed the entry get a new version (their representation changed, so
// their ETags must too), every membership row of the entry goes, as member and as group, and a single
// write moves its counter shard (a transaction's journal does it at COMMIT). `pk <> $1` keeps a group that
// lists itself from being updated and deleted in one statement. The counter reads what `touched` and
// `unlinked` return, so it moves only after they have their rows: never held while waiting for a group
// row that a Bulk request's transaction holds (see insertEntry).
const removeEntry = statement(
  `WITH kept AS (
     INSERT INTO disabled_entries (pk, scope, id, doc, password_hash, created, modified, version, disabled_at)
     SELECT pk, scope, id, doc, password_hash, created, modified, version, $2 FROM entries
     WHERE pk = $1 AND $3::boolean),
   gone AS (DELETE FROM entries WHERE pk = $1),
   keys AS (DELETE FROM entry_keys WHERE entry = $1),
   touched AS (
     UPDATE entries SET version = version + 1, modified = $2
     WHERE pk IN (SELECT group_pk FROM members WHERE member_pk = $1) AND pk <> $1
     RETURNING 1),
   unlinked AS (DELETE FROM members WHERE member_pk = $1 OR group_pk = $1 RETURNING 1),
   counted AS (
     INSERT INTO entry_counts (scope, shard, n) SELECT $4, $1 % ${counterShards}, -1
     WHERE $5::boolean AND (SELECT count(*) FROM touched) + (SELECT count(*) FROM unlinked) >= 0
     ON CONFLICT (scope, shard) DO UPDATE SET n = entry_counts.n - 1)
   SELECT 1`,
);

function assertMembersAllowed(scope: ScopeEntry, refs: readonly MemberRef[]): void {
  if (refs.length > 0 && !scope.hasMembers) {
    throw badRequest("invalidValue", `${scope.resourceType} resources have no members`);
  }
}

function rowColumns(rows: readonly IndexRow[]) {
  return [rows.map((r) => r.attr), rows.map((r) => r.rank), rows.map((r) => r.key)];
}

/**
 * A unique index refusal (of an update) as RFC 7644 §3.3's 409 naming the attribute. The attribute is
 * read from PostgreSQL's detail, "Key (scope, attr, key)=(3, userName, bjensen) already exists.", by
 * matching the plan's own unique labels, never by parsing the value.
 */
function uniqueness(error: unknown, scope: ScopeEntry): unknown {
  if (sqlState(error) !== "23505") return error;
  const detail = String((error as { detail?: unknown }).detail ?? "");
  const rest = /^Key \(scope, attr, key\)=\(\d+, (.*)$/s.exec(detail)?.[1] ?? "";
  const labels = [...scope.compiled.unique];
  return refused(
    scope,
    labels.find((l) => rest.startsWith(`${l}, `)) ?? (labels.length === 1 ? labels[0] : undefined),
  );
}

function refused(scope: ScopeEntry, label: string | undefined): ScimError {
  return new ScimError(
    409,
    "uniqueness",
    label === undefined
      ? "a unique value is already in use"
      : `${label} is already used by another ${scope.resourceType}`,
  );
}

/**
 * Every expected failure is decided before the first change (members, storability) or undone by this
 * function itself (a refused unique key), so a caller's transaction needs no savepoint around it.
 */
export async function createEntry(
  conn: PostgresConnection,
  target: WriteTarget,
  entry: NewEntry,
): Promise<StoredEntry> {
  const { scope, scopes } = target;
  assertMembersAllowed(scope, entry.members ?? []);
  const cols = entryColumns(scope.compiled, entry.attributes);
  assertStorable(cols, entry.attributes);
  const members = scope.hasMembers ? await resolveMembers(conn, scopes, entry.members ?? []) : [];
  const now = instantKey(target.now);
  const id = newEntryId();
  const row = await conn.row<{ pk: number; kept: string[] }>(insertEntry, [
    scope.scopeId,
    id,
    cols.doc,
    cols.keydoc,
    cols.display,
    cols.displayKeys,
    entry.passwordHash ?? null,
    now,
    ...rowColumns(cols.indexRows),
    cols.indexRows.map((r) => r.sorted),
    cols.indexRows.map((r) => r.uniq),
    target.counts.inline,
  ]);
  if (row === undefined) throw new Error("INSERT … RETURNING returned no row");
  const kept = new Set(row.kept);
  const taken = cols.indexRows.find((r) => r.uniq === 1 && !kept.has(`${r.attr}\u0001${r.key}`));
  if (taken !== undefined) {
    await conn.run(undoCreate, [row.pk]);
    // RFC 7644 §3.3: 409 uniqueness, naming the attribute (never the other resource).
    throw refused(scope, taken.attr);
  }
  await addMembers(conn, row.pk, members);
  if (!target.counts.inline) target.counts.add(scope.scopeId, row.pk, 1);
  return storedEntry({ id, doc: cols.doc, created: now, modified: now, version: 1 }, scope.resourceType);
}

async function existing(
  conn: PostgresConnection,
  scope: ScopeEntry,
  id: string,
  options: WriteOptions,
): Promise<EntryRow> {
  const row = await lockEntry(conn, scope, id);
  if (row === undefined) throw notFound(`${scope.resourceType} ${id} not found`);
  if (options.ifVersion !== undefined && options.ifVersion !== row.version) {
    throw preconditionFailed(
      `${scope.resourceType} ${id} is at version ${row.version}, not ${options.ifVersion}`,
    );
  }
  return row;
}

export async function updateEntry(
  conn: PostgresConnection,
  target: WriteTarget,
  id: string,
  change: EntryChange,
  options: WriteOptions,
): Promise<StoredEntry> {
  const { scope, scopes } = target;
  const members = change.members;
  if (members !== undefined) assertMembersAllowed(scope, [...(members.replaceAll ?? []), ...members.add]);
  const cols = change.attributes === undefined ? undefined : entryColumns(scope.compiled, change.attributes);
  if (cols !== undefined && change.attributes !== undefined) assertStorable(cols, change.attributes);
  const row = await existing(conn, scope, id, options);
  const resolved =
    members !== undefined && scope.hasMembers ? await resolveChange(conn, scopes, members) : undefined;
  const now = instantKey(target.now);
  const passwordHash = change.passwordHash === undefined ? row.password_hash : change.passwordHash;
  let doc = row.doc;
  if (cols === undefined) {
    await conn.run(updateMeta, [row.pk, passwordHash, now]);
  } else {
    doc = cols.doc;
    await conn.run(updateDocument, [
      row.pk,
      cols.doc,
      cols.keydoc,
      cols.display,
      cols.displayKeys,
      passwordHash,
      now,
    ]);
    // Only the rows that changed: deleted first, so a row whose flags changed can be inserted again.
    const before = indexRows(scope.compiled, JSON.parse(row.doc));
    const kept = new Set(before.map(rowIdentity));
    const wanted = new Set(cols.indexRows.map(rowIdentity));
    const removed = before.filter((r) => !wanted.has(rowIdentity(r)));
    const added = cols.indexRows.filter((r) => !kept.has(rowIdentity(r)));
    if (removed.length > 0) await conn.run(deleteKeys, [scope.scopeId, row.pk, ...rowColumns(removed)]);
    if (added.length > 0) {
      try {
        await conn.run(insertKeys, [
          scope.scopeId,
          row.pk,
          ...rowColumns(added),
          added.map((r) => r.sorted),
          added.map((r) => r.uniq),
        ]);
      } catch (error) {
        throw uniqueness(error, scope);
      }
    }
  }
  if (resolved !== undefined) await changeMembers(conn, scopes, row.pk, resolved);
  return storedEntry(
    { id, doc, created: row.created, modified: now, version: row.version + 1 },
    scope.resourceType,
  );
}

export async function deleteEntry(
  conn: PostgresConnection,
  target: WriteTarget,
  id: string,
  mode: DeleteMode,
  options: WriteOptions,
): Promise<void> {
  const { scope } = target;
  const row = await existing(conn, scope, id, options);
  // PingFederate DISABLE_USER: kept for audit, hidden from every later operation, unique values freed.
  const { inline } = target.counts;
  await conn.rows(removeEntry, [row.pk, instantKey(target.now), mode === "disable", scope.scopeId, inline]);
  if (!inline) target.counts.add(scope.scopeId, row.pk, -1);
}
