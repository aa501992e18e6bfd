// Entry rows as both SQL stores keep them: the columns of `entries` and their StoredEntry form. The meta
// instants are stored as dateTime comparison keys (UTC, nanoseconds; compare-values.ts), so
// `meta.lastModified gt …` compares the column directly, and are returned with the millisecond precision
// EntryMeta promises. The SQLite and PostgreSQL adapters read and write them with their own drivers.
import type { EntryAttributes, StoredEntry } from "../datastore.js";
import { storeKey } from "../store-key.js";

export interface EntryRow {
  readonly pk: number;
  readonly id: string;
  readonly doc: string;
  readonly display: string | null;
  readonly password_hash: string | null;
  readonly created: string;
  readonly modified: string;
  readonly version: number;
}

/** The last instant converted: a Bulk request writes hundreds of entries within one millisecond. */
let lastInstant: { readonly ms: number; readonly key: string } | undefined;

export function instantKey(date: Date): string {
  const ms = date.getTime();
  if (lastInstant?.ms === ms) return lastInstant.key;
  const key = storeKey(date.toISOString(), "dateTime", false);
  if (key === undefined)
    throw new Error(`the clock returned an instant outside years 0000-9999: ${date.toISOString()}`);
  lastInstant = { ms, key };
  return key;
}

/** `2024-05-01T10:00:00.123456789Z` → `2024-05-01T10:00:00.123Z`. */
export function instantFromKey(key: string): string {
  return `${key.slice(0, 23)}Z`;
}

type RowView = Pick<EntryRow, "id" | "doc" | "created" | "modified" | "version">;

function entryMeta(row: RowView): StoredEntry["meta"] {
  return {
    created: instantFromKey(row.created),
    lastModified: instantFromKey(row.modified),
    version: row.version,
  };
}

export function storedEntry(row: RowView, resourceType: string): StoredEntry {
  return {
    id: row.id,
    resourceType,
    meta: entryMeta(row),
    attributes: JSON.parse(row.doc) as EntryAttributes,
  };
}

/**
 * The entry a write just stored, whose attributes are parsed from `doc` only when someone reads them:
 * a Bulk operation answers with id, location and version (RFC 7644 §3.7.3) and never looks at them.
 */
export function writtenEntry(row: RowView, resourceType: string): StoredEntry {
  let attributes: EntryAttributes | undefined;
  return {
    id: row.id,
    resourceType,
    meta: entryMeta(row),
    get attributes(): EntryAttributes {
      attributes ??= JSON.parse(row.doc) as EntryAttributes;
      return attributes;
    },
  };
}
