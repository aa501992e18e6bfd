// TEST SUPPORT: an LDAP client wrapped for the race tests (ldap-create-race.test.ts,
// ldap-update-race.test.ts). It counts operations by kind, runs a rival write once just before a chosen
// operation on a chosen DN goes out (the window between a write's check and the write itself), and can
// hide scimKey from the directory's subschema, as a directory loaded with an older scim.schema would.
import type { LdapClient } from "./ldap-datastore-config.js";
import { connectLdapts } from "./ldap-driver.js";

interface Hook {
  readonly op: string;
  readonly dn: string;
  readonly run: () => Promise<void>;
}

export class ClientHooks {
  readonly #calls = new Map<string, number>();
  #counting = false;
  #hooks: Hook[] = [];

  /** Runs `run` once, before the next `op` (add, modify, modifyDN, del) on a DN starting with `dn`. */
  before(op: string, dn: string, run: () => Promise<void>): void {
    this.#hooks.push({ op, dn, run });
  }

  clear(): void {
    this.#hooks = [];
  }

  /** The client operations `work` makes, by name; a search by its scope ("base" reads one entry). */
  async count(work: () => Promise<unknown>): Promise<Record<string, number>> {
    this.#calls.clear();
    this.#counting = true;
    try {
      await work();
    } finally {
      this.#counting = false;
    }
    return Object.fromEntries([...this.#calls].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** A `connect` for LdapDatastoreConfig whose clients go through these hooks. */
  connect(options: { readonly hideKeys?: boolean } = {}): (url: string, timeoutMs: number) => LdapClient {
    return (url, timeoutMs) => this.#wrap(connectLdapts(url, timeoutMs), options.hideKeys === true);
  }

  #wrap(client: LdapClient, hideKeys: boolean): LdapClient {
    return new Proxy(client, {
      get: (target, key) => {
        const value = Reflect.get(target, key);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (this.#counting) {
            const name =
              key === "search" || key === "searchPaginated"
                ? `search ${(args[1] as { scope?: string } | undefined)?.scope}`
                : String(key);
            this.#calls.set(name, (this.#calls.get(name) ?? 0) + 1);
          }
          const at = this.#hooks.findIndex((h) => h.op === key && String(args[0]).startsWith(h.dn));
          if (at >= 0) {
            const [hook] = this.#hooks.splice(at, 1);
            return hook?.run().then(() => value.apply(target, args));
          }
          if (hideKeys && key === "search") return value.apply(target, args).then(withoutKeyType);
          // searchPaginated is an async generator: handed back as it is, not awaited.
          return value.apply(target, args);
        };
      },
    });
  }
}

/** A search result with scimKey's attribute type left out of any subschema entry it holds. */
function withoutKeyType(result: { searchEntries: Record<string, unknown>[] }): unknown {
  for (const entry of result.searchEntries) {
    const types = entry.attributeTypes;
    if (Array.isArray(types))
      entry.attributeTypes = types.filter((t) => !String(t).includes("NAME 'scimKey'"));
  }
  return result;
}
