// The mutant catalogue: each mutant is the correct in-memory server (server/) with one behaviour
// broken (server/quirks.ts), and `changes` is exactly how the harness's verdicts must differ from the
// correct server's, check by check. mutants.test.ts runs each mutant on the check families its
// changes belong to and fails on any other difference; coverage.test.ts fails when a check appears as
// `fail` or `warn` in no mutant. A change to `skip` is a check that can no longer judge once the
// behaviour it depends on is broken (its reason names that precondition) — never a hidden failure.
import type { Verdict } from "../checks/check.js";
import { authSecurityMutants } from "./catalogue/auth-security.js";
import { bulkMeMutants } from "./catalogue/bulk-me.js";
import { createReadMutants } from "./catalogue/create-read.js";
import { discoveryMutants } from "./catalogue/discovery.js";
import { errorsEtagMutants } from "./catalogue/errors-etag.js";
import { filterMutants } from "./catalogue/filter.js";
import { interopMutants } from "./catalogue/interop.js";
import { listMutants } from "./catalogue/list.js";
import { pagingCursorMutants } from "./catalogue/paging-cursor.js";
import { patchMutants } from "./catalogue/patch.js";
import { putDeleteMutants } from "./catalogue/put-delete.js";
import { representationMutants } from "./catalogue/representation.js";
import { schemaMutants } from "./catalogue/schema.js";
import { sortMutants } from "./catalogue/sort.js";
import { transportMutants } from "./catalogue/transport.js";
import type { Mutant } from "./mutant.js";

/**
 * The checks that skip on the correct server, and why: every other check passes there. A mutant's
 * unchanged checks are expected to keep exactly these verdicts.
 */
export const baseSkips: Readonly<Record<string, string>> = {
  "me.unsupported.501": "the server supports /Me, so the 501 for an unsupported /Me does not apply",
  "security.tls.required": "a loopback development target: the TLS requirement is waived",
  "security.tls.version-1-2": "served over plain HTTP on loopback (msw answers in-process)",
  "cursor.errors.expired-cursor": "cursorTimeout is 3600 s; only timeouts up to 5 s are waited for",
  "representation.extension.required": "no ResourceType declares a required extension",
  "errors.unsupported.501": "PATCH and Bulk are both supported",
};

/** The verdict a check gets on the correct server. */
export function baseVerdict(checkId: string): Verdict {
  return checkId in baseSkips ? "skip" : "pass";
}

/** The check family of a check id: its first two segments ("patch.replace", "filter.logic"). */
export function familyOf(checkId: string): string {
  return checkId.split(".").slice(0, 2).join(".");
}

/** The families a mutant is run on: those of the checks it changes. */
export function scopeOf(mutant: Mutant): string[] {
  if (mutant.scope) return [...mutant.scope];
  return [...new Set(Object.keys(mutant.changes).map(familyOf))].sort();
}

export const mutants: readonly Mutant[] = [
  ...transportMutants,
  ...authSecurityMutants,
  ...discoveryMutants,
  ...schemaMutants,
  ...representationMutants,
  ...createReadMutants,
  ...listMutants,
  ...filterMutants,
  ...sortMutants,
  ...pagingCursorMutants,
  ...putDeleteMutants,
  ...patchMutants,
  ...errorsEtagMutants,
  ...bulkMeMutants,
  ...interopMutants,
];
