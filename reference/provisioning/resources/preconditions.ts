// If-Match on writes (RFC 7644 §3.14, RFC 7232 §3.1): a write whose If-Match no longer names the current
// version fails with 412 before anything changes. The datastore re-checks the version atomically
// (`ifVersion`), so a concurrent writer between our read and our write is caught as well.
import type { ResourceBinding } from "../../connections/connection.js";
import { preconditionFailed, type ScimError } from "../../protocol/errors/scim-error.js";
import { matchesIfMatch } from "../../protocol/resource/etag.js";

export function ifMatchFailed(binding: ResourceBinding, id: string): ScimError {
  return preconditionFailed(
    `${binding.definition.name} ${id} has changed since the version in If-Match; read it again (RFC 7644 §3.14).`,
  );
}

/** Throws 412 unless the If-Match header (when sent) names `version`. */
export function checkIfMatch(
  binding: ResourceBinding,
  id: string,
  ifMatch: string | undefined,
  version: number,
): void {
  if (ifMatch !== undefined && !matchesIfMatch(ifMatch, String(version))) throw ifMatchFailed(binding, id);
}
