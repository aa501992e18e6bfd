// Group membership writes (RFC 7643 §4.2 `members`, RFC 7644 §3.5.2): single-value modifications of
// `member`, O(changed members), where whether a DN is listed is asked with compare (RFC 4511 §4.10) and
// never by reading the member list; and keeping `member` DNs right when an entry is renamed or deleted.
// That is done here, synchronously, rather than by slapd's refint overlay: refint updates groups
// asynchronously after the operation, without the version increment every group that lost a member must
// get (datastore.ts `delete`), and would race with these modifies. Entries renamed or deleted by other
// directory tools leave stale DNs, which member lists skip.
import type { Change } from "ldapts";
import type { MemberRef, Scope } from "../datastore.js";
import { change } from "./ldap-driver.js";
import { type DirectoryEntry, readEntry } from "./ldap-entries.js";
import { ldapResultCode } from "./ldap-error-map.js";
import { equality } from "./ldap-filter.js";
import { entriesById, groupsListing, memberDnsOf, type StoreParts } from "./ldap-members.js";
import { dnKey } from "./ldap-naming.js";

const maxAttempts = 8;

export const versionIs = (version: number) => equality("scimVersion", String(version));

export function dedupeDns(dns: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const dn of dns) if (!seen.has(dnKey(dn))) seen.set(dnKey(dn), dn);
  return [...seen.values()];
}

/** Single-value member changes for add/remove (RFC 7644 §3.5.2.1, §3.5.2.2), asked with compare. */
export async function memberDelta(
  parts: StoreParts,
  scope: Scope,
  group: DirectoryEntry,
  add: readonly MemberRef[],
  remove: readonly string[],
): Promise<Change[]> {
  const addDns = dedupeDns(await memberDnsOf(parts, scope.connection, add));
  const removeDns = await existingDns(parts, scope, remove);
  const removing = new Set(removeDns.map(dnKey));
  const listed = async (dn: string) => parts.directory.compare(group.dn, "member", dn);
  const toAdd: string[] = [];
  for (const dn of addDns) if (!removing.has(dnKey(dn)) && !(await listed(dn))) toAdd.push(dn);
  const toDelete: string[] = [];
  for (const dn of removeDns) if (await listed(dn)) toDelete.push(dn);
  const changes: Change[] = [];
  if (toAdd.length > 0) changes.push(change("add", "member", toAdd));
  if (toDelete.length > 0) changes.push(change("delete", "member", toDelete));
  return changes;
}

/** DNs of the ids that name live entries of the connection (members may be users or groups). */
export async function existingDns(
  parts: StoreParts,
  scope: Scope,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const dns: string[] = [];
  for (const type of Object.keys(scope.connection.resourceTypes)) {
    const found = await entriesById(parts, scope.connection.connectionId, type, ids, [
      "entryUUID",
      "scimCreated",
    ]);
    dns.push(...found.map((e) => e.dn));
  }
  return dns;
}

/** Points every group that lists `from` at `to`: the members are the same, so no version changes. */
export async function followRename(parts: StoreParts, scope: Scope, from: string, to: string): Promise<void> {
  for (const { entry: group } of await groupsListing(parts, scope.connection, [from])) {
    try {
      await parts.directory.modify(group.dn, [
        change("delete", "member", [from]),
        change("add", "member", [to]),
      ]);
    } catch (error) {
      const code = ldapResultCode(error);
      if (code !== 16 && code !== 20 && code !== 32) throw error; // changed meanwhile: nothing to follow
    }
  }
}

/** Removes a DN from every group of the connection that lists it, bumping each group's version. */
export async function removeFromGroups(parts: StoreParts, scope: Scope, dn: string): Promise<void> {
  for (const { entry: group } of await groupsListing(parts, scope.connection, [dn])) {
    let current: DirectoryEntry | undefined = group;
    for (let attempt = 0; current !== undefined && attempt < maxAttempts; attempt++) {
      try {
        await parts.directory.modify(
          current.dn,
          [change("delete", "member", [dn]), change("replace", "scimVersion", [String(current.version + 1)])],
          versionIs(current.version),
        );
        break;
      } catch (error) {
        const code = ldapResultCode(error);
        if (code === 16 || code === 32) break; // already gone: someone else removed it
        if (code !== 122) throw error;
        const raw = await parts.directory.read(current.dn, parts.directory.withoutMembers);
        current = raw === undefined ? undefined : readEntry(raw, parts.directory.schema);
      }
    }
  }
}
