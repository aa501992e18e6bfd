// Create and delete as directory operations, and what an update shares with them (ldap-update.ts). LDAP
// has no transactions this adapter can use (slapd 2.5 accepts RFC 5805 transactions, but an add inside
// one is invisible and has no entryUUID until the commit, so a create could not return its id), so each
// method is made of single operations that are atomic on their own, checked in the right order:
// - everything that can refuse a write (uniqueness, member references) is checked before the first one;
//   a write that took a new unique value checks again after it and undoes it when a racing write got the
//   same value in (ldap-unique-after-write.ts): a create removes its entry (confirmCreated), an update
//   renames and modifies back (ldap-update.ts);
// - every write to an entry carries the Assertion control `(scimVersion=N)` (RFC 4528) and sets
//   scimVersion to N+1, so concurrent writers never lose an update: the one that lost the race gets
//   assertionFailed (122), which is 412 under If-Match (RFC 7644 §3.14) and a re-read and retry without;
// - group membership changes and member DNs that follow renames and deletes: ldap-member-writes.ts.
import { badRequest, notFound, preconditionFailed } from "../../protocol/errors/scim-error.js";
import type {
  DeleteMode,
  MemberRef,
  NewEntry,
  Scope,
  StoreAttribute,
  StoredEntry,
  WriteOptions,
} from "../datastore.js";
import { change } from "./ldap-driver.js";
import { type DirectoryEntry, nextCreateKey, readEntry } from "./ldap-entries.js";
import { assertUnique, buildEntry, nameTag, planOf, uniqueByName } from "./ldap-entry-build.js";
import { ldapResultCode, translateLdapError } from "./ldap-error-map.js";
import { dedupeDns, removeFromGroups, versionIs } from "./ldap-member-writes.js";
import { entriesById, memberDnsOf, type StoreParts } from "./ldap-members.js";
import { baseRdn, type Rdn, rdnText } from "./ldap-naming.js";
import { storedEntry } from "./ldap-query.js";
import { uniqueAfterWrite } from "./ldap-unique-after-write.js";

export const maxAttempts = 8;

export function assertMembersAllowed(scope: Scope, refs: readonly MemberRef[]): void {
  if (refs.length > 0 && !planOf(scope).hasMembers) {
    throw badRequest("invalidValue", `${scope.resourceType} resources have no members`);
  }
}

/** The live entry with this id in the scope; its member list only when asked for. */
export async function findLive(
  parts: StoreParts,
  scope: Scope,
  id: string,
  members = false,
): Promise<DirectoryEntry | undefined> {
  const attributes = members ? parts.directory.withMembers : parts.directory.withoutMembers;
  const [entry] = await entriesById(
    parts,
    scope.connection.connectionId,
    scope.resourceType,
    [id],
    attributes,
  );
  return entry;
}

export async function readBack(parts: StoreParts, dn: string, resourceType: string): Promise<StoredEntry> {
  const raw = await parts.directory.read(dn, parts.directory.withoutMembers);
  if (raw === undefined) throw notFound(`${resourceType} was removed while it was being written`);
  return storedEntry(readEntry(raw, parts.directory.schema), resourceType);
}

/**
 * A create's search after its add (ldap-unique-after-write.ts): when a racing create got one of its unique
 * values in too, this create removes its entry and answers 409, so no value stays held twice.
 */
async function confirmCreated(
  parts: StoreParts,
  scope: Scope,
  attributes: NewEntry["attributes"],
  written: { readonly dn: string; readonly createKey: string; readonly tagged: boolean },
): Promise<StoredEntry> {
  const { dn, createKey, tagged } = written;
  // The add itself kept a value unique that its RDN decides: no second search. Not when the entry was
  // named apart: a racing create of the same value would be named apart too.
  const skip = (attr: StoreAttribute) => !tagged && uniqueByName(parts, scope, attr, attributes);
  const isSelf = (other: DirectoryEntry) => other.createKey === createKey;
  const { taken, self } = await uniqueAfterWrite(parts, scope, attributes, isSelf, skip, "create");
  if (taken !== undefined) {
    await parts.directory.del(dn);
    throw taken;
  }
  return self === undefined ? readBack(parts, dn, scope.resourceType) : storedEntry(self, scope.resourceType);
}

export async function createEntry(parts: StoreParts, scope: Scope, entry: NewEntry): Promise<StoredEntry> {
  assertMembersAllowed(scope, entry.members ?? []);
  const placement = parts.layout.placement(scope.connection.connectionId, scope.resourceType);
  await parts.layout.ensure(placement.container);
  await assertUnique(parts, scope, entry.attributes, undefined);
  const memberDns = planOf(scope).hasMembers
    ? dedupeDns(await memberDnsOf(parts, scope.connection, entry.members ?? []))
    : undefined;
  const createKey = nextCreateKey();
  const built = buildEntry(parts, scope, entry.attributes, {
    version: 1,
    createKey,
    passwordHash: entry.passwordHash,
    memberDns,
  });
  for (let attempt = 0; ; attempt++) {
    const tagged = attempt > 0 || built.rdn.length === 0;
    const tag = nameTag();
    const rdn: Rdn = tagged ? [...built.rdn, ["scimNameTag", tag]] : built.rdn;
    const dn = `${rdnText(rdn)},${placement.container}`;
    const record = tagged ? { ...built.record, scimNameTag: [tag] } : built.record;
    try {
      await parts.directory.add(dn, record);
      return await confirmCreated(parts, scope, entry.attributes, { dn, createKey, tagged });
    } catch (error) {
      if (ldapResultCode(error) !== 68 || attempt >= 3) throw error;
      // The name is taken. If SCIM agrees the value is taken (a concurrent create won), that is 409;
      // otherwise the directory merely folds two different values together: name this entry apart.
      await assertUnique(parts, scope, entry.attributes, undefined);
    }
  }
}

export async function deleteEntry(
  parts: StoreParts,
  scope: Scope,
  id: string,
  mode: DeleteMode,
  options: WriteOptions,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = await findLive(parts, scope, id);
    if (current === undefined) throw notFound(`${scope.resourceType} ${id} not found`);
    if (options.ifVersion !== undefined && options.ifVersion !== current.version) {
      throw preconditionFailed(
        `${scope.resourceType} ${id} is at version ${current.version}, not ${options.ifVersion}`,
      );
    }
    try {
      if (mode === "delete") {
        await parts.directory.del(current.dn, versionIs(current.version));
      } else {
        // PingFederate DISABLE_USER: hidden at once by scimDisabled, then renamed so that its name is free
        // for a new entry (the old RDN stays part of the new one, so no value is lost).
        await parts.directory.modify(
          current.dn,
          [
            change("replace", "scimDisabled", ["TRUE"]),
            change("replace", "scimVersion", [String(current.version + 1)]),
          ],
          versionIs(current.version),
        );
      }
    } catch (error) {
      if (ldapResultCode(error) === 122 && options.ifVersion === undefined && attempt < maxAttempts) continue;
      throw error;
    }
    await removeFromGroups(parts, scope, current.dn);
    if (mode === "disable") {
      const rdn: Rdn = [...baseRdn(current.dn), ["scimNameTag", `disabled-${current.id}`]];
      await parts.directory.rename(current.dn, rdnText(rdn)).catch((error: unknown) => {
        // The entry is hidden already; a later create with the same name is named apart instead.
        parts.directory.logger.warn({ err: translateLdapError(error), id }, "a disabled entry kept its name");
      });
    }
    return;
  }
}
