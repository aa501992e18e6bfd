// Group membership in the directory: a group is a `groupOfNames` whose `member` values are the DNs of its
// members (RFC 4519 §3.5), users and groups alike. groupOfNames requires at least one member, yet a SCIM
// Group may be empty (RFC 7643 §4.2 makes `members` optional), so every group carries the empty DN as a
// placeholder member: the empty DN names the root DSE (RFC 4512 §5.1), which is never a user or a group,
// and with it present no add or remove ever has to know whether it empties the group. A member's groups
// (RFC 7643 §4.1.2) are found by searching `(member=<dn>)` upwards, one query per level of nesting.
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { ConnectionPlan, GroupRef, MemberRef, ResolvedMember } from "../datastore.js";
import { displayOf } from "../entry-values.js";
import type { LdapDirectory } from "./ldap-directory.js";
import { type DirectoryEntry, readEntry } from "./ldap-entries.js";
import { and, equality, type LdapFilter, not, or } from "./ldap-filter.js";
import type { Layout } from "./ldap-layout.js";
import { containerKey, dnKey, parentDn } from "./ldap-naming.js";

export interface StoreParts {
  readonly directory: LdapDirectory;
  readonly layout: Layout;
  /** Gives a container's older entries their scimKey values before a search relies on them. */
  readonly keys: KeyBackfill;
}

/** What the store asks of ldap-key-backfill.ts, declared here so that this file need not import it. */
export interface KeyBackfill {
  /** Resolves once every live entry of the container holds its attribute keys. */
  ready(parts: StoreParts, container: string): Promise<void>;
  /** Whether every live entry of the container also holds its complex members' keys (known after `ready`). */
  memberKeys(container: string): boolean;
  /** Resolves when every pass started so far has ended. */
  settled(): Promise<void>;
  /** Ends the passes running behind the searches at their next entry, before the connection closes. */
  stop(): Promise<void>;
}

/** Entries this store manages and has not disabled (PingFederate DISABLE_USER hides them everywhere). */
export const liveEntries: LdapFilter = and(
  equality("objectClass", "scimEntry"),
  not(equality("scimDisabled", "TRUE")),
);

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** entryUUIDs are lower-case (RFC 4530 §2.1 with slapd's output); a SCIM id is compared exactly. */
export function isEntryId(id: string): boolean {
  return uuidPattern.test(id);
}

export interface TypedEntry {
  readonly resourceType: string;
  readonly entry: DirectoryEntry;
}

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

/** Live entries of one connection and type with the given ids (any that exist). */
export async function entriesById(
  parts: StoreParts,
  connectionId: string,
  resourceType: string,
  ids: readonly string[],
  attributes: readonly string[] = parts.directory.withoutMembers,
): Promise<DirectoryEntry[]> {
  const wanted = [...new Set(ids.filter(isEntryId))];
  if (wanted.length === 0) return [];
  const { container } = parts.layout.placement(connectionId, resourceType);
  const found: DirectoryEntry[] = [];
  for (const ids100 of chunk(wanted, 100)) {
    const filter = and(liveEntries, or(...ids100.map((id) => equality("entryUUID", id))));
    const raws = await parts.directory.search(container, filter, { scope: "one", attributes });
    for (const raw of raws) {
      const entry = readEntry(raw, parts.directory.schema);
      if (wanted.includes(entry.id)) found.push(entry);
    }
  }
  return found;
}

/**
 * The DNs of member references, in order; a reference to nothing in this connection, or to an entry of
 * another type than it says, is 400 invalidValue naming it (RFC 7644 §3.5.2).
 */
export async function memberDnsOf(
  parts: StoreParts,
  connection: ConnectionPlan,
  refs: readonly MemberRef[],
): Promise<string[]> {
  const byId = new Map<string, string>();
  const types = [...new Set(refs.map((r) => r.type))];
  for (const type of types) {
    if (connection.resourceTypes[type] === undefined) continue;
    const ids = refs.filter((r) => r.type === type).map((r) => r.value);
    for (const entry of await entriesById(parts, connection.connectionId, type, ids, [
      "entryUUID",
      "scimCreated",
    ])) {
      byId.set(`${type}\u0000${entry.id}`, entry.dn);
    }
  }
  return refs.map((ref) => {
    const dn = byId.get(`${ref.type}\u0000${ref.value}`);
    if (dn === undefined) {
      throw badRequest(
        "invalidValue",
        `member "${ref.value}" is not an existing ${ref.type} of this connection`,
      );
    }
    return dn;
  });
}

/** Which of the connection's resource types a DN's container belongs to. */
function containerTypes(parts: StoreParts, connection: ConnectionPlan): Map<string, string> {
  const types = new Map<string, string>();
  for (const type of Object.keys(connection.resourceTypes)) {
    types.set(containerKey(parts.layout.placement(connection.connectionId, type).container), type);
  }
  return types;
}

/** The live entries that DNs name within this connection, with their resource types; others are dropped. */
export async function entriesByDn(
  parts: StoreParts,
  connection: ConnectionPlan,
  dns: readonly string[],
): Promise<TypedEntry[]> {
  const types = containerTypes(parts, connection);
  const byContainer = new Map<string, string[]>();
  for (const dn of new Set(dns)) {
    const container = containerKey(parentDn(dn));
    if (!types.has(container)) continue;
    byContainer.set(container, [...(byContainer.get(container) ?? []), dn]);
  }
  const found: TypedEntry[] = [];
  for (const [container, members] of byContainer) {
    const resourceType = types.get(container) as string;
    const base = parts.layout.placement(connection.connectionId, resourceType).container;
    for (const dns100 of chunk(members, 100)) {
      const filter = and(liveEntries, or(...dns100.map((dn) => equality("entryDN", dn))));
      for (const raw of await parts.directory.search(base, filter, {
        scope: "one",
        attributes: parts.directory.withoutMembers,
      })) {
        found.push({ resourceType, entry: readEntry(raw, parts.directory.schema) });
      }
    }
  }
  return found;
}

/** Creation order: the datastore contract's order of members and groups. */
export function byCreation(a: DirectoryEntry, b: DirectoryEntry): number {
  return a.createKey < b.createKey
    ? -1
    : a.createKey > b.createKey
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;
}

/** A group's members with value, type and display, in creation order (unresolvable DNs are skipped). */
export async function resolveMembers(
  parts: StoreParts,
  connection: ConnectionPlan,
  group: DirectoryEntry,
): Promise<ResolvedMember[]> {
  return (await resolveMembersOfGroups(parts, connection, [group]))[0] ?? [];
}

/**
 * The members of several groups (a page of a listing), read with one search per 100 distinct member DNs
 * rather than one per group: a page of 100 groups was 100 sequential searches, and GET /Groups answered
 * in over 600 ms on a loaded machine (Okta's SPEC test bound, interop.okta.groups-response-time).
 */
export async function resolveMembersOfGroups(
  parts: StoreParts,
  connection: ConnectionPlan,
  groups: readonly DirectoryEntry[],
): Promise<ResolvedMember[][]> {
  const found = await entriesByDn(
    parts,
    connection,
    groups.flatMap((g) => g.memberDns),
  );
  const byDn = new Map(found.map((f) => [dnKey(f.entry.dn), f]));
  return groups.map((group) => {
    const members: TypedEntry[] = [];
    const seen = new Set<string>();
    for (const dn of group.memberDns) {
      const key = dnKey(dn);
      const member = byDn.get(key);
      if (member === undefined || seen.has(key)) continue;
      seen.add(key);
      members.push(member);
    }
    return members
      .sort((x, y) => byCreation(x.entry, y.entry))
      .map(({ resourceType, entry }) => ({
        value: entry.id,
        type: resourceType,
        display: displayOf(entry.attributes, connection.resourceTypes[resourceType]),
      }));
  });
}

/** Types of the connection whose entries carry members (Groups). */
export function groupTypes(connection: ConnectionPlan): string[] {
  return Object.entries(connection.resourceTypes)
    .filter(([, plan]) => plan.hasMembers)
    .map(([type]) => type);
}

/** Live groups of the connection that list any of the DNs directly. */
export async function groupsListing(
  parts: StoreParts,
  connection: ConnectionPlan,
  memberDns: readonly string[],
): Promise<TypedEntry[]> {
  const found: TypedEntry[] = [];
  for (const type of groupTypes(connection)) {
    const { container } = parts.layout.placement(connection.connectionId, type);
    for (const dns100 of chunk(memberDns, 100)) {
      const filter = and(liveEntries, or(...dns100.map((dn) => equality("member", dn))));
      const raws = await parts.directory.search(container, filter, {
        scope: "one",
        attributes: parts.directory.withoutMembers,
      });
      for (const raw of raws)
        found.push({ resourceType: type, entry: readEntry(raw, parts.directory.schema) });
    }
  }
  return found;
}

/** Direct groups, then every group reachable through them, each once (cycles end), in creation order. */
export async function groupsOfDn(
  parts: StoreParts,
  connection: ConnectionPlan,
  memberDn: string,
): Promise<GroupRef[]> {
  const direct = await groupsListing(parts, connection, [memberDn]);
  const seen = new Map<string, TypedEntry>(direct.map((g) => [g.entry.id, g]));
  let frontier = direct.map((g) => g.entry.dn);
  while (frontier.length > 0) {
    const parents = await groupsListing(parts, connection, frontier);
    frontier = [];
    for (const parent of parents) {
      if (seen.has(parent.entry.id)) continue;
      seen.set(parent.entry.id, parent);
      frontier.push(parent.entry.dn);
    }
  }
  const directIds = new Set(direct.map((g) => g.entry.id));
  return [...seen.values()]
    .sort((x, y) => byCreation(x.entry, y.entry))
    .map(({ resourceType, entry }) => ({
      value: entry.id,
      display: displayOf(entry.attributes, connection.resourceTypes[resourceType]),
      type: directIds.has(entry.id) ? "direct" : "indirect",
    }));
}
