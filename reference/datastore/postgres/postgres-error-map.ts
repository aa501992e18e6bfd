// PostgreSQL failures translated at the adapter boundary with one table (STYLE.md §8, ldapts
// StatusCodeParser): nothing above datastore/ ever sees a driver error. Keys are SQLSTATE codes as `pg`
// reports them in `error.code` (PostgreSQL manual, Appendix A), with the class (first two characters) as
// the fallback.
import type { ScimType } from "../../protocol/errors/scim-error.js";
import { ScimError } from "../../protocol/errors/scim-error.js";

interface Translation {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly detail: string;
}

const busy: Translation = {
  status: 503,
  scimType: undefined,
  detail: "the datastore is busy with concurrent changes; retry the request",
};
const unavailable: Translation = {
  status: 503,
  scimType: undefined,
  detail: "the datastore is unavailable; retry the request",
};

const table: Readonly<Record<string, Translation>> = {
  // A unique index refused a value: RFC 7644 §3.3/§3.12, 409 uniqueness.
  "23505": { status: 409, scimType: "uniqueness", detail: "a unique value is already in use" },
  // Deadlock victim or serialization failure: single operations are retried first (postgres-session.ts);
  // what still fails, or fails inside a caller's transaction, is a temporary condition.
  "40001": busy,
  "40P01": busy,
  "55P03": busy, // lock_not_available
  "57014": busy, // query_canceled (statement_timeout)
  // U+0000 cannot be stored in PostgreSQL text (22021), nor as \u0000 in jsonb (22P05): a value limit
  // of this datastore, refused like any other invalid value (RFC 7644 §3.12 invalidValue).
  "22021": {
    status: 400,
    scimType: "invalidValue",
    detail: "text containing U+0000 cannot be stored or searched in the PostgreSQL datastore",
  },
  "22P05": {
    status: 400,
    scimType: "invalidValue",
    detail: "text containing U+0000 cannot be stored or searched in the PostgreSQL datastore",
  },
  // A B-tree entry is limited to about 2,700 bytes: an indexed value longer than that.
  "54000": {
    status: 400,
    scimType: "invalidValue",
    detail: "a value of an indexed attribute is too long for the PostgreSQL datastore (about 2,600 bytes)",
  },
  "53100": { status: 507, scimType: undefined, detail: "the datastore is out of space" }, // disk_full
  "53": unavailable, // insufficient resources
  "08": unavailable, // connection exception
  "57P": unavailable, // admin/crash shutdown, cannot connect now
  "25006": { status: 503, scimType: undefined, detail: "the datastore is read-only" }, // hot standby
};

/** The SQLSTATE codes after which a whole single operation is run again (postgres-session.ts). */
export const retryableCodes: ReadonlySet<string> = new Set(["40001", "40P01"]);

/** Errors a connection failure raises before PostgreSQL answers (no SQLSTATE). */
const networkCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);

export function sqlState(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function lookup(code: string): Translation | undefined {
  return table[code] ?? table[code.slice(0, 3)] ?? table[code.slice(0, 2)];
}

function isNetworkError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && networkCodes.has(code)) return true;
  // pg's own words when a connection ends under a query or the pool cannot reach the server.
  const message = (error as { message?: unknown }).message;
  return (
    typeof message === "string" &&
    /Connection terminated|timeout exceeded when trying to connect/.test(message)
  );
}

/**
 * Turns anything thrown by the driver into what the layers above expect: ScimErrors pass through, mapped
 * SQLSTATEs become ScimErrors (a 409 says which attribute when the caller knows it), connection failures
 * a 503, and any other driver error a plain Error that hides the driver (an opaque, logged 500).
 */
export function translatePostgresError(error: unknown, uniquenessDetail?: string): Error {
  if (error instanceof ScimError) return error;
  const code = sqlState(error);
  if (code === undefined) {
    if (isNetworkError(error)) return new ScimError(unavailable.status, undefined, unavailable.detail);
    return error instanceof Error ? error : new Error(String(error));
  }
  const known = lookup(code);
  if (known === undefined) return new Error(`PostgreSQL datastore failure (${code})`, { cause: error });
  const detail = known.scimType === "uniqueness" ? (uniquenessDetail ?? known.detail) : known.detail;
  return new ScimError(known.status, known.scimType, detail);
}
