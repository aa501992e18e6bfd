// Scopes: one id per (connection, resource type), carried by every entry and index row. A connection's
// scopes are registered on first use; when a plan's indexed attributes, uniqueness or display attributes
// change (a new configuration, or a Node upgrade that changes Unicode case folding), the scope's index
// rows are rebuilt from the stored documents before anything reads them.
import type { ConnectionPlan } from "../datastore.js";
import { type CompiledPlan, compilePlan, displayFor, indexRows } from "../sql/index-rows.js";
import type { ScopeInfo } from "../sql/sql-filter-context.js";
import { sql } from "../sql/sql-fragment.js";
import type { SqliteConnection } from "./sqlite-connection.js";
import { insertIndexRows } from "./sqlite-index-writes.js";

export interface ScopeEntry extends ScopeInfo {
  readonly compiled: CompiledPlan;
}

export interface ConnectionScopes {
  readonly connectionId: string;
  readonly byType: ReadonlyMap<string, ScopeEntry>;
  readonly byId: ReadonlyMap<number, ScopeEntry>;
  readonly list: readonly ScopeEntry[];
}

function rebuild(conn: SqliteConnection, scope: ScopeEntry): void {
  conn.run(sql`DELETE FROM entry_keys WHERE scope = ${scope.scopeId}`);
  const entries = conn.all<{ pk: number; doc: string }>(
    sql`SELECT pk, doc FROM entries WHERE scope = ${scope.scopeId} ORDER BY pk`,
  );
  for (const entry of entries) {
    const attributes = JSON.parse(entry.doc);
    insertIndexRows(conn, scope, entry.pk, indexRows(scope.compiled, attributes));
    conn.run(
      sql`UPDATE entries SET display = ${displayFor(scope.compiled, attributes)} WHERE pk = ${entry.pk}`,
    );
  }
}

/** Registers every resource type of a connection (a write: run it inside one). */
export function registerConnection(conn: SqliteConnection, plan: ConnectionPlan): ConnectionScopes {
  const list: ScopeEntry[] = [];
  for (const [resourceType, resourcePlan] of Object.entries(plan.resourceTypes)) {
    const compiled = compilePlan(resourcePlan);
    conn.run(
      sql`INSERT INTO scopes (connection, resource_type) VALUES (${plan.connectionId}, ${resourceType}) ON CONFLICT DO NOTHING`,
    );
    const row = conn.get<{ scope: number; signature: string }>(
      sql`SELECT scope, signature FROM scopes WHERE connection = ${plan.connectionId} AND resource_type = ${resourceType}`,
    );
    if (row === undefined) throw new Error(`scope ${plan.connectionId}/${resourceType} was not registered`);
    const entry: ScopeEntry = {
      scopeId: row.scope,
      resourceType,
      hasMembers: resourcePlan.hasMembers,
      compiled,
    };
    if (row.signature !== compiled.signature) {
      rebuild(conn, entry);
      conn.run(sql`UPDATE scopes SET signature = ${compiled.signature} WHERE scope = ${row.scope}`);
    }
    list.push(entry);
  }
  return {
    connectionId: plan.connectionId,
    byType: new Map(list.map((s) => [s.resourceType, s])),
    byId: new Map(list.map((s) => [s.scopeId, s])),
    list,
  };
}

/** Where registered connections are remembered (the store, or an open transaction until it commits). */
export interface ScopeMemo {
  recallScopes(plan: ConnectionPlan): ConnectionScopes | undefined;
  rememberScopes(plan: ConnectionPlan, scopes: ConnectionScopes): void;
}

/**
 * Registered connections, by plan object and by content (callers may build a new but equal plan per
 * request). Only registrations that have been committed are remembered.
 */
export class ScopeCache implements ScopeMemo {
  readonly #byPlan = new WeakMap<ConnectionPlan, ConnectionScopes>();
  readonly #bySignature = new Map<string, ConnectionScopes>();

  #signature(plan: ConnectionPlan): string {
    return JSON.stringify([
      plan.connectionId,
      Object.entries(plan.resourceTypes).map(([type, p]) => [type, p.hasMembers, compilePlan(p).signature]),
    ]);
  }

  recallScopes(plan: ConnectionPlan): ConnectionScopes | undefined {
    const known = this.#byPlan.get(plan);
    if (known !== undefined) return known;
    const equal = this.#bySignature.get(this.#signature(plan));
    if (equal !== undefined) this.#byPlan.set(plan, equal);
    return equal;
  }

  rememberScopes(plan: ConnectionPlan, scopes: ConnectionScopes): void {
    this.#byPlan.set(plan, scopes);
    this.#bySignature.set(this.#signature(plan), scopes);
  }
}
