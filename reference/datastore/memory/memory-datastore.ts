// The in-memory datastore: a complete, deliberately simple implementation of datastore.ts. It is the
// executable specification of the contract (the SQL stores are differentially tested against it) and a
// fast fake for unit tests of the layers above. Every write clones the state and swaps it in on success
// (memory-state.ts), which makes each method and each transaction all-or-nothing.
import { randomUUID } from "node:crypto";
import {
  badRequest,
  notFound,
  preconditionFailed,
  uniquenessConflict,
} from "../../protocol/errors/scim-error.js";
import type {
  Datastore,
  DatastoreCapabilities,
  DeleteMode,
  EntryAttributes,
  EntryChange,
  EntryQuery,
  EntryValue,
  GroupRef,
  MemberRef,
  NewEntry,
  QueryResult,
  ResourcePlan,
  Scope,
  StoredEntry,
  WriteOptions,
} from "../datastore.js";
import { attributeLabel, keysOf } from "../entry-values.js";
import { queryEntries, toStoredEntry } from "./memory-query.js";
import { groupsOf, resolveMemberRef } from "./memory-relations.js";
import {
  entryKey,
  type MemoryEntry,
  type MemoryState,
  RootHolder,
  type StateHolder,
} from "./memory-state.js";

export interface MemoryDatastoreOptions {
  /** The clock for `meta.created`/`lastModified`; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Entry ids; defaults to random UUIDs (lower-case, so case-insensitive id filters agree with SQL). */
  readonly newId?: () => string;
}

/** A frozen deep copy: callers can neither change what they passed in nor what they get back. */
function frozenCopy(attributes: EntryAttributes): EntryAttributes {
  const freeze = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    for (const member of Object.values(value)) freeze(member);
    Object.freeze(value);
  };
  const copy = structuredClone(attributes);
  freeze(copy);
  return copy;
}

export function planOf(scope: Scope): ResourcePlan {
  const plan = scope.connection.resourceTypes[scope.resourceType];
  if (plan === undefined) {
    throw new Error(`connection ${scope.connection.connectionId} has no resource type ${scope.resourceType}`);
  }
  return plan;
}

function findLive(state: MemoryState, scope: Scope, id: string): MemoryEntry | undefined {
  const entry = state.entries.get(entryKey(scope.connection.connectionId, id));
  return entry?.resourceType === scope.resourceType ? entry : undefined;
}

/** RFC 7643 §2.2 `uniqueness: server`: no two live entries of one connection and type share a value. */
function assertUnique(
  state: MemoryState,
  scope: Scope,
  attributes: EntryAttributes,
  selfId: string | undefined,
) {
  for (const attr of planOf(scope).unique) {
    const mine = new Set(keysOf(attributes, attr));
    if (mine.size === 0) continue;
    for (const other of state.entries.values()) {
      if (other.id === selfId || other.connection !== scope.connection.connectionId) continue;
      if (other.resourceType !== scope.resourceType) continue;
      if (keysOf(other.attributes, attr).some((k) => mine.has(k))) {
        throw uniquenessConflict(`${attributeLabel(attr)} is already used by another ${scope.resourceType}`);
      }
    }
  }
}

function assertMembersAllowed(scope: Scope, refs: readonly MemberRef[] | undefined): void {
  if (refs !== undefined && refs.length > 0 && !planOf(scope).hasMembers) {
    throw badRequest("invalidValue", `${scope.resourceType} resources have no members`);
  }
}

function removeMemberships(state: MemoryState, key: string, now: string): void {
  state.members.delete(key);
  for (const [groupKey, members] of state.members) {
    // The group's representation changes when a member disappears, so its version moves too.
    if (members.delete(key)) bumpVersion(state, groupKey, now);
  }
}

function bumpVersion(state: MemoryState, key: string, now: string): void {
  const entry = state.entries.get(key);
  if (entry === undefined) return;
  state.entries.set(key, {
    ...entry,
    meta: { ...entry.meta, lastModified: now, version: entry.meta.version + 1 },
  });
}

/** One view of the store: the committed state (the public instance) or an open transaction. */
class MemoryStoreView implements Datastore {
  readonly name: string = "memory";
  readonly capabilities: DatastoreCapabilities = {
    filterPushdown: true,
    sortPushdown: true,
    stableCursors: true,
    transactions: true,
  };
  readonly #holder: StateHolder;
  readonly #options: MemoryDatastoreOptions;

  constructor(holder: StateHolder, options: MemoryDatastoreOptions) {
    this.#holder = holder;
    this.#options = options;
  }

  #now(): string {
    return (this.#options.now?.() ?? new Date()).toISOString();
  }

  async create(scope: Scope, entry: NewEntry): Promise<StoredEntry> {
    assertMembersAllowed(scope, entry.members);
    return this.#holder.write((state) => {
      assertUnique(state, scope, entry.attributes, undefined);
      const memberKeys = new Set(
        (entry.members ?? []).map((ref) => resolveMemberRef(state, scope.connection, ref)),
      );
      const now = this.#now();
      const created: MemoryEntry = {
        seq: state.nextSeq++,
        connection: scope.connection.connectionId,
        resourceType: scope.resourceType,
        id: this.#options.newId?.() ?? randomUUID(),
        attributes: frozenCopy(entry.attributes),
        passwordHash: entry.passwordHash,
        meta: { created: now, lastModified: now, version: 1 },
      };
      const key = entryKey(created.connection, created.id);
      state.entries.set(key, created);
      if (planOf(scope).hasMembers) state.members.set(key, memberKeys);
      return toStoredEntry(state, scope, created, false);
    });
  }

  async get(
    scope: Scope,
    id: string,
    options: { readonly members: boolean },
  ): Promise<StoredEntry | undefined> {
    const state = this.#holder.read();
    const entry = findLive(state, scope, id);
    return entry === undefined ? undefined : toStoredEntry(state, scope, entry, options.members);
  }

  async getPasswordHash(scope: Scope, id: string): Promise<string | undefined> {
    return findLive(this.#holder.read(), scope, id)?.passwordHash;
  }

  async update(
    scope: Scope,
    id: string,
    change: EntryChange,
    options: WriteOptions = {},
  ): Promise<StoredEntry> {
    const members = change.members;
    if (members !== undefined) assertMembersAllowed(scope, [...(members.replaceAll ?? []), ...members.add]);
    return this.#holder.write((state) => {
      const entry = this.#existing(state, scope, id, options);
      const attributes =
        change.attributes === undefined ? entry.attributes : structuredClone(change.attributes);
      if (change.attributes !== undefined) assertUnique(state, scope, attributes, entry.id);
      const key = entryKey(entry.connection, entry.id);
      if (members !== undefined && planOf(scope).hasMembers) {
        const current =
          members.replaceAll === undefined ? new Set(state.members.get(key)) : new Set<string>();
        for (const ref of [...(members.replaceAll ?? []), ...members.add]) {
          current.add(resolveMemberRef(state, scope.connection, ref));
        }
        for (const memberId of members.remove) current.delete(entryKey(entry.connection, memberId));
        state.members.set(key, current);
      }
      const passwordHash =
        change.passwordHash === undefined ? entry.passwordHash : (change.passwordHash ?? undefined);
      const updated: MemoryEntry = {
        ...entry,
        attributes,
        passwordHash,
        meta: { ...entry.meta, lastModified: this.#now(), version: entry.meta.version + 1 },
      };
      state.entries.set(key, updated);
      return toStoredEntry(state, scope, updated, false);
    });
  }

  async delete(scope: Scope, id: string, mode: DeleteMode, options: WriteOptions = {}): Promise<void> {
    return this.#holder.write((state) => {
      const entry = this.#existing(state, scope, id, options);
      const key = entryKey(entry.connection, entry.id);
      state.entries.delete(key);
      removeMemberships(state, key, this.#now());
      if (mode === "disable") state.disabled.push(entry);
    });
  }

  async query(scope: Scope, query: EntryQuery): Promise<QueryResult> {
    return queryEntries(this.#holder.read(), scope, query);
  }

  async groupsOf(scope: Scope, memberId: string): Promise<readonly GroupRef[]> {
    const state = this.#holder.read();
    const member = findLive(state, scope, memberId);
    return member === undefined ? [] : groupsOf(state, scope.connection, member);
  }

  async getSetting(key: string): Promise<EntryValue | undefined> {
    const value = this.#holder.read().settings.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  async putSetting(key: string, value: EntryValue): Promise<void> {
    return this.#holder.write((state) => {
      state.settings.set(key, structuredClone(value));
    });
  }

  async transaction<T>(work: (store: Datastore) => Promise<T>): Promise<T> {
    return this.#holder.transaction((holder) => work(new MemoryStoreView(holder, this.#options)));
  }

  async close(): Promise<void> {}

  /** The live entry, or 404; then the RFC 7644 §3.14 version check (412 on mismatch). */
  #existing(state: MemoryState, scope: Scope, id: string, options: WriteOptions): MemoryEntry {
    const entry = findLive(state, scope, id);
    if (entry === undefined) throw notFound(`${scope.resourceType} ${id} not found`);
    if (options.ifVersion !== undefined && options.ifVersion !== entry.meta.version) {
      throw preconditionFailed(
        `${scope.resourceType} ${id} is at version ${entry.meta.version}, not ${options.ifVersion}`,
      );
    }
    return entry;
  }
}

export class MemoryDatastore extends MemoryStoreView {
  constructor(options: MemoryDatastoreOptions = {}) {
    super(new RootHolder(), options);
  }
}
