// One bound connection to the directory, with what the adapter learned about it when it opened: the
// subschema (attribute types and object classes, RFC 4512 §4.2) and the controls the root DSE lists
// (RFC 4512 §5.1 `supportedControl`). Searches read every page with the paged results control (RFC
// 2696) up to a bound, so the directory's size limit never truncates a listing silently. Driver errors
// pass through untranslated: callers decide on result codes (68, 122, 32) before translating.
import type { Change } from "ldapts";
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { LdapClient, LdapDatastoreConfig, LdapLogger } from "./ldap-datastore-config.js";
import { DirectorySchema } from "./ldap-directory-schema.js";
import { AssertionControl, connectLdapts, toLdaptsFilter } from "./ldap-driver.js";
import { attributesWithoutMembers, entryAttributes } from "./ldap-entries.js";
import { ldapResultCode } from "./ldap-error-map.js";
import { type LdapFilter, renderFilter } from "./ldap-filter.js";
import { type RawEntry, texts } from "./ldap-raw-entry.js";
import { SearchConnectionPool } from "./ldap-search-pool.js";

export const controlOids = {
  pagedResults: "1.2.840.113556.1.4.319",
  serverSideSort: "1.2.840.113556.1.4.473",
  assertion: "1.3.6.1.1.12",
} as const;

const silent: LdapLogger = { debug() {}, info() {}, warn() {} };

export class LdapDirectory {
  readonly schema: DirectorySchema;
  readonly supportedControls: ReadonlySet<string>;
  /** What to read of an entry: everything, or everything but group members (ldap-entries.ts). */
  readonly withMembers: readonly string[] = entryAttributes;
  readonly withoutMembers: readonly string[];
  readonly logger: LdapLogger;
  readonly #client: LdapClient;
  readonly #pageSize: number;
  readonly #maxCandidates: number;
  /** LdapDatastoreConfig.maxListed. */
  readonly maxListed: number;
  /** Paged searches, one per connection at a time (ldap-search-pool.ts). */
  readonly #searches: SearchConnectionPool;

  private constructor(
    client: LdapClient,
    schema: DirectorySchema,
    controls: Set<string>,
    config: LdapDatastoreConfig,
  ) {
    this.#client = client;
    this.schema = schema;
    this.supportedControls = controls;
    this.logger = config.logger ?? silent;
    this.#pageSize = config.pageSize ?? 500;
    this.#maxCandidates = config.maxCandidates ?? 10_000;
    this.maxListed = config.maxListed ?? 200_000;
    this.withoutMembers = attributesWithoutMembers(schema);
    this.#searches = new SearchConnectionPool(
      client,
      async () => {
        const extra = (config.connect ?? connectLdapts)(config.url, config.timeoutMs ?? 10_000);
        try {
          await extra.bind(config.bindDn, config.password);
        } catch (error) {
          await extra.unbind().catch(() => {});
          throw error;
        }
        return extra;
      },
      config.searchConnections ?? 4,
    );
  }

  static async open(config: LdapDatastoreConfig): Promise<LdapDirectory> {
    const client = (config.connect ?? connectLdapts)(config.url, config.timeoutMs ?? 10_000);
    try {
      await client.bind(config.bindDn, config.password);
      const dse = (
        await client.search("", { scope: "base", attributes: ["supportedControl", "subschemaSubentry"] })
      ).searchEntries[0];
      const controls = new Set(texts(dse?.supportedControl));
      const subschema = texts(dse?.subschemaSubentry)[0] ?? "cn=Subschema";
      const sub = (
        await client.search(subschema, {
          scope: "base",
          filter: "(objectClass=subschema)",
          attributes: ["attributeTypes", "objectClasses"],
        })
      ).searchEntries[0];
      const schema = new DirectorySchema(texts(sub?.attributeTypes), texts(sub?.objectClasses));
      if (schema.objectClass("scimEntry") === undefined) {
        throw new Error(
          `the directory at ${config.url} lacks the scimEntry object class: load fixtures/ldap/scim.schema (scripts/ldap-up.sh does)`,
        );
      }
      if (!controls.has(controlOids.assertion)) {
        throw new Error(
          `the directory at ${config.url} lacks the Assertion control (RFC 4528), needed for If-Match`,
        );
      }
      return new LdapDirectory(client, schema, controls, config);
    } catch (error) {
      await client.unbind().catch(() => {});
      throw error;
    }
  }

  /**
   * Every entry the filter selects, page by page. More than the bound is 400 tooMany (RFC 7644
   * §3.4.2.1): the rest of a query runs in memory, and memory is what the bound protects.
   */
  async search(
    base: string,
    filter: LdapFilter,
    options: { readonly scope: "base" | "one" | "sub"; readonly attributes: readonly string[] },
  ): Promise<RawEntry[]> {
    const entries: RawEntry[] = [];
    await this.#searches.use((client) =>
      this.#pages(client, base, filter, options, (page) => {
        for (const entry of page) entries.push(entry);
        if (entries.length > this.#maxCandidates) {
          this.logger.warn(
            { base, filter: renderFilter(filter), bound: this.#maxCandidates },
            "LDAP query refused: more candidates than the in-memory bound",
          );
          throw badRequest(
            "tooMany",
            `The directory holds more than ${this.#maxCandidates} candidates for this query; narrow the filter (RFC 7644 §3.4.2.1).`,
          );
        }
      }),
    );
    return entries;
  }

  /**
   * Every entry the filter selects, handed to `visit` a page at a time with no bound on the total: for a
   * pass that writes each entry and keeps none (ldap-key-backfill.ts).
   */
  eachPage(
    base: string,
    filter: LdapFilter,
    options: { readonly scope: "one" | "sub"; readonly attributes: readonly string[] },
    visit: (page: readonly RawEntry[]) => Promise<void>,
  ): Promise<void> {
    return this.#searches.use((client) => this.#pages(client, base, filter, options, visit));
  }

  /** The paged search itself (RFC 2696); below a container that does not exist yet there is nothing. */
  async #pages(
    client: LdapClient,
    base: string,
    filter: LdapFilter,
    options: { readonly scope: "base" | "one" | "sub"; readonly attributes: readonly string[] },
    visit: (page: readonly RawEntry[]) => void | Promise<void>,
  ): Promise<void> {
    const request = {
      scope: options.scope,
      filter: toLdaptsFilter(filter),
      attributes: [...options.attributes],
      paged: { pageSize: this.#pageSize },
    };
    try {
      for await (const page of client.searchPaginated(base, request)) {
        await visit(page.searchEntries as RawEntry[]);
      }
    } catch (error) {
      if (ldapResultCode(error) === 32 && options.scope !== "base") return; // no container yet
      throw error;
    }
  }

  /** The entry at a DN, or undefined when there is none. */
  async read(dn: string, attributes: readonly string[]): Promise<RawEntry | undefined> {
    try {
      const result = await this.#client.search(dn, { scope: "base", attributes: [...attributes] });
      return result.searchEntries[0] as RawEntry | undefined;
    } catch (error) {
      if (ldapResultCode(error) === 32) return undefined;
      throw error;
    }
  }

  add(dn: string, attributes: Record<string, string[]>): Promise<void> {
    return this.#client.add(dn, attributes);
  }

  /** A modify, performed only while the entry matches `assertion` (RFC 4528) when one is given. */
  modify(dn: string, changes: readonly Change[], assertion?: LdapFilter): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    return this.#client.modify(
      dn,
      [...changes],
      assertion === undefined ? undefined : new AssertionControl(assertion),
    );
  }

  /** Renames an entry in place (same parent); the old RDN's values not in the new one are removed. */
  rename(dn: string, newRdn: string, assertion?: LdapFilter): Promise<void> {
    return this.#client.modifyDN(
      dn,
      newRdn,
      assertion === undefined ? undefined : new AssertionControl(assertion),
    );
  }

  del(dn: string, assertion?: LdapFilter): Promise<void> {
    return this.#client.del(dn, assertion === undefined ? undefined : new AssertionControl(assertion));
  }

  compare(dn: string, attribute: string, value: string): Promise<boolean> {
    return this.#client.compare(dn, attribute, value);
  }

  async close(): Promise<void> {
    await this.#searches.close();
    await this.#client.unbind();
  }
}
