// Where entries live in the directory tree. Each connection and resource type has one container, and
// entries sit one level below it, so a one-level search of a container is exactly one connection's
// resources of one type: that is the tenant isolation (a connection never searches another's
// container). Containers below the store's baseDn are created on first use as organizationalUnits.
import type { LdapDatastoreConfig, LdapPlacement } from "./ldap-datastore-config.js";
import type { LdapDirectory } from "./ldap-directory.js";
import { ldapResultCode } from "./ldap-error-map.js";
import {
  containerKey,
  type NameTemplate,
  parentDn,
  parseDn,
  parseNameTemplate,
  rdnText,
} from "./ldap-naming.js";

export interface Placement extends LdapPlacement {
  readonly template: NameTemplate;
}

function defaultPlacement(baseDn: string, connectionId: string, resourceType: string): LdapPlacement {
  const group = resourceType === "Group";
  const kind = resourceType === "User" ? "users" : group ? "groups" : resourceType.toLowerCase();
  return {
    container: `${rdnText([["ou", kind]])},${rdnText([["ou", connectionId]])},${baseDn}`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: PingFederate's unique ID filter syntax, not JS.
    nameTemplate: group ? "cn=${displayName:-group}" : "uid=${userName:-user}",
    objectClasses: group ? ["groupOfNames"] : ["scimUser"],
  };
}

export class Layout {
  readonly #config: LdapDatastoreConfig;
  readonly #directory: LdapDirectory;
  readonly #placements = new Map<string, Placement>();
  readonly #ensured = new Set<string>();

  constructor(config: LdapDatastoreConfig, directory: LdapDirectory) {
    this.#config = config;
    this.#directory = directory;
  }

  placement(connectionId: string, resourceType: string): Placement {
    const key = `${connectionId}\u0000${resourceType}`;
    let placement = this.#placements.get(key);
    if (placement === undefined) {
      const given =
        this.#config.placement?.(connectionId, resourceType) ??
        defaultPlacement(this.#config.baseDn, connectionId, resourceType);
      placement = Object.freeze({ ...given, template: parseNameTemplate(given.nameTemplate) });
      this.#placements.set(key, placement);
    }
    return placement;
  }

  /** The DN under which settings live (one entry per key). */
  get settingsContainer(): string {
    return `ou=settings,${this.#config.baseDn}`;
  }

  /**
   * Creates the container as an organizationalUnit, and its missing parents first when the directory
   * says the parent is missing (32); "already exists" (68) is success. Each container once per process.
   */
  async ensure(container: string, depth = 0): Promise<void> {
    const key = containerKey(container);
    if (this.#ensured.has(key)) return;
    const [[type, value] = ["ou", ""]] = parseDn(container)[0] ?? [];
    const entry = {
      objectClass: [type.toLowerCase() === "ou" ? "organizationalUnit" : "applicationProcess"],
      [type]: [value],
    };
    try {
      await this.#directory.add(container, entry);
    } catch (error) {
      const code = ldapResultCode(error);
      if (code === 32 && depth < 10 && parentDn(container) !== "") {
        await this.ensure(parentDn(container), depth + 1);
        await this.#directory.add(container, entry).catch((again: unknown) => {
          if (ldapResultCode(again) !== 68) throw again;
        });
      } else if (code !== 68) {
        throw error;
      }
    }
    this.#ensured.add(key);
  }
}
