// Concurrency for PUT and PATCH (RFC 7644 §3.14, issue: "parallel PATCHes must never lose an update").
// Each attempt runs in a datastore transaction that reads the entry `forUpdate`, computes the change and
// writes it with `ifVersion` = the version read. Where the datastore locks (PostgreSQL SELECT … FOR
// UPDATE; SQLite's single writer), concurrent writers of one entry queue for it, so 100 concurrent member
// adds all land; without the lock, 5 optimistic attempts let 90 of them fail with 412 on PostgreSQL (the
// reliability race suite). Where a store cannot lock, the datastore still refuses a stale write with 412:
// a client that sent If-Match asked for exactly that version, so its 412 stands; without If-Match the
// attempt is repeated on the fresh version, a bounded number of times.
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

/** One attempt's work inside a transaction, with a context whose store is the transaction's. */
export function inWriteTransaction<T>(
  ctx: OperationContext,
  work: (tx: OperationContext) => Promise<T>,
): Promise<T> {
  return ctx.store.transaction((store) => work({ ...ctx, store }));
}
