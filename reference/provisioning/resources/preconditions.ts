// Conditional writes (RFC 7644 §3.14, RFC 7232 §3.1, §3.2, §6): a PUT, PATCH or DELETE whose If-Match no
// longer names the current version, or whose If-None-Match names it (`*` included: the resource exists),
// fails with 412 before anything changes. The datastore re-checks the version atomically (`ifVersion`),
// so a concurrent writer between our read and our write is caught as well.
import type { ResourceBinding } from "../../connections/connection.js";
import { preconditionFailed, type ScimError } from "../../protocol/errors/scim-error.js";
import { evaluatePreconditions } from "../../protocol/resource/etag.js";
import type { Preconditions } from "../operation-context.js";

export function ifMatchFailed(binding: ResourceBinding, id: string): ScimError {
  return preconditionFailed(
    `${binding.definition.name} ${id} has changed since the version in If-Match; read it again (RFC 7644 §3.14).`,
  );
}

/** Throws 412 unless the conditions (when sent) hold for the current `version`. */
export function checkWritePreconditions(
  binding: ResourceBinding,
  id: string,
  conditions: Preconditions,
  version: number,
): void {
  if (conditions.ifMatch === undefined && conditions.ifNoneMatch === undefined) return;
  const outcome = evaluatePreconditions({ method: "PUT", ...conditions, version: String(version) });
  if (outcome !== "proceed") throw ifMatchFailed(binding, id);
}

/** Whether the client pinned the version it writes over, so a lost race must not be retried. */
export function pinsVersion(conditions: Preconditions): boolean {
  return conditions.ifMatch !== undefined || conditions.ifNoneMatch !== undefined;
}
