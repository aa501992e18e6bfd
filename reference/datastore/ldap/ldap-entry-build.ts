// The directory attributes of one entry as a whole (what an add writes and what a modify compares
// against), and the uniqueness check that precedes every write of mapped attributes.
//
// Uniqueness (RFC 7643 §2.2 `uniqueness: server`): the RDN makes the naming attribute unique atomically
// in the directory (an add or rename to a taken name fails with entryAlreadyExists, 68). Because the
// directory's equality is not SCIM's (ldap-filter-compiler.ts), every unique attribute is also checked
// before the write by a search that the matcher confirms (by the value's comparison key where the
// directory's equality cannot decide: ldap-value-keys.ts), and a 68 from a name SCIM does not consider
// taken is resolved by naming the entry apart (scimNameTag). The search and the write are two operations,
// so two creates racing with values SCIM calls equal and the directory does not (a different case of a
// non-ASCII userName, or a unique attribute that is not the RDN) could both pass it: a create therefore
// searches again after its add (ldap-unique-after-write.ts), and the search that finds its own entry also
// stands in for reading it back. slapd's `unique` overlay would close the window in the directory, but it
// compares with the directory's matching rules and cannot be scoped to one connection's container without
// configuration per connection.
import { randomBytes } from "node:crypto";
import { type ScimError, uniquenessConflict } from "../../protocol/errors/scim-error.js";
import { compareNode, orNode } from "../../protocol/filter/filter-builders.js";
import type { EntryAttributes, ResourcePlan, Scope, StoreAttribute, StoreFilter } from "../datastore.js";
import { attributeLabel, keysOf, valuesOf } from "../entry-values.js";
import { matchesFilter } from "../memory/memory-filter-matcher.js";
import { storeKey } from "../store-key.js";
import { type DirectoryEntry, emptyMember, readEntry } from "./ldap-entries.js";
import { encodeEntry, type LayoutDocument } from "./ldap-entry-codec.js";
import { and } from "./ldap-filter.js";
import { sameEqualityAsScim } from "./ldap-filter-compiler.js";
import { liveEntries, type StoreParts } from "./ldap-members.js";
import { evaluateNameTemplate, type Rdn } from "./ldap-naming.js";
import { narrowingIn } from "./ldap-query.js";
import type { RawEntry } from "./ldap-raw-entry.js";
import { keyAttribute, valueKeys, valueKeysEnabled } from "./ldap-value-keys.js";

export function planOf(scope: Scope): ResourcePlan {
  const plan = scope.connection.resourceTypes[scope.resourceType];
  if (plan === undefined) {
    throw new Error(`connection ${scope.connection.connectionId} has no resource type ${scope.resourceType}`);
  }
  return plan;
}

export interface EngineFields {
  readonly version: number;
  readonly createKey: string;
  readonly passwordHash: string | undefined;
  /** The members' DNs for a type with members; undefined leaves `member` out of the record. */
  readonly memberDns: readonly string[] | undefined;
}

export interface BuiltEntry {
  /** The RDN the naming template asks for ([] when it cannot name the entry). */
  readonly rdn: Rdn;
  /** Every directory attribute of the entry by type, `objectClass` and the engine's included. */
  readonly record: Readonly<Record<string, string[]>>;
  readonly layout: LayoutDocument;
}

export function buildEntry(
  parts: StoreParts,
  scope: Scope,
  attributes: EntryAttributes,
  engine: EngineFields,
): BuiltEntry {
  const placement = parts.layout.placement(scope.connection.connectionId, scope.resourceType);
  const value = evaluateNameTemplate(placement.template, attributes);
  const encoded = encodeEntry(attributes, {
    schema: parts.directory.schema,
    defaultClasses: placement.objectClasses,
    naming: value === undefined ? undefined : [placement.template.attribute, value],
  });
  const record: Record<string, string[]> = { objectClass: [...encoded.objectClasses] };
  for (const { type, values } of encoded.attributes.values()) record[type] = [...values];
  record.scimVersion = [String(engine.version)];
  record.scimCreated = [engine.createKey];
  record.scimAttributes = [JSON.stringify(encoded.layout)];
  const jsonNames = Object.keys(encoded.layout.json);
  if (jsonNames.length > 0) record.scimJsonAttribute = jsonNames;
  if (engine.passwordHash !== undefined) record.scimPasswordHash = [engine.passwordHash];
  if (engine.memberDns !== undefined) record.member = [emptyMember, ...engine.memberDns];
  if (valueKeysEnabled(parts.directory.schema)) record[keyAttribute] = valueKeys(attributes);
  return { rdn: encoded.rdn === undefined ? [] : [encoded.rdn], record, layout: encoded.layout };
}

/** A random RDN value that names an entry apart from one with the same naming value. */
export function nameTag(): string {
  return randomBytes(6).toString("hex");
}

/** 409 `uniqueness` when a unique attribute's value is held by another live entry of the scope. */
export async function assertUnique(
  parts: StoreParts,
  scope: Scope,
  attributes: EntryAttributes,
  selfId: string | undefined,
): Promise<void> {
  const taken = await uniqueHolder(parts, scope, attributes, (other) => other.id === selfId);
  if (taken !== undefined) throw taken;
}

/**
 * The 409 for the first unique attribute whose value (as SCIM compares it) another live entry of the
 * scope holds, or undefined. `isSelf` picks out the entry being written, which every search of a
 * just-added entry returns too (the narrowing filter is sound: it never drops an entry SCIM matches).
 */
export async function uniqueHolder(
  parts: StoreParts,
  scope: Scope,
  attributes: EntryAttributes,
  isSelf: (other: DirectoryEntry, raw: RawEntry) => boolean,
  skip: (attr: StoreAttribute) => boolean = () => false,
): Promise<ScimError | undefined> {
  const { container } = parts.layout.placement(scope.connection.connectionId, scope.resourceType);
  for (const attr of planOf(scope).unique) {
    if (attr.source !== "entry" || skip(attr)) continue;
    const mine = new Set(keysOf(attributes, attr));
    if (mine.size === 0) continue;
    let filter: StoreFilter | undefined;
    for (const value of valuesOf(attributes, attr)) {
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") continue;
      if (storeKey(value, attr.type, attr.caseExact) === undefined) continue;
      const node = compareNode(attr, "eq", value);
      filter = filter === undefined ? node : orNode(filter, node);
    }
    if (filter === undefined) continue;
    const narrowing = await narrowingIn(parts, container, filter);
    const raws = await parts.directory.search(container, and(liveEntries, narrowing), {
      scope: "one",
      attributes: parts.directory.withoutMembers,
    });
    for (const raw of raws) {
      const other = readEntry(raw, parts.directory.schema);
      if (isSelf(other, raw)) continue;
      const subject = {
        id: other.id,
        meta: { created: other.created, lastModified: other.lastModified, version: other.version },
        attributes: other.attributes,
        members: () => [],
        groups: () => [],
      };
      if (matchesFilter(subject, filter) && keysOf(other.attributes, attr).some((k) => mine.has(k))) {
        return uniquenessConflict(`${attributeLabel(attr)} is already used by another ${scope.resourceType}`);
      }
    }
  }
  return undefined;
}

/**
 * Whether the entry's RDN already keeps `attr` unique, atomically, for these attributes: the RDN is the
 * attribute's one value as it stands, and the directory compares it as SCIM does. A create racing with
 * an equal value then fails its add with entryAlreadyExists (68) instead of passing it.
 */
export function uniqueByName(
  parts: StoreParts,
  scope: Scope,
  attr: StoreAttribute,
  attributes: EntryAttributes,
): boolean {
  const { template } = parts.layout.placement(scope.connection.connectionId, scope.resourceType);
  const [part, ...more] = template.parts;
  if (part?.kind !== "attr" || more.length > 0 || part.name !== attr.name || attr.subPath !== undefined) {
    return false;
  }
  const value = attributes[attr.name];
  const at = parts.directory.schema.attribute(template.attribute);
  return typeof value === "string" && at !== undefined && sameEqualityAsScim(attr, at, value);
}
