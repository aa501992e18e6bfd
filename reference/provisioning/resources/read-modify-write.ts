// Optimistic concurrency for PUT and PATCH (RFC 7644 §3.14, issue: "parallel PATCHes must never lose an
// update"). Each attempt reads the entry, computes the change and writes it with `ifVersion` = the version
// read; the datastore refuses the write with 412 when another writer got there first. A client that sent
// If-Match asked for exactly that version, so its 412 stands; without If-Match the attempt is repeated on
// the fresh version, a bounded number of times, so two concurrent PATCHes both land.
import { ScimError } from "../../protocol/errors/scim-error.js";
import type { OperationContext } from "../operation-context.js";

export async function withWriteRetries<T>(
  ctx: OperationContext,
  attempts: number,
  clientPinnedVersion: boolean,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const lostRace = error instanceof ScimError && error.status === 412;
      if (!lostRace || clientPinnedVersion || i >= attempts) throw error;
      ctx.log.info({ attempt: i }, "write lost a race with a concurrent writer; retrying on the new version");
    }
  }
}
