// What the SQL filter compiler and the membership filters it calls need to know about the scope they
// compile for. Kept apart from both, so that neither imports the other for it.
import type { CompiledPlan } from "./index-rows.js";
import type { SqlDialect } from "./sql-dialect.js";

/** One scope (connection, resource type) of the connection a filter is compiled for. */
export interface ScopeInfo {
  readonly scopeId: number;
  readonly resourceType: string;
  readonly hasMembers: boolean;
}

export interface FilterContext {
  readonly dialect: SqlDialect;
  readonly scopeId: number;
  readonly compiled: CompiledPlan;
  /** Every scope of the connection: members and groups may be of any of its resource types. */
  readonly connectionScopes: readonly ScopeInfo[];
}
