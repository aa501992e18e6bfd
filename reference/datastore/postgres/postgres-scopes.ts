// Scopes: one id per (connection, resource type), carried by every entry and index row (as in SQLite,
// sqlite-scopes.ts). A connection's scopes are registered on first use, each in its own committed
// transaction (scopes are metadata: a caller's transaction that rolls back must not take them along).
// The scope row is locked while its signature is checked, so when several processes start with a new
// plan (other indexed attributes, display attributes, or a Node upgrade that changes Unicode case
// folding), exactly one rebuilds the scope's index rows and key documents and the others find it done.
import type { ConnectionPlan } from "../datastore.js";
import { type CompiledPlan, compilePlan } from "../sql/index-rows.js";
import type { ScopeInfo } from "../sql/sql-filter-context.js";
import { type PostgresConnection, statement } from "./postgres-connection.js";
import { entryColumns, indexRowColumns } from "./postgres-entry-columns.js";

export interface ScopeEntry extends ScopeInfo {
  readonly compiled: CompiledPlan;
}

export interface ConnectionScopes {
  readonly connectionId: string;
  readonly byType: ReadonlyMap<string, ScopeEntry>;
  readonly byId: ReadonlyMap<number, ScopeEntry>;
  readonly list: readonly ScopeEntry[];
}

/** The key document layout is part of what a rebuild must redo (postgres-key-document.ts). */
const keyDocumentVersion = "keydoc-1";
const rebuildBatch = 1000;

const insertScope = statement(
  "INSERT INTO scopes (connection, resource_type) VALUES ($1, $2) ON CONFLICT DO NOTHING",
);
const lockScope = statement(
  "SELECT scope, signature FROM scopes WHERE connection = $1 AND resource_type = $2 FOR UPDATE",
);
const setSignature = statement("UPDATE scopes SET signature = $2 WHERE scope = $1");
const clearKeys = statement("DELETE FROM entry_keys WHERE scope = $1");
const entryBatch = statement(
  "SELECT pk, doc FROM entries WHERE scope = $1 AND pk > $2 ORDER BY pk LIMIT $3 FOR UPDATE",
);
const rewriteEntries = statement(
  `UPDATE entries e SET keydoc = v.keydoc::jsonb, display = v.display, display_keys = v.display_keys::jsonb
   FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS v(pk, keydoc, display, display_keys)
   WHERE e.pk = v.pk`,
);
const insertKeys = statement(
  `INSERT INTO entry_keys (scope, attr, rank, key, entry, sorted, uniq)
   SELECT $1, attr, rank, key, entry, sorted, uniq
   FROM unnest($2::text[], $3::smallint[], $4::text[], $5::bigint[], $6::smallint[], $7::smallint[])
     AS r(attr, rank, key, entry, sorted, uniq)`,
);

async function rebuild(conn: PostgresConnection, scope: ScopeEntry): Promise<void> {
  await conn.run(clearKeys, [scope.scopeId]);
  let after = 0;
  for (;;) {
    const batch = await conn.rows<{ pk: number; doc: string }>(entryBatch, [
      scope.scopeId,
      after,
      rebuildBatch,
    ]);
    if (batch.length === 0) return;
    const entries = batch.map((row) => ({
      pk: row.pk,
      ...entryColumns(scope.compiled, JSON.parse(row.doc)),
    }));
    await conn.run(rewriteEntries, [
      entries.map((e) => e.pk),
      entries.map((e) => e.keydoc),
      entries.map((e) => e.display),
      entries.map((e) => e.displayKeys),
    ]);
    const rows = entries.flatMap((e) => e.indexRows.map((r) => ({ ...r, entry: e.pk })));
    await conn.run(insertKeys, [scope.scopeId, ...indexRowColumns(rows)]);
    after = batch[batch.length - 1]?.pk ?? after;
  }
}

/** Registers one resource type of a connection (run it inside a write of its own). */
export async function registerScope(
  conn: PostgresConnection,
  connectionId: string,
  resourceType: string,
  compiled: CompiledPlan,
): Promise<ScopeEntry> {
  await conn.run(insertScope, [connectionId, resourceType]);
  const row = await conn.row<{ scope: number; signature: string }>(lockScope, [connectionId, resourceType]);
  if (row === undefined) throw new Error(`scope ${connectionId}/${resourceType} was not registered`);
  const entry: ScopeEntry = {
    scopeId: row.scope,
    resourceType,
    hasMembers: compiled.plan.hasMembers,
    compiled,
  };
  const signature = `${compiled.signature}/${keyDocumentVersion}`;
  if (row.signature !== signature) {
    await rebuild(conn, entry);
    await conn.run(setSignature, [row.scope, signature]);
  }
  return entry;
}

export function connectionScopes(connectionId: string, list: readonly ScopeEntry[]): ConnectionScopes {
  return {
    connectionId,
    byType: new Map(list.map((s) => [s.resourceType, s])),
    byId: new Map(list.map((s) => [s.scopeId, s])),
    list,
  };
}

/** Registered connections, by plan object and by content (callers may build an equal plan per request). */
export class ScopeCache {
  readonly #byPlan = new WeakMap<ConnectionPlan, ConnectionScopes>();
  readonly #bySignature = new Map<string, ConnectionScopes>();
  /** Registrations in flight, so that concurrent first requests register a connection once. */
  readonly #pending = new Map<string, Promise<ConnectionScopes>>();

  #signature(plan: ConnectionPlan): string {
    return JSON.stringify([
      plan.connectionId,
      Object.entries(plan.resourceTypes).map(([type, p]) => [type, p.hasMembers, compilePlan(p).signature]),
    ]);
  }

  async scopesOf(
    plan: ConnectionPlan,
    register: (plan: ConnectionPlan) => Promise<ConnectionScopes>,
  ): Promise<ConnectionScopes> {
    const known = this.#byPlan.get(plan);
    if (known !== undefined) return known;
    const signature = this.#signature(plan);
    const equal = this.#bySignature.get(signature);
    if (equal !== undefined) {
      this.#byPlan.set(plan, equal);
      return equal;
    }
    let pending = this.#pending.get(signature);
    if (pending === undefined) {
      pending = register(plan).finally(() => this.#pending.delete(signature));
      this.#pending.set(signature, pending);
    }
    const scopes = await pending;
    this.#byPlan.set(plan, scopes);
    this.#bySignature.set(signature, scopes);
    return scopes;
  }
}
