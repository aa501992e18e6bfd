// SCIM's comparison keys of an entry's text values, kept in the directory (scimKey, fixtures/ldap/scim.schema)
// so that a case-insensitive `eq` is one exact, indexed search. The directory's own equality on a
// case-ignoring attribute follows RFC 4518 (NFKC, its own older case tables), which agrees with SCIM's
// fold (compare-values.ts `foldCase`) only for plain ASCII (ldap-filter-compiler.ts); without these keys a
// non-ASCII `userName eq "Zoë"`, or the uniqueness check of a create or rename to it, could only be
// narrowed to every entry holding userName, and past the candidate bound (10,000 by default) it was
// refused with 400 tooMany. A key is the attribute's name and the value's fold, compared byte for byte
// (octetStringMatch), so the search finds exactly the entries SCIM calls equal and the matcher confirms.
//
// Every top-level text value gets a key, whatever the connection's mapping says of its type or case
// sensitivity: the keys then depend on the stored attributes only, and a mapping that changes later
// (an attribute made case-insensitive or unique) finds them already written. A marker value says an
// entry has its keys; entries written before the attribute existed, or by an older server, lack it and
// are given their keys once per container and process before the first search that relies on them
// (ldap-key-backfill.ts).
import type { EntryAttributes } from "../datastore.js";
import { storeKey } from "../store-key.js";
import type { DirectorySchema } from "./ldap-directory-schema.js";

export const keyAttribute = "scimKey";
/** The value every keyed entry holds: its keys are those of its attributes, in this format (1). */
export const keysMarker = "scim-keys:1";

/**
 * Whether the directory's schema has scimKey and lets the store's entries hold it (scimEntry's MAY): an
 * older fixtures/ldap/scim.schema has neither, and a write of keys the class refuses would fail.
 */
export function valueKeysEnabled(schema: DirectorySchema): boolean {
  let enabled = enabledBySchema.get(schema);
  if (enabled === undefined) {
    enabled =
      schema.attribute(keyAttribute) !== undefined &&
      schema.attributesOf(["scimEntry"]).may.has(schema.canonical(keyAttribute));
    enabledBySchema.set(schema, enabled);
  }
  return enabled;
}

/** Asked on every write and search; a directory's schema is read once, when the store opens. */
const enabledBySchema = new WeakMap<DirectorySchema, boolean>();

/** The key of one text value of the attribute `name` (JSON, so no name or value can fake another's). */
export function valueKey(name: string, value: string): string {
  return JSON.stringify([name, storeKey(value, "string", false)]);
}

/** The entry's keys: one per distinct top-level text value, or element of a list, and the marker. */
export function valueKeys(attributes: EntryAttributes): string[] {
  const keys = new Set<string>();
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "string") keys.add(valueKey(name, value));
    else if (Array.isArray(value)) {
      for (const element of value) if (typeof element === "string") keys.add(valueKey(name, element));
    }
  }
  return [keysMarker, ...[...keys].sort()];
}
