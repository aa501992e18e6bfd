// A PingFederate LDAP user repository (`userRepository: { type: LDAP, baseDn, uniqueUserIdFilter,
// uniqueGroupIdFilter }`, pingfederate-model.md §1.4-1.5) as placements of the LDAP datastore, and the
// server's directory settings from the environment. PingFederate's filters name SCIM attributes
// (`uid=${userName}`); the datastore names entries from what the write mapping produced, so each
// placeholder is rewritten to the datastore attribute that `writeUsers`/`writeGroups` fills directly from
// that SCIM attribute (`uid=${uid}` for the demo mapping). A placeholder no mapping fills is kept: it may
// name a datastore attribute already.
//
// Placement: a connection's users go to `ou=<connection id>,<baseDn>` and its groups to
// `ou=groups,ou=<connection id>,<baseDn>` (one-level searches keep the two apart). PingFederate would let
// two connections with one baseDn share entries; here a connection never sees another's data (the
// connections issue's tenant isolation), so each gets its own container.
import { isJsonObject, type JsonObject } from "../../protocol/resource/json.js";
import type { LdapDatastoreConfig, LdapPlacement } from "./ldap-datastore-config.js";
import { rdnText } from "./ldap-naming.js";

/** `${scimPath}` → `${datastoreAttribute}` where the write mapping copies that SCIM path unchanged. */
export function entryTemplate(
  filter: string,
  writeFulfillment: JsonObject | undefined,
  sourceType: string,
): string {
  const direct = new Map<string, string>();
  for (const [attribute, fulfillment] of Object.entries(writeFulfillment ?? {})) {
    if (!isJsonObject(fulfillment) || !isJsonObject(fulfillment.source)) continue;
    if (fulfillment.source.type === sourceType && typeof fulfillment.value === "string") {
      const path = fulfillment.value.toLowerCase();
      if (!direct.has(path)) direct.set(path, attribute);
    }
  }
  return filter.replace(/\$\{([^}:]+)(:-[^}]*)?\}/g, (whole, name: string, fallback: string | undefined) => {
    const attribute = direct.get(name.toLowerCase());
    return attribute === undefined ? whole : `\${${attribute}${fallback ?? ""}}`;
  });
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: PingFederate's filter syntax, not JS.
const defaultUserFilter = "uid=${userName}";
// biome-ignore lint/suspicious/noTemplateCurlyInString: PingFederate's filter syntax, not JS.
const defaultGroupFilter = "cn=${displayName}";

const object = (value: unknown): JsonObject | undefined => (isJsonObject(value) ? value : undefined);

/** The placements of one connection's LDAP repository, from its configuration as given. */
export function repositoryPlacement(
  raw: JsonObject,
): (connectionId: string, resourceType: string) => LdapPlacement | undefined {
  const inbound = object(raw.inboundProvisioning);
  const repository = object(inbound?.userRepository);
  const baseDn =
    typeof repository?.baseDn === "string" && repository.baseDn !== "" ? repository.baseDn : undefined;
  const users = object(object(object(inbound?.users)?.writeUsers)?.attributeFulfillment);
  const groups = object(object(object(inbound?.groups)?.writeGroups)?.attributeFulfillment);
  return (connectionId, resourceType) => {
    if (baseDn === undefined) return undefined;
    const own = `${rdnText([["ou", connectionId]])},${baseDn}`;
    if (resourceType === "User") {
      const filter =
        typeof repository?.uniqueUserIdFilter === "string"
          ? repository.uniqueUserIdFilter
          : defaultUserFilter;
      return {
        container: own,
        nameTemplate: entryTemplate(filter, users, "SCIM_USER"),
        objectClasses: ["scimUser"],
      };
    }
    if (resourceType === "Group") {
      const filter =
        typeof repository?.uniqueGroupIdFilter === "string"
          ? repository.uniqueGroupIdFilter
          : defaultGroupFilter;
      return {
        container: `ou=groups,${own}`,
        nameTemplate: entryTemplate(filter, groups, "SCIM_GROUP"),
        objectClasses: ["groupOfNames"],
      };
    }
    return undefined;
  };
}

export type DirectorySettings = Pick<LdapDatastoreConfig, "url" | "bindDn" | "password" | "baseDn">;

/**
 * The server's directory from SCIM_LDAP_URL, SCIM_LDAP_BIND_DN, SCIM_LDAP_PASSWORD and SCIM_LDAP_BASE_DN
 * (the subtree for the store's own entries: settings, and containers of connections without a baseDn);
 * undefined when SCIM_LDAP_URL is unset, and then LDAP repositories use the embedded store.
 */
export function directoryFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): DirectorySettings | undefined {
  const url = env.SCIM_LDAP_URL;
  if (url === undefined || url === "") return undefined;
  return {
    url,
    bindDn: env.SCIM_LDAP_BIND_DN ?? "cn=admin,dc=example,dc=com",
    password: env.SCIM_LDAP_PASSWORD ?? "",
    baseDn: env.SCIM_LDAP_BASE_DN ?? "ou=scim,dc=example,dc=com",
  };
}
