// SCIM's comparison keys of an entry's text values, kept in the directory (scimKey, fixtures/ldap/scim.schema)
// so that a case-insensitive `eq` is one exact, indexed search. The directory's own equality on a
// case-ignoring attribute follows RFC 4518 (NFKC, its own older case tables), which agrees with SCIM's
// fold (compare-values.ts `foldCase`) only for plain ASCII (ldap-filter-compiler.ts); without these keys a
// non-ASCII `userName eq "Zoë"`, or the uniqueness check of a create or rename to it, could only be
// narrowed to every entry holding userName, and past the candidate bound (10,000 by default) it was
// refused with 400 tooMany. A key is the attribute's name and the value's fold, compared byte for byte
// (octetStringMatch), so the search finds exactly the entries SCIM calls equal and the matcher confirms.
// A text member of a complex value (scimEmails' `value`) gets the key ["name","member","fold"], so that
// `emails.value eq "…"` on a complex attribute kept whole is one exact search too, where it narrowed to
// every entry holding the attribute.
//
// Every text value gets a key, whatever the connection's mapping says of its type or case sensitivity:
// the keys then depend on the stored attributes only, and a mapping that changes later (an attribute
// made case-insensitive or unique) finds them already written. A marker value says an entry has its keys
// in this format. Entries written before the attribute existed, or by an older server, lack it and are
// given their keys once per container and process (ldap-key-backfill.ts): entries without keys before
// the first search that relies on them, entries of format 1 ("scim-keys:1", without member keys) behind
// the searches.
import type { EntryAttributes, EntryValue } from "../datastore.js";
import { isEntryObject } from "../entry-values.js";
import { storeKey } from "../store-key.js";
import type { DirectorySchema } from "./ldap-directory-schema.js";

export const keyAttribute = "scimKey";
/** The value every keyed entry holds: its keys are those of its attributes, in this format (2). */
export const keysMarker = "scim-keys:2";
/**
 * Markers of earlier formats whose attribute keys are this format's: format 1 lacked the complex members'
 * keys only, so an entry marked with it serves every search but one on a sub-attribute.
 */
export const olderKeysMarkers: readonly string[] = ["scim-keys:1"];

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

/**
 * What a search may ask of the keys: nothing (no scimKey), exact keys, or also parts of them, where the
 * directory's scimKey has the SUBSTR rule octetStringSubstringsMatch (2.5.13.19, X.520's substrings
 * counterpart of RFC 4517 §4.2.27 octetStringMatch), which an older scim.schema does not declare: slapd
 * then evaluates a substrings assertion on scimKey as Undefined, and it would match nothing.
 */
export type KeySearch = "none" | "equality" | "substrings";

/**
 * What a filter compiled for one container may ask of the keys: `search` as the directory's schema
 * allows, and `members` once the container's entries all hold their complex members' keys (the
 * backfill of entries in an older format runs behind the searches: ldap-key-backfill.ts).
 */
export interface KeyUse {
  readonly search: KeySearch;
  readonly members: boolean;
}

/** A directory without scimKey, or a compiler asked not to use it. */
export const noKeys: KeyUse = Object.freeze({ search: "none", members: false });

export function keySearch(schema: DirectorySchema): KeySearch {
  if (!valueKeysEnabled(schema)) return "none";
  const rule = schema.attribute(keyAttribute)?.substr?.toLowerCase();
  return rule === "octetstringsubstringsmatch" || rule === "2.5.13.19" ? "substrings" : "equality";
}

/** The JSON array a key starts with: the attribute's name, and the member's for a complex value. */
function keyPath(name: string, member: string | undefined): string[] {
  return member === undefined ? [name] : [name, member];
}

/**
 * The key of one text value of the attribute `name`, or of its complex values' `member` (JSON, so no
 * name or value can fake another's, and a member's key has one element more than any attribute's).
 */
export function valueKey(name: string, member: string | undefined, value: string): string {
  return JSON.stringify([...keyPath(name, member), storeKey(value, "string", false)]);
}

/** The parts of a substrings assertion on scimKey (RFC 4515 `substring`), as ldap-filter.ts takes them. */
export interface KeyParts {
  readonly initial: string;
  readonly any?: readonly string[];
  readonly final?: string;
}

/**
 * The keys of the attribute `name` (or its complex values' `member`) whose value, folded, starts with
 * (sw), ends with (ew) or contains (co) the fold of `value`: a superset of the values SCIM's matcher
 * selects for a case-insensitive string (compare-values.ts applies the operator to the two folds), which
 * the matcher then confirms. A key is `["name","` (or `["name","member","`) + the JSON escape of the fold
 * + `"]`. JSON escapes a well-formed string (a fold is one) one code point at a time, so the escape of the
 * literal's fold is a prefix, suffix or part of the escape of every such value's fold. The initial part
 * keeps the match inside this attribute's (or member's) keys, and the final `"]` keeps an `ew` or `co`
 * part inside the value, since an escaped literal holds no unescaped `"`. `sw` selects exactly SCIM's
 * matches; `ew` and `co` may also select a value whose escape holds the literal's escape across an escape
 * sequence (the value "\n", escaped `\n`, "ends with" the literal "n").
 */
export function keyParts(
  name: string,
  member: string | undefined,
  op: "sw" | "ew" | "co",
  value: string,
): KeyParts {
  const initial = JSON.stringify([...keyPath(name, member), ""]).slice(0, -2); // ["name","
  const escaped = JSON.stringify(storeKey(value, "string", false) ?? "").slice(1, -1);
  if (op === "sw") return { initial: initial + escaped };
  if (op === "ew") return { initial, final: `${escaped}"]` };
  return escaped === "" ? { initial } : { initial, any: [escaped], final: '"]' };
}

/**
 * The entry's keys and the marker: one per distinct text value of an attribute or element of its list,
 * and one per distinct text member of a complex value or of a list's complex elements. These are the
 * values the matcher reads for an attribute or a sub-attribute (entry-values.ts: a member is read from
 * each element that is an object, never further down), whether the mapping calls the attribute single-
 * or multi-valued.
 */
export function valueKeys(attributes: EntryAttributes): string[] {
  const keys = new Set<string>();
  const complex = (name: string, value: EntryValue) => {
    if (!isEntryObject(value)) return;
    for (const [member, text] of Object.entries(value)) {
      if (typeof text === "string") keys.add(valueKey(name, member, text));
    }
  };
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "string") keys.add(valueKey(name, undefined, value));
    else if (Array.isArray(value)) {
      for (const element of value) {
        if (typeof element === "string") keys.add(valueKey(name, undefined, element));
        else complex(name, element);
      }
    } else complex(name, value);
  }
  return [keysMarker, ...[...keys].sort()];
}
