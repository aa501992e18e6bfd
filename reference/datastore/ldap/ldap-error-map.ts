// LDAP result codes (RFC 4511 §4.1.9, Appendix A) translated at the adapter boundary with one table
// (STYLE.md §8, ldapts StatusCodeParser): nothing above datastore/ sees a driver error. The directory's
// diagnostic message never reaches a client (it names DNs and schema); it goes to the log as the cause.
import type { ScimType } from "../../protocol/errors/scim-error.js";
import { ScimError } from "../../protocol/errors/scim-error.js";

export interface LdapTranslation {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly detail: string;
  /** Opaque to the client and logged as a server fault: the directory or this server is misconfigured. */
  readonly fault?: true;
}

const busy: LdapTranslation = {
  status: 503,
  scimType: undefined,
  detail: "the directory is busy; retry the request",
};
const unavailable: LdapTranslation = {
  status: 503,
  scimType: undefined,
  detail: "the directory is unavailable; retry the request",
};
const invalidValue = (detail: string): LdapTranslation => ({ status: 400, scimType: "invalidValue", detail });
const fault = (detail: string): LdapTranslation => ({
  status: 500,
  scimType: undefined,
  detail,
  fault: true,
});

/** RFC 4511 result code → SCIM error. Codes absent here are faults (opaque 500, logged). */
export const ldapResultCodes: Readonly<Record<number, LdapTranslation>> = {
  1: fault("operationsError"),
  2: fault("protocolError"),
  // The server spent longer than its time limit (RFC 4511 §4.5.1.5): the query must be narrower.
  3: {
    status: 400,
    scimType: "tooMany",
    detail: "the directory needed too long for this query; narrow the filter",
  },
  // More entries than the directory's size limit, with paging exhausted (RFC 4511 §4.5.1.4, RFC 2696).
  4: {
    status: 400,
    scimType: "tooMany",
    detail: "the directory holds too many matches for this query; narrow the filter",
  },
  7: fault("authMethodNotSupported"),
  8: fault("strongerAuthRequired"),
  11: {
    status: 400,
    scimType: "tooMany",
    detail: "the directory's administrative limit was exceeded; narrow the filter",
  },
  12: fault("unavailableCriticalExtension"),
  13: fault("confidentialityRequired"),
  // A value to delete was not there: a concurrent change; the caller retries once it has re-read.
  16: {
    status: 409,
    scimType: undefined,
    detail: "the entry changed while it was being updated; retry the request",
  },
  17: fault("undefinedAttributeType"),
  18: fault("inappropriateMatching"),
  // RFC 4511 §4.1.9: a value violates a constraint (size, count, a unique/constraint overlay).
  19: invalidValue("a value breaks a constraint of the directory"),
  20: invalidValue("two values are the same value to the directory"),
  21: invalidValue("a value does not fit the syntax of its directory attribute"),
  // The entry is gone (RFC 7644 §3.6: 404 for an unknown resource).
  32: { status: 404, scimType: undefined, detail: "the resource does not exist" },
  34: invalidValue("a value cannot form a distinguished name"),
  // The bind DN or password is wrong: a misconfigured server, never the client's fault.
  48: fault("inappropriateAuthentication"),
  49: fault("invalidCredentials: the server's directory bind DN or password is wrong"),
  50: { status: 403, scimType: undefined, detail: "the directory does not allow this operation" },
  51: busy,
  52: unavailable,
  53: { status: 400, scimType: "invalidValue", detail: "the directory is unwilling to perform this change" },
  54: fault("loopDetect"),
  64: invalidValue("the entry's name breaks the directory's naming rules"),
  65: invalidValue("the values break the object class rules of the directory entry (RFC 4512 §2.4)"),
  66: { status: 409, scimType: undefined, detail: "the entry has subordinates and cannot be removed" },
  67: invalidValue("the change would remove a value of the entry's name"),
  // An entry with this name already exists (RFC 7644 §3.3: 409 uniqueness).
  68: { status: 409, scimType: "uniqueness", detail: "an entry with this name already exists" },
  69: invalidValue("the object classes of the entry cannot be changed this way"),
  71: fault("affectsMultipleDSAs"),
  80: fault("other"),
  // RFC 4528 §2: the assertion (the version of If-Match) was false: 412 (RFC 7644 §3.14).
  122: {
    status: 412,
    scimType: undefined,
    detail: "the resource has changed since the version given in If-Match",
  },
};

/** ldapts' client-side failures that mean the directory cannot be reached. */
function isConnectionFailure(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"].includes(
      String(code),
    ) || /Connection closed|socket|timeout/i.test(error.message)
  );
}

/** The LDAP result code a driver error carries, if it is one. */
export function ldapResultCode(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "number" ? code : undefined;
}

/**
 * Anything the driver throws, as the layers above expect it: ScimErrors pass through, result codes in the
 * table become ScimErrors (`detail` overrides the table's text, e.g. to name the attribute of a 409), a
 * fault or an unknown code becomes a plain Error naming the code and keeping the driver error as its cause
 * (an opaque 500 that the HTTP layer logs), and a lost connection is 503.
 */
export function translateLdapError(error: unknown, detail?: string): Error {
  if (error instanceof ScimError) return error;
  if (!(error instanceof Error)) return new Error(String(error));
  const code = ldapResultCode(error);
  if (code === undefined) {
    if (isConnectionFailure(error)) return new ScimError(unavailable.status, undefined, unavailable.detail);
    return error;
  }
  const known = ldapResultCodes[code];
  if (known === undefined || known.fault === true) {
    return new Error(`LDAP datastore failure (result code ${code}${known ? `, ${known.detail}` : ""})`, {
      cause: error,
    });
  }
  return new ScimError(known.status, known.scimType, detail ?? known.detail);
}
