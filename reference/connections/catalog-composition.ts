// Which connections are served, from the file's connections and the admin API's stored changes, in one
// order every server process agrees on: the file's connections in file order (an admin change to one of
// them takes its place), then connections the admin API created, in the order of the shared index
// (admin-change-store.ts). Each must fit the ones before it (connection-conflicts.ts: ids, entity ids,
// usernames, certificates). Within one process the admin API refuses a change that does not fit; two
// processes creating clashing connections at the same instant can still both succeed, and then every
// process serves the earlier one and refuses the later one (logged as an error), the same way everywhere.
// A connection whose stored revision is unchanged keeps its prepared form, so its mapping is compiled
// once per revision, not once per reload.
import type { AdminChange } from "./admin-change-store.js";
import { connectionConflicts } from "./connection-conflicts.js";
import type { ConnectionIssue, Validated } from "./connection-issue.js";
import type { PreparedConnection } from "./seal-connection.js";

export interface FileSlot {
  readonly id: string;
  /** Undefined when the admin API had changed this id before the server started (never used since). */
  readonly prepared: PreparedConnection | undefined;
}

export interface CompositionState {
  readonly file: readonly FileSlot[];
  /** Connection ids in the shared index's order. */
  readonly order: readonly string[];
  readonly changes: ReadonlyMap<string, AdminChange>;
  /** Prepared admin connections by id, each with the revision it was prepared from; updated here. */
  readonly cache: Map<string, { readonly revision: number; readonly prepared: PreparedConnection }>;
}

export interface Refusal {
  readonly id: string;
  readonly revision: number | undefined;
  readonly issues: readonly ConnectionIssue[];
}

/** Checks and prepares a stored connection against the accepted ones before it. */
export type PrepareStored = (
  stored: unknown,
  path: string,
  accepted: readonly PreparedConnection[],
) => Promise<Validated<PreparedConnection>>;

export const adminPath = (id: string) => `(admin API) ${id}`;

export async function composeConnections(
  state: CompositionState,
  prepareStored: PrepareStored,
): Promise<{ readonly connections: PreparedConnection[]; readonly refused: Refusal[] }> {
  const accepted: PreparedConnection[] = [];
  const refused: Refusal[] = [];
  const fileIds = new Set(state.file.map((f) => f.id));
  const slots = [...state.file, ...state.order.filter((id) => !fileIds.has(id)).map((id) => ({ id }))];
  for (const slot of slots) {
    const change = state.changes.get(slot.id);
    if (change !== undefined && "deleted" in change) continue;
    const path = adminPath(slot.id);
    let candidate: PreparedConnection | undefined;
    let issues: readonly ConnectionIssue[] = [];
    const cached = state.cache.get(slot.id);
    if (change === undefined) candidate = "prepared" in slot ? slot.prepared : undefined;
    else if (cached?.revision === change.revision) candidate = cached.prepared;
    else {
      const result = await prepareStored(change.connection, path, accepted);
      if (result.ok) {
        candidate = result.value;
        state.cache.set(slot.id, { revision: change.revision, prepared: candidate });
      } else issues = result.issues;
    }
    if (candidate !== undefined && issues.length === 0)
      issues = connectionConflicts(candidate, accepted, path);
    if (issues.length > 0) refused.push({ id: slot.id, revision: change?.revision, issues });
    else if (candidate !== undefined) accepted.push(candidate);
  }
  return { connections: accepted, refused };
}
