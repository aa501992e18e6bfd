// The LDAP directory datastore (OpenLDAP through ldapts): users and groups are directory entries under
// each connection's container, written the way PingFederate provisions into a directory: the write
// mapping's attributes become directory attributes (ldap-entry-codec.ts), the unique ID filter names the
// entry (ldap-naming.ts), group members are `member` DNs (ldap-members.ts), and the read mapping sees
// what the directory returns. The id is the entry's entryUUID, meta comes from its timestamps, the
// version from a counter compared with the Assertion control (ldap-entries.ts, ldap-writes.ts).
//
// Capabilities, honestly: filters are pushed down as a sound narrowing and finished in memory
// (ldap-filter-compiler.ts), sorting is done here (ldap-query.ts), cursors are keyset positions that stay
// exact under concurrent writes, and there are no transactions (ldap-writes.ts says why): `transaction`
// runs its work directly, so a Bulk request (RFC 7644 §3.7) applies each operation as it goes, each one
// atomic on its own, and a failed operation leaves the earlier ones in place, which RFC 7644 §3.7.3
// permits ("The service provider MUST continue performing as many changes as possible").
import type {
  Datastore,
  DatastoreCapabilities,
  DeleteMode,
  EntryChange,
  EntryQuery,
  EntryValue,
  GroupRef,
  NewEntry,
  QueryResult,
  Scope,
  StoredEntry,
  WriteOptions,
} from "../datastore.js";
import type { LdapDatastoreConfig } from "./ldap-datastore-config.js";
import { controlOids, LdapDirectory } from "./ldap-directory.js";
import { translateLdapError } from "./ldap-error-map.js";
import { ValueKeyBackfill } from "./ldap-key-backfill.js";
import { Layout } from "./ldap-layout.js";
import { groupsOfDn, resolveMembers, type StoreParts } from "./ldap-members.js";
import { queryEntries, storedEntry } from "./ldap-query.js";
import { getSetting, putSetting } from "./ldap-settings.js";
import { updateEntry } from "./ldap-update.js";
import { keySearch } from "./ldap-value-keys.js";
import { createEntry, deleteEntry, findLive } from "./ldap-writes.js";

export class LdapDatastore implements Datastore {
  readonly name: string = "ldap";
  readonly capabilities: DatastoreCapabilities = {
    filterPushdown: true,
    // RFC 2891 sorting uses the directory's ORDERING rules, not SCIM's order (ldap-query.ts).
    sortPushdown: false,
    stableCursors: true,
    transactions: false,
  };
  readonly #parts: StoreParts;
  readonly #config: LdapDatastoreConfig;
  /** Views share their root's connection; only the root closes it. */
  readonly #root: boolean;

  private constructor(parts: StoreParts, config: LdapDatastoreConfig, root: boolean) {
    this.#parts = parts;
    this.#config = config;
    this.#root = root;
  }

  /** Connects, binds and reads the directory's schema and controls; fails clearly if scim.schema is missing. */
  static async open(config: LdapDatastoreConfig): Promise<LdapDatastore> {
    const directory = await LdapDirectory.open(config);
    const parts = { directory, layout: new Layout(config, directory), keys: new ValueKeyBackfill() };
    const keys = keySearch(directory.schema);
    directory.logger.info(
      {
        url: config.url,
        baseDn: config.baseDn,
        pagedResults: directory.supportedControls.has(controlOids.pagedResults),
        serverSideSort: directory.supportedControls.has(controlOids.serverSideSort),
        valueKeys: keys,
      },
      "LDAP datastore open: filters narrow in the directory and finish in memory; sorting and paging run in memory over a bounded candidate set",
    );
    if (keys === "none") {
      directory.logger.warn(
        { url: config.url },
        "the directory's schema has no scimKey (an older fixtures/ldap/scim.schema): a case-insensitive eq on a non-ASCII value, and its uniqueness check, read every entry holding the attribute and are refused past maxCandidates; load the current scim.schema and index scimKey (eq) to search them by key",
      );
    } else if (keys === "equality") {
      directory.logger.warn(
        { url: config.url },
        "the directory's scimKey has no SUBSTR rule (an older fixtures/ldap/scim.schema): a case-insensitive sw, ew or co on a non-ASCII value reads every entry holding the attribute and is refused past maxCandidates; load the current scim.schema to search such filters by key",
      );
    }
    return new LdapDatastore(parts, config, true);
  }

  /**
   * The same directory with other placements: one view per IdP connection, so that each connection's
   * repository settings (baseDn, unique ID filters) name its entries, and a changed connection gets a
   * new view instead of stale cached containers.
   */
  view(placement: NonNullable<LdapDatastoreConfig["placement"]>): LdapDatastore {
    const config = { ...this.#config, placement };
    const { directory } = this.#parts;
    return new LdapDatastore(
      // The backfill is per container DN, so every view of one directory shares it.
      { directory, layout: new Layout(config, directory), keys: this.#parts.keys },
      config,
      false,
    );
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translateLdapError(error);
    }
  }

  create(scope: Scope, entry: NewEntry): Promise<StoredEntry> {
    return this.#guard(() => createEntry(this.#parts, scope, entry));
  }

  get(scope: Scope, id: string, options: { readonly members: boolean }): Promise<StoredEntry | undefined> {
    return this.#guard(async () => {
      const hasMembers = scope.connection.resourceTypes[scope.resourceType]?.hasMembers === true;
      const entry = await findLive(this.#parts, scope, id, options.members && hasMembers);
      if (entry === undefined) return undefined;
      const members =
        options.members && hasMembers
          ? await resolveMembers(this.#parts, scope.connection, entry)
          : undefined;
      return storedEntry(entry, scope.resourceType, members);
    });
  }

  getPasswordHash(scope: Scope, id: string): Promise<string | undefined> {
    return this.#guard(async () => (await findLive(this.#parts, scope, id))?.passwordHash);
  }

  update(scope: Scope, id: string, change: EntryChange, options: WriteOptions = {}): Promise<StoredEntry> {
    return this.#guard(() => updateEntry(this.#parts, scope, id, change, options));
  }

  delete(scope: Scope, id: string, mode: DeleteMode, options: WriteOptions = {}): Promise<void> {
    return this.#guard(() => deleteEntry(this.#parts, scope, id, mode, options));
  }

  query(scope: Scope, query: EntryQuery): Promise<QueryResult> {
    return this.#guard(() => queryEntries(this.#parts, scope, query));
  }

  groupsOf(scope: Scope, memberId: string): Promise<readonly GroupRef[]> {
    return this.#guard(async () => {
      const member = await findLive(this.#parts, scope, memberId);
      return member === undefined ? [] : groupsOfDn(this.#parts, scope.connection, member.dn);
    });
  }

  getSetting(key: string): Promise<EntryValue | undefined> {
    return this.#guard(() => getSetting(this.#parts, key));
  }

  putSetting(key: string, value: EntryValue): Promise<void> {
    return this.#guard(() => putSetting(this.#parts, key, value));
  }

  /** No atomicity (capabilities.transactions is false): the work runs on this store directly. */
  transaction<T>(work: (store: Datastore) => Promise<T>): Promise<T> {
    return work(this);
  }

  /**
   * Resolves when the key backfills started so far have ended, including the one that gives entries of an
   * older key format their member keys behind the searches (ldap-key-backfill.ts).
   */
  keysSettled(): Promise<void> {
    return this.#parts.keys.settled();
  }

  async close(): Promise<void> {
    if (!this.#root) return;
    await this.#parts.keys.stop();
    await this.#parts.directory.close();
  }
}
