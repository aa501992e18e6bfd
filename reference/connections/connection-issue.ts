// Problems with a connection's configuration, as data (STYLE.md §9). One shape serves the three places
// that report them: the server refusing to start on a bad file (one line per issue on stderr), the admin
// API's 422 (PingFederate `ApiResult.validationErrors[]`: `fieldPath`, `errorId`, `message`), and the
// tests. The mapping half reports `ConfigIssue`s without an error id; they arrive here as
// `invalid_mapping`.
import type { ConfigIssue } from "../mapping/pingfederate/config-issue.js";

export type ConnectionErrorId =
  | "required"
  | "invalid_type"
  | "invalid_value"
  | "duplicate"
  | "unknown_field"
  | "not_supported"
  | "invalid_mapping"
  | "invalid_certificate"
  | "invalid_dn"
  | "unset_variable"
  | "stale_secret";

export interface ConnectionIssue {
  /** Where, as a path into the connection (or the file): `credentials.inboundBackChannelAuth.requireSsl`. */
  readonly fieldPath: string;
  readonly errorId: ConnectionErrorId;
  readonly message: string;
  /** What to change; always says something an administrator can do. */
  readonly fix: string;
}

export function connectionIssue(
  fieldPath: string,
  errorId: ConnectionErrorId,
  message: string,
  fix: string,
): ConnectionIssue {
  return Object.freeze({ fieldPath, errorId, message, fix });
}

export function fromMappingIssue(issue: ConfigIssue): ConnectionIssue {
  return connectionIssue(issue.path, "invalid_mapping", issue.message, issue.fix);
}

/** A result that is the checked value or every issue found, never a thrown exception. */
export type Validated<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ConnectionIssue[] };

/** One line per issue: `path: message Fix: fix`. */
export function formatConnectionIssues(issues: readonly ConnectionIssue[]): string {
  return issues.map((i) => `  ${i.fieldPath || "(root)"}: ${i.message} Fix: ${i.fix}`).join("\n");
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends a key to a field path: `.name` for identifiers, `[0]` for indexes, `["odd key"]` otherwise. */
export function fieldPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  if (identifier.test(key)) return base === "" ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}
