// The datastore contract (STYLE.md §1: contract at the parent, adapters in sibling folders). Everything
// above this file speaks in *entries*: the datastore-side records that the write mapping produces from
// SCIM resources and the read mapping turns back into SCIM. Nothing above it knows SQL, LDAP or a driver
// error: adapters translate backend failures into ScimError with a table (STYLE.md §8).
//
// Engine-owned fields stay outside the mapped attributes, as in PingFederate, where `id`, `active`, the
// password and group `members` are managed by the engine rather than by an administrator's mapping:
// here `id`, `meta`, the password hash and `members` have their own places in an entry.
import type { FilterNode } from "../protocol/filter/filter-node.js";
import type { AttributeType } from "../protocol/schema/schema-definition.js";

/** A JSON value; LDAP adapters accept only the string and string-array subset their mapping produces. */
export type EntryValue =
  | string
  | number
  | boolean
  | null
  | readonly EntryValue[]
  | { readonly [key: string]: EntryValue };
export type EntryAttributes = Readonly<Record<string, EntryValue>>;

/**
 * A datastore attribute that a filter or sort names, with the comparison semantics the SCIM schema
 * gives the attribute it was mapped from (RFC 7644 §3.4.2.2: caseExact and type decide how values
 * compare). `source` says who owns it:
 * - "entry": a mapped attribute; `name` is the entry attribute, `subPath` a sub-attribute of a complex
 *   value (`emails` + `value`), undefined for a simple value;
 * - "engine": an engine-owned field: `id`, `meta.created`, `meta.lastModified`, `members` (with
 *   `subPath` `value`, `type` or `display`) and `groups` (the derived user.groups, same sub-paths).
 * Inside a ValuePathNode the inner attributes repeat the outer `name` and carry the sub-attribute in
 * `subPath`; compilers evaluate them against one element of the outer attribute.
 */
export interface StoreAttribute {
  readonly source: "entry" | "engine";
  readonly name: string;
  readonly subPath: string | undefined;
  readonly type: AttributeType;
  readonly caseExact: boolean;
  readonly multiValued: boolean;
}

/**
 * A filter over store attributes, with the in-memory matcher's semantics (memory/memory-filter-matcher.ts,
 * the same as protocol/filter/match-filter.ts): any value of a multi-valued attribute may match, `ne` is
 * `not eq` (an absent attribute matches `ne`), `eq null` means absent and `ne null` present, and values
 * compare by protocol/filter/compare-values.ts keys. An invalid comparison is 400 `invalidFilter` before
 * any data is read.
 */
export type StoreFilter = FilterNode<StoreAttribute>;

/** What a datastore must know about one resource type of one connection. Derived from schema + mapping. */
export interface ResourcePlan {
  /** Attributes indexed so that eq/sw/ge/… on them never scan the resource type. */
  readonly indexed: readonly StoreAttribute[];
  /** Attributes unique within connection and resource type (RFC 7643 §2.2 `uniqueness: server`). */
  readonly unique: readonly StoreAttribute[];
  /** Whether entries of this type carry members (Groups). */
  readonly hasMembers: boolean;
  /** Entry attributes that give a member its `display`, first present wins, e.g. ["displayName", "userName"]. */
  readonly displayAttributes: readonly string[];
}

export interface ConnectionPlan {
  readonly connectionId: string;
  /** Keyed by resource type id ("User", "Group", …). */
  readonly resourceTypes: Readonly<Record<string, ResourcePlan>>;
}

/** Which connection and resource type an operation belongs to. One connection never sees another's data. */
export interface Scope {
  readonly connection: ConnectionPlan;
  readonly resourceType: string;
}

export interface EntryMeta {
  /** RFC 3339 instants with millisecond precision. */
  readonly created: string;
  readonly lastModified: string;
  /** Increases by one on every change, membership changes included; the ETag derives from it. */
  readonly version: number;
}

export interface MemberRef {
  readonly value: string;
  /** The member's resource type id, "User" or "Group" (RFC 7643 §4.2 `members.type`). */
  readonly type: string;
}

export interface ResolvedMember extends MemberRef {
  readonly display: string | undefined;
}

export interface GroupRef {
  readonly value: string;
  readonly display: string | undefined;
  /** RFC 7643 §4.1.2 `groups.type`: "direct", or "indirect" through nested groups. */
  readonly type: "direct" | "indirect";
}

export interface StoredEntry {
  readonly id: string;
  readonly resourceType: string;
  readonly meta: EntryMeta;
  readonly attributes: EntryAttributes;
  /** Present only when members were asked for and the type has them. */
  readonly members?: readonly ResolvedMember[];
  /**
   * The entry's groups, as `groupsOf` returns them, read with a listing's page: present only when the
   * query asked for `groups` and the store reads them with the page. A store may leave them out; callers
   * then ask `groupsOf`.
   */
  readonly groups?: readonly GroupRef[];
}

export interface MembershipChange {
  /** Replaces the whole member list first (PATCH replace/remove of `members` without a filter). */
  readonly replaceAll?: readonly MemberRef[];
  readonly add: readonly MemberRef[];
  /** Member ids to remove; removing an absent member is not an error (RFC 7644 §3.5.2.2). */
  readonly remove: readonly string[];
}

export interface NewEntry {
  readonly attributes: EntryAttributes;
  /** A password hash (never the password); the engine hashes before it reaches a datastore. */
  readonly passwordHash?: string;
  readonly members?: readonly MemberRef[];
}

export interface EntryChange {
  /** The complete new set of mapped attributes; omitted when only engine-owned fields change. */
  readonly attributes?: EntryAttributes;
  /** A new hash, or null to clear the password; omitted to keep it. */
  readonly passwordHash?: string | null;
  readonly members?: MembershipChange;
}

export interface WriteOptions {
  /** Optimistic concurrency: fail with 412 unless the entry is still at this version (RFC 7644 §3.14). */
  readonly ifVersion?: number;
}

export type DeleteMode = "delete" | "disable";

export interface IndexPage {
  readonly kind: "index";
  /** 1-based (RFC 7644 §3.4.2.4); callers have already clamped it to ≥ 1. */
  readonly startIndex: number;
  readonly count: number;
}

export interface CursorPage {
  readonly kind: "cursor";
  /** An opaque keyset position a previous result returned, or undefined for the first page. */
  readonly position: string | undefined;
  readonly direction: "next" | "previous";
  readonly count: number;
}

export interface EntryQuery {
  readonly filter: StoreFilter | undefined;
  /**
   * Without a sort, results come in a stable order (creation order, then id). With one, entries order by
   * the attribute's comparison key (RFC 7644 §3.4.2.3: multi-valued by the primary value, else the first;
   * entries without a value last), ties in creation order; `descending` reverses the whole order, ties
   * and missing values included. The engine's `members` and `groups` cannot be sorted by (400
   * `invalidValue`).
   */
  readonly sort: { readonly attribute: StoreAttribute; readonly descending: boolean } | undefined;
  readonly page: IndexPage | CursorPage;
  /** Load `members` of group entries; false when the response excludes them (never load what is dropped). */
  readonly members: boolean;
  /**
   * Read the entries' `groups` with the page where the store can (StoredEntry.groups); only when the
   * response shows them. SQLite reads a page's groups in one statement instead of one per entry.
   */
  readonly groups?: boolean;
}

export interface QueryResult {
  readonly total: number;
  readonly entries: readonly StoredEntry[];
  /** Keyset positions for RFC 9865 cursors; the protocol layer wraps them into opaque cursor strings. */
  readonly nextPosition: string | undefined;
  readonly previousPosition: string | undefined;
}

/** Capabilities are readonly flags (STYLE.md §4); /ServiceProviderConfig derives from them. */
export interface DatastoreCapabilities {
  /** Filters on `StoreAttribute`s run inside the store rather than over fetched entries. */
  readonly filterPushdown: boolean;
  readonly sortPushdown: boolean;
  /** Keyset positions stay valid under concurrent inserts and deletes. */
  readonly stableCursors: boolean;
  /** `transaction` gives all-or-nothing semantics (and savepoints when nested). */
  readonly transactions: boolean;
}

export interface Datastore {
  readonly name: string;
  readonly capabilities: DatastoreCapabilities;

  /** Rejects with 409 `uniqueness` when a unique attribute collides with a live entry, 400 `invalidValue`
   *  when a member does not exist in the connection. Like `update`, returns the entry without `members`
   *  (a one-member PATCH of a 100,000-member group must not load the group): call `get` with
   *  `members: true` when a response needs them. */
  create(scope: Scope, entry: NewEntry): Promise<StoredEntry>;

  /**
   * Undefined for an unknown, deleted or disabled id. `forUpdate`, inside `transaction(work)`: other
   * writers of this entry (in any process) wait until the transaction ends, so a read-modify-write of a
   * busy entry queues instead of failing with 412 after bounded retries (PostgreSQL SELECT … FOR UPDATE).
   * Stores whose transactions already exclude every other writer (SQLite, memory) ignore it, as does
   * every store outside a transaction.
   */
  get(
    scope: Scope,
    id: string,
    options: { readonly members: boolean; readonly forUpdate?: boolean },
  ): Promise<StoredEntry | undefined>;

  /** The password hash of an entry, for credential checks; undefined when none is set. */
  getPasswordHash(scope: Scope, id: string): Promise<string | undefined>;

  /** Rejects with 404 for an unknown id, 412 on a version mismatch, 409 on a uniqueness collision,
   *  400 `invalidValue` when a member to add does not exist in the connection (or the type has no
   *  members). Every call increments the version, membership-only changes included. */
  update(scope: Scope, id: string, change: EntryChange, options?: WriteOptions): Promise<StoredEntry>;

  /** "disable" keeps the entry but hides it from every later operation and frees its unique values
   *  (PingFederate `actionOnDelete: DISABLE_USER`); "delete" removes it. Both remove its memberships,
   *  as member and as group, and increment the version of each group that listed it. */
  delete(scope: Scope, id: string, mode: DeleteMode, options?: WriteOptions): Promise<void>;

  query(scope: Scope, query: EntryQuery): Promise<QueryResult>;

  /** The groups an entry belongs to, directly and through nested groups (RFC 7643 §4.1.2 `groups`), each
   *  once, cycles included; [] for an unknown id. */
  groupsOf(scope: Scope, memberId: string): Promise<readonly GroupRef[]>;

  /**
   * Small engine settings that must survive a restart (the hash of a generated bearer token, admin-API
   * connection definitions). Values are JSON; keys are namespaced by the caller ("auth.builtin-token").
   */
  getSetting(key: string): Promise<EntryValue | undefined>;
  putSetting(key: string, value: EntryValue): Promise<void>;
  /**
   * Stores `value` unless `key` already has one, atomically across every process that shares the store,
   * and returns the value now stored: for secrets generated at first start (a cursor HMAC key, a token
   * hash), where the first process wins and every other adopts its value. Optional; claim-setting.ts
   * falls back to getSetting then putSetting, which is only atomic within one process.
   */
  claimSetting?(key: string, value: EntryValue): Promise<EntryValue>;
  /**
   * Calls `listener` with the key of each setting any process writes to this store, shortly after the
   * write commits ("*" when changes may have been missed, e.g. after a reconnect), so that an admin-API
   * change made through one process takes effect in the others without a restart. Resolves once the
   * subscription is live, with the function that ends it. Optional: stores that one process owns alone
   * need no notice of changes.
   */
  watchSettings?(listener: (key: string) => void): Promise<() => void>;

  /** Runs `work` atomically; a nested call is a savepoint. Work must use the store it is given. */
  transaction<T>(work: (store: Datastore) => Promise<T>): Promise<T>;

  close(): Promise<void>;
}
