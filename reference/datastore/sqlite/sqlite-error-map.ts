// SQLite failures translated at the adapter boundary with one table (STYLE.md §8, ldapts
// StatusCodeParser): nothing above datastore/ ever sees a driver error. Codes are SQLite's extended
// result codes as better-sqlite3 reports them in `error.code`.

import type { ScimType } from "../../protocol/errors/scim-error.js";
import { ScimError } from "../../protocol/errors/scim-error.js";

interface Translation {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly detail: string;
}

const table: Readonly<Record<string, Translation>> = {
  // A unique index refused a value: RFC 7644 §3.3/§3.12, 409 uniqueness.
  SQLITE_CONSTRAINT_UNIQUE: {
    status: 409,
    scimType: "uniqueness",
    detail: "a unique value is already in use",
  },
  SQLITE_CONSTRAINT_PRIMARYKEY: { status: 409, scimType: "uniqueness", detail: "the entry already exists" },
  // Another process holds the write lock past busy_timeout: a temporary condition, worth a retry.
  SQLITE_BUSY: { status: 503, scimType: undefined, detail: "the datastore is busy; retry the request" },
  SQLITE_BUSY_SNAPSHOT: {
    status: 503,
    scimType: undefined,
    detail: "the datastore is busy; retry the request",
  },
  SQLITE_LOCKED: { status: 503, scimType: undefined, detail: "the datastore is busy; retry the request" },
  SQLITE_FULL: { status: 507, scimType: undefined, detail: "the datastore is out of space" },
  SQLITE_READONLY: { status: 503, scimType: undefined, detail: "the datastore is read-only" },
  SQLITE_IOERR: { status: 503, scimType: undefined, detail: "the datastore cannot read or write its file" },
};

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("SQLITE_") ? code : undefined;
}

/** The translation for a code, trying the primary code when the extended one has no entry. */
function lookup(code: string): Translation | undefined {
  return table[code] ?? table[code.split("_").slice(0, 2).join("_")];
}

/**
 * Turns anything thrown by the driver into what the layers above expect: ScimErrors pass through, mapped
 * SQLite codes become ScimErrors (a 409 says which attribute when the caller knows it), and any other
 * driver error becomes a plain Error that hides the driver (an opaque, logged 500).
 */
export function translateSqliteError(error: unknown, uniquenessDetail?: string): Error {
  if (error instanceof ScimError) return error;
  const code = sqliteCode(error);
  if (code === undefined) return error instanceof Error ? error : new Error(String(error));
  const known = lookup(code);
  if (known === undefined) return new Error(`SQLite datastore failure (${code})`, { cause: error });
  const detail = known.scimType === "uniqueness" ? (uniquenessDetail ?? known.detail) : known.detail;
  return new ScimError(known.status, known.scimType, detail);
}
