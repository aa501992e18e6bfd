// Deletes everything the run created, newest first (a Group before the Users it contains), with the
// run's default credentials. Runs after every run: a failed check, an error and Ctrl-C included. A 404
// means a check already deleted it; anything else is reported as left behind, never retried blindly.
import type { ScimClient } from "../client/client.js";
import { ExchangeFailure } from "../client/client.js";
import type { ResourceLedger } from "../client/resource-ledger.js";

export interface CleanupReport {
  readonly deleted: number;
  /** Resources that could not be deleted: the operator must remove them by hand. */
  readonly leftBehind: readonly { readonly path: string; readonly owner: string; readonly problem: string }[];
}

export async function cleanUp(ledger: ResourceLedger, client: ScimClient): Promise<CleanupReport> {
  let deleted = 0;
  const leftBehind: { path: string; owner: string; problem: string }[] = [];
  for (const resource of ledger.pending()) {
    try {
      const res = await client.send({ method: "DELETE", path: resource.path });
      if ((res.status >= 200 && res.status < 300) || res.status === 404) {
        deleted += 1;
        ledger.markDeleted(resource.collection, resource.id);
      } else {
        leftBehind.push({
          path: resource.path,
          owner: resource.owner,
          problem: `DELETE answered ${res.status}`,
        });
      }
    } catch (error) {
      if (!(error instanceof ExchangeFailure)) throw error;
      leftBehind.push({ path: resource.path, owner: resource.owner, problem: error.message });
    }
  }
  return { deleted, leftBehind };
}
