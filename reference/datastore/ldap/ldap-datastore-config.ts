// The LDAP client, described by the methods this adapter uses (STYLE.md §3, kysely's
// `sqlite-dialect-config.ts`): an ldapts `Client` satisfies it, and tests may pass a fake. Requests that
// need ldapts values (changes, controls) are built in ldap-driver.ts; nothing outside this folder names
// the driver.
import type { Change, Control, SearchOptions, SearchResult } from "ldapts";

export interface LdapClient {
  bind(dn: string, password: string): Promise<void>;
  search(baseDN: string, options?: SearchOptions, controls?: Control | Control[]): Promise<SearchResult>;
  /** Paged results (RFC 2696): one SearchResult per page, so a search can stop early. */
  searchPaginated(
    baseDN: string,
    options?: SearchOptions,
    controls?: Control | Control[],
  ): AsyncGenerator<SearchResult>;
  add(
    dn: string,
    attributes: Record<string, string[] | string>,
    controls?: Control | Control[],
  ): Promise<void>;
  modify(dn: string, changes: Change | Change[], controls?: Control | Control[]): Promise<void>;
  /** ldapts always deletes the old RDN values that the new RDN does not repeat (RFC 4511 §4.9). */
  modifyDN(dn: string, newDN: string, controls?: Control | Control[]): Promise<void>;
  del(dn: string, controls?: Control | Control[]): Promise<void>;
  compare(dn: string, attribute: string, value: string, controls?: Control | Control[]): Promise<boolean>;
  unbind(): Promise<void>;
}

/** The logger calls this adapter makes (pino's signature); secrets are never passed. */
export interface LdapLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Where one connection's entries of one resource type live, how they are named and which object classes
 * they get when the mapping writes no `objectClass` (PingFederate's LDAP repository: `baseDn`,
 * `uniqueUserIdFilter`, `uniqueGroupIdFilter`).
 */
export interface LdapPlacement {
  /** The DN of the container the entries are created in (one level below it). */
  readonly container: string;
  /** `attribute=${entryAttribute}` with `${attr:-default}` fallbacks, e.g. `uid=${userName:-user}`. */
  readonly nameTemplate: string;
  readonly objectClasses: readonly string[];
}

export interface LdapDatastoreConfig {
  /** ldap:// or ldaps:// URL (ldapts: protocol, host and port only). */
  readonly url: string;
  readonly bindDn: string;
  readonly password: string;
  /** The subtree this store owns: its default containers and its settings live below it. */
  readonly baseDn: string;
  /**
   * A connection's placement per resource type; undefined falls back to the default,
   * `ou=<users|groups>,ou=<connection id>,<baseDn>` named by `uid=${userName:-user}` (scimUser) or
   * `cn=${displayName:-group}` (groupOfNames).
   */
  readonly placement?: (connectionId: string, resourceType: string) => LdapPlacement | undefined;
  /** The most entries one query may read from the directory before it is refused with 400 tooMany. */
  readonly maxCandidates?: number;
  /**
   * A listing without a filter reads any number of entries but keeps only positions
   * (ldap-plain-listing.ts): an index page keeps startIndex + count - 1 of them, refused with 400 tooMany
   * past this number (default 200,000); a cursor page keeps count + 1 whatever the directory holds.
   */
  readonly maxListed?: number;
  /**
   * Connections paged searches may use at once, the main one included (ldap-search-pool.ts): slapd keeps
   * one paged search per connection. Default 4.
   */
  readonly searchConnections?: number;
  /** Entries per paged-results page (RFC 2696); at most the directory's size limit. */
  readonly pageSize?: number;
  /** Milliseconds an operation may take before the client gives up (ldapts `timeout`). */
  readonly timeoutMs?: number;
  readonly logger?: LdapLogger;
  /** Opens the client; defaults to ldapts (ldap-driver.ts). Tests pass fakes. */
  readonly connect?: (url: string, timeoutMs: number) => LdapClient;
}
