// Loads the bench's users into a running SCIM server through /Bulk, 1,000 operations a request, two
// requests in flight (while the server commits one, this process serialises the next). Loading through
// the protocol keeps the bench independent of the server's storage layout and connection mapping: what
// the server holds is exactly what a client would have created. Groups are created in one POST each with
// all their members, answered without members (excludedAttributes) so the answer stays small.
import type { LoadClient } from "../../harness/load/load-client.js";
import { syntheticUser } from "./synthetic-users.js";

const bulkRequestUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

export interface BulkLoadOptions {
  readonly from: number;
  readonly count: number;
  readonly perRequest: number;
  /** Requests in flight at once. */
  readonly inFlight: number;
  /** userName prefix of the synthetic users ("user" gives user17@example.com). */
  readonly prefix?: string;
  /** Called with the index and id of every created user. */
  readonly onCreated?: (index: number, id: string) => void;
}

export class LoadError extends Error {
  override name = "LoadError";
}

/** The request body for users [from, from + count). */
export function bulkBody(from: number, count: number, prefix = "user"): object {
  return {
    schemas: [bulkRequestUrn],
    Operations: Array.from({ length: count }, (_, k) => {
      const { schemas, ...rest } = syntheticUser(from + k, prefix);
      return { method: "POST", path: "/Users", bulkId: `u${from + k}`, data: { schemas, ...rest } };
    }),
  };
}

function idFromLocation(location: unknown): string | undefined {
  if (typeof location !== "string") return undefined;
  return decodeURIComponent(location.slice(location.lastIndexOf("/") + 1));
}

async function sendBulk(
  client: LoadClient,
  from: number,
  count: number,
  options: BulkLoadOptions,
): Promise<void> {
  const outcome = await client.send({
    method: "POST",
    path: "/Bulk",
    body: bulkBody(from, count, options.prefix),
  });
  if (outcome.kind === "failure") throw new LoadError(`Bulk at user ${from}: ${outcome.reason}`);
  const body = outcome.json() as { Operations?: { status?: string; location?: string; bulkId?: string }[] };
  const operations = body?.Operations ?? [];
  if (outcome.status !== 200 || operations.length !== count)
    throw new LoadError(
      `Bulk at user ${from}: HTTP ${outcome.status}, ${operations.length} of ${count} answered`,
    );
  for (const op of operations) {
    const index = Number(op.bulkId?.slice(1));
    const id = idFromLocation(op.location);
    if (op.status !== "201" || id === undefined)
      throw new LoadError(`Bulk at user ${from}: operation ${op.bulkId} answered ${op.status}`);
    options.onCreated?.(index, id);
  }
}

/** Creates the users; resolves with the elapsed milliseconds. */
export async function bulkLoadUsers(client: LoadClient, options: BulkLoadOptions): Promise<number> {
  const started = performance.now();
  const end = options.from + options.count;
  let next = options.from;
  const worker = async (): Promise<void> => {
    while (next < end) {
      const from = next;
      const count = Math.min(options.perRequest, end - from);
      next += count;
      await sendBulk(client, from, count, options);
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, worker));
  return performance.now() - started;
}

/** POST /Groups with every member in one request; the answer leaves the members out. */
export async function createGroup(
  client: LoadClient,
  displayName: string,
  memberIds: readonly string[],
): Promise<string> {
  const outcome = await client.send({
    method: "POST",
    path: "/Groups?excludedAttributes=members",
    body: {
      schemas: [groupSchema],
      displayName,
      members: memberIds.map((value) => ({ value, type: "User" })),
    },
  });
  const id = outcome.kind === "response" ? (outcome.json() as { id?: unknown } | undefined)?.id : undefined;
  if (outcome.kind === "failure" || outcome.status !== 201 || typeof id !== "string")
    throw new LoadError(
      `creating group ${displayName}: ${outcome.kind === "failure" ? outcome.reason : `HTTP ${outcome.status}`}`,
    );
  return id;
}
