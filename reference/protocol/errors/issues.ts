// Validation yields issues, not exceptions (STYLE.md §9): a validator collects every problem it finds,
// and the edge turns the list into one ScimError whose detail names each of them. The harness-facing
// detail therefore tells a client everything that is wrong with its request at once.
import { badRequest, type ScimError, type ScimType } from "./scim-error.js";

export interface Issue {
  /** The scimType this issue would be reported under (RFC 7644 §3.12). */
  readonly code: ScimType;
  /** Where the problem is, as a SCIM attribute path (e.g. `emails[1].value`), or "" for the body. */
  readonly path: string;
  readonly message: string;
}

export function issue(code: ScimType, path: string, message: string): Issue {
  return Object.freeze({ code, path, message });
}

/** One 400 error for a non-empty list of issues; the first issue decides the scimType. */
export function errorFromIssues(issues: readonly Issue[]): ScimError {
  const first = issues[0];
  if (first === undefined) throw new TypeError("errorFromIssues needs at least one issue");
  const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  return badRequest(first.code, detail);
}
