// An update as directory operations (the rules every write follows are in ldap-writes.ts): the entry is
// read, its unique values checked, then renamed if its naming value changed and modified, each write
// asserting the version it read. A rename comes before the attribute modify and is undone if the modify
// fails; a reader between the two sees the new name with the old attributes. An update that takes a new
// unique value searches again after its writes and undoes them when a racing write got the value in
// (ldap-unique-after-write.ts).
import type { Change } from "ldapts";
import { notFound, preconditionFailed } from "../../protocol/errors/scim-error.js";
import type {
  EntryAttributes,
  EntryChange,
  NewEntry,
  Scope,
  StoreAttribute,
  StoredEntry,
  WriteOptions,
} from "../datastore.js";
import { keysOf } from "../entry-values.js";
import { change, inverse } from "./ldap-driver.js";
import { type DirectoryEntry, readEntry } from "./ldap-entries.js";
import {
  assertUnique,
  type BuiltEntry,
  buildEntry,
  nameTag,
  planOf,
  uniqueByName,
} from "./ldap-entry-build.js";
import { ldapResultCode } from "./ldap-error-map.js";
import { dedupeDns, existingDns, followRename, memberDelta, versionIs } from "./ldap-member-writes.js";
import { memberDnsOf, type StoreParts } from "./ldap-members.js";
import { baseRdn, dnKey, isNamedApart, parentDn, parseDn, type Rdn, rdnText } from "./ldap-naming.js";
import { storedEntry } from "./ldap-query.js";
import { texts } from "./ldap-raw-entry.js";
import { uniqueAfterWrite } from "./ldap-unique-after-write.js";
import { valueKeys } from "./ldap-value-keys.js";
import { assertMembersAllowed, findLive, maxAttempts, readBack } from "./ldap-writes.js";

function sameRdn(a: Rdn, b: Rdn): boolean {
  return (
    a.length === b.length &&
    a.every(([t, v], i) => t.toLowerCase() === b[i]?.[0].toLowerCase() && v === b[i]?.[1])
  );
}

/** The changes that turn the current directory attributes into the built ones (RDN tag untouched). */
function diff(current: DirectoryEntry, built: BuiltEntry, parts: StoreParts, keepMembers: boolean): Change[] {
  const { schema } = parts.directory;
  const changes: Change[] = [];
  const currentByKey = new Map<string, string[]>();
  for (const [name, value] of Object.entries(current.raw)) {
    // ldapts lists every requested attribute, with no values when the entry has none.
    if (name !== "dn" && texts(value).length > 0) currentByKey.set(schema.canonical(name), texts(value));
  }
  const wanted = new Set<string>();
  for (const [type, values] of Object.entries(built.record)) {
    const key = schema.canonical(type);
    wanted.add(key);
    if (key === "member" && keepMembers) continue;
    // scimKey is not read back: the stored keys are those of the stored attributes (ldap-value-keys.ts).
    const now = key === "scimkey" ? valueKeys(current.attributes) : (currentByKey.get(key) ?? []);
    const same =
      key === "objectclass"
        ? new Set(now.map((c) => c.toLowerCase())).size ===
            new Set(values.map((c) => c.toLowerCase())).size &&
          values.every((c) => now.some((n) => n.toLowerCase() === c.toLowerCase()))
        : now.length === values.length && now.every((v, i) => v === values[i]);
    if (!same) changes.push(change("replace", type, values));
  }
  for (const key of currentByKey.keys()) {
    if (wanted.has(key) || key === "scimnametag" || key === "scimkey" || (key === "member" && keepMembers)) {
      continue;
    }
    const at = schema.attribute(key);
    if (at === undefined || at.operational) continue;
    changes.push(change("replace", at.name, []));
  }
  return changes;
}

export async function updateEntry(
  parts: StoreParts,
  scope: Scope,
  id: string,
  update: EntryChange,
  options: WriteOptions,
): Promise<StoredEntry> {
  const members = update.members;
  if (members !== undefined) assertMembersAllowed(scope, [...(members.replaceAll ?? []), ...members.add]);
  const plan = planOf(scope);
  const { container } = parts.layout.placement(scope.connection.connectionId, scope.resourceType);
  // Undoing an update that lost a uniqueness race restores a replaced member list: read it first.
  const oldMembers =
    plan.hasMembers &&
    members?.replaceAll !== undefined &&
    update.attributes !== undefined &&
    plan.unique.length > 0;
  for (let attempt = 0; ; attempt++) {
    const current = await findLive(parts, scope, id, oldMembers);
    if (current === undefined) throw notFound(`${scope.resourceType} ${id} not found`);
    if (options.ifVersion !== undefined && options.ifVersion !== current.version) {
      throw preconditionFailed(
        `${scope.resourceType} ${id} is at version ${current.version}, not ${options.ifVersion}`,
      );
    }
    const attributes = update.attributes ?? current.attributes;
    const claimed =
      update.attributes === undefined ? [] : claimedUnique(scope, current.attributes, attributes);
    if (update.attributes !== undefined) await assertUnique(parts, scope, attributes, id);
    let memberDns: string[] | undefined;
    let memberChanges: Change[] = [];
    if (members !== undefined && plan.hasMembers) {
      if (members.replaceAll !== undefined) {
        const wanted = dedupeDns(
          await memberDnsOf(parts, scope.connection, [...members.replaceAll, ...members.add]),
        );
        const removing = new Set((await existingDns(parts, scope, members.remove)).map(dnKey));
        memberDns = wanted.filter((dn) => !removing.has(dnKey(dn)));
      } else {
        memberChanges = await memberDelta(parts, scope, current, members.add, members.remove);
      }
    }
    const passwordHash =
      update.passwordHash === undefined ? current.passwordHash : (update.passwordHash ?? undefined);
    const built = buildEntry(parts, scope, attributes, {
      version: current.version + 1,
      createKey: current.createKey,
      passwordHash,
      memberDns: plan.hasMembers ? (memberDns ?? current.memberDns) : undefined,
    });
    const assertion = versionIs(current.version);
    let dn = current.dn;
    const oldRdn = parseDn(current.dn)[0] ?? [];
    try {
      if (!sameRdn(baseRdn(current.dn), built.rdn) && built.rdn.length > 0) {
        dn = await rename(parts, scope, current, built.rdn, container, attributes);
      }
    } catch (error) {
      if (ldapResultCode(error) === 122 && options.ifVersion === undefined && attempt < maxAttempts) continue;
      throw error;
    }
    const changes = [...diff(current, built, parts, memberDns === undefined), ...memberChanges];
    try {
      await parts.directory.modify(dn, changes, assertion);
    } catch (error) {
      if (dn !== current.dn) {
        await parts.directory.rename(dn, rdnText(oldRdn)).catch((undo: unknown) => {
          parts.directory.logger.warn({ err: undo, dn }, "could not undo a rename after a failed modify");
        });
      }
      if (ldapResultCode(error) === 122 && options.ifVersion === undefined && attempt < maxAttempts) continue;
      throw error;
    }
    let self: DirectoryEntry | undefined;
    if (claimed.length > 0) {
      // The search after the write (ldap-unique-after-write.ts), for the values this update newly holds,
      // but not one its new RDN decides: a rename to a taken name failed with 68 instead.
      const named = !isNamedApart(dn);
      const skip = (attr: StoreAttribute) =>
        !claimed.includes(attr) || (named && uniqueByName(parts, scope, attr, attributes));
      const isSelf = (other: DirectoryEntry) => other.id === current.id;
      const after = await uniqueAfterWrite(parts, scope, attributes, isSelf, skip, "update");
      if (after.taken !== undefined) {
        const undo = await undoUpdate(parts, scope, current, dn, memberDns, memberChanges);
        if (undo.undone) throw after.taken;
        dn = undo.at; // answered as done, where the entry now is
      }
      self = after.taken === undefined ? after.self : undefined;
    }
    if (dn !== current.dn) await followRename(parts, scope, current.dn, dn);
    return self === undefined
      ? readBack(parts, dn, scope.resourceType)
      : storedEntry(self, scope.resourceType);
  }
}

/** The unique attributes for which the update holds a value (as SCIM compares it) the entry did not. */
function claimedUnique(scope: Scope, before: EntryAttributes, after: EntryAttributes): StoreAttribute[] {
  return planOf(scope).unique.filter((attr) => {
    if (attr.source !== "entry") return false;
    const held = new Set(keysOf(before, attr));
    return keysOf(after, attr).some((key) => !held.has(key));
  });
}

/**
 * Undoes an update that lost a uniqueness race, in the reverse order of its writes: the rename back (to
 * the old name, or named apart when a create took it meanwhile), then the old attributes, password hash
 * and members at version N+2, asserting N+1. Not undone when another write came in between (assertion
 * failed): that writer saw this update's values and built on them, so they stay, and the update is
 * answered as done, with the entry where it is then (back at its old name if only the modify lost); the
 * duplicate value is logged.
 */
async function undoUpdate(
  parts: StoreParts,
  scope: Scope,
  current: DirectoryEntry,
  dn: string,
  replacedMembers: string[] | undefined,
  memberChanges: readonly Change[],
): Promise<{ readonly undone: boolean; readonly at: string }> {
  const { directory } = parts;
  const raw = await directory.read(dn, directory.withoutMembers);
  if (raw === undefined) return { undone: true, at: dn }; // deleted meanwhile: nothing of the update is left
  const written = readEntry(raw, directory.schema);
  const assertion = versionIs(current.version + 1);
  let at = dn;
  try {
    if (dn !== current.dn) {
      const back = parseDn(current.dn)[0] ?? [];
      try {
        await directory.rename(dn, rdnText(back), assertion);
        at = current.dn;
      } catch (error) {
        if (ldapResultCode(error) !== 68) throw error;
        const apart: Rdn = [...baseRdn(current.dn), ["scimNameTag", nameTag()]];
        await directory.rename(dn, rdnText(apart), assertion);
        at = `${rdnText(apart)},${parentDn(current.dn)}`;
      }
    }
    const plan = planOf(scope);
    const old = buildEntry(parts, scope, current.attributes, {
      version: current.version + 2,
      createKey: current.createKey,
      passwordHash: current.passwordHash,
      memberDns: plan.hasMembers && replacedMembers !== undefined ? current.memberDns : undefined,
    });
    const changes = [
      ...diff(written, old, parts, replacedMembers === undefined),
      ...memberChanges.map(inverse),
    ];
    await directory.modify(at, changes, assertion);
    if (at !== current.dn) await followRename(parts, scope, current.dn, at);
    return { undone: true, at };
  } catch (error) {
    if (ldapResultCode(error) !== 122) throw error;
    directory.logger.warn(
      { resourceType: scope.resourceType, id: current.id },
      "an update that lost a uniqueness race was not undone: another write came first; a unique value may be held twice",
    );
    return { undone: false, at };
  }
}

/** Renames to the wanted RDN, or to it plus a name tag when the directory folds it onto another entry. */
async function rename(
  parts: StoreParts,
  scope: Scope,
  current: DirectoryEntry,
  rdn: Rdn,
  container: string,
  attributes: NewEntry["attributes"],
): Promise<string> {
  const assertion = versionIs(current.version);
  const plain = `${rdnText(rdn)},${container}`;
  // A re-cased value is renamed too: slapd accepts a new spelling of the same name, and where its fold and
  // JavaScript's differ (uid=İlker, uid=i̇lker) only the directory knows whether the name is the same.
  try {
    await parts.directory.rename(current.dn, rdnText(rdn), assertion);
    return plain;
  } catch (error) {
    if (ldapResultCode(error) !== 68) throw error;
  }
  await assertUnique(parts, scope, attributes, current.id);
  const tagged: Rdn = [...rdn, ["scimNameTag", nameTag()]];
  await parts.directory.rename(current.dn, rdnText(tagged), assertion);
  return `${rdnText(tagged)},${container}`;
}
