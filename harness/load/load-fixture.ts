// The data a load run works on, and its removal. Before the clock starts: `--users` users and, when the
// mix needs one, a group, all named with the run prefix and recorded in the ledger. Afterwards (also
// after Ctrl-C or a failed run) everything in the ledger is deleted, groups first, and what could not be
// deleted is reported by path, never retried blindly (the same rule as the conformance run's cleanup).
import type { ResourceLedger } from "../client/resource-ledger.js";
import type { LoadClient, LoadOutcome } from "./load-client.js";
import { LoadState } from "./load-state.js";
import { userBody } from "./operations.js";

export type InitialMembers = "none" | "half" | "all";

export interface FixtureOptions {
  readonly prefix: string;
  readonly users: number;
  readonly group: InitialMembers | undefined;
  /** Requests in flight while seeding and deleting. */
  readonly parallel: number;
  readonly signal?: AbortSignal;
}

export interface Fixture {
  readonly state: LoadState;
  readonly ms: number;
}

export class FixtureError extends Error {
  override name = "FixtureError";
}

const groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

async function inParallel<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, worker));
}

function idOf(body: unknown): string | undefined {
  const id = (body as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? id : undefined;
}

/** Fills `ledger` as it creates, so the caller can clean up after a setup that failed halfway. */
export async function setUpFixture(
  client: LoadClient,
  ledger: ResourceLedger,
  options: FixtureOptions,
): Promise<Fixture> {
  const started = performance.now();
  const state = new LoadState(options.prefix);
  const indexes = Array.from({ length: options.users }, (_, i) => i);
  const created: { id: string; userName: string; index: number }[] = [];
  const failure = (what: string, outcome: LoadOutcome): FixtureError => {
    const why = outcome.kind === "failure" ? outcome.reason : `HTTP ${outcome.status}`;
    return new FixtureError(`setting up the load data: ${what} failed (${why})`);
  };
  let problem: FixtureError | undefined;
  await inParallel(indexes, options.parallel, async (index) => {
    if (problem !== undefined || options.signal?.aborted) return;
    const userName = state.nextName("user");
    const outcome = await client.send(
      { method: "POST", path: "/Users", body: userBody(userName, index) },
      options.signal,
    );
    const id = outcome.kind === "response" && outcome.status === 201 ? idOf(outcome.json()) : undefined;
    if (id === undefined) {
      problem ??= failure("POST /Users", outcome);
      return;
    }
    ledger.register("Users", id, "load setup");
    created.push({ id, userName, index });
  });
  if (problem !== undefined) throw problem;
  // Creation order varies with concurrency; membership is decided by seed index, so it is reproducible.
  created.sort((a, b) => a.index - b.index);
  const memberCount =
    options.group === "all" ? created.length : options.group === "half" ? Math.floor(created.length / 2) : 0;
  for (const [i, user] of created.entries()) state.addUser(user, i < memberCount);
  if (options.group !== undefined) {
    const members = created.slice(0, memberCount).map((u) => ({ value: u.id }));
    const outcome = await client.send(
      {
        method: "POST",
        path: "/Groups",
        body: { schemas: [groupSchema], displayName: state.nextName("group"), members },
      },
      options.signal,
    );
    const id = outcome.kind === "response" && outcome.status === 201 ? idOf(outcome.json()) : undefined;
    if (id === undefined) throw failure("POST /Groups", outcome);
    ledger.register("Groups", id, "load setup");
    state.setGroup(id);
  }
  return { state, ms: performance.now() - started };
}

export interface CleanupResult {
  readonly deleted: number;
  readonly leftBehind: readonly { readonly path: string; readonly problem: string }[];
}

/** Deletes what the ledger holds: groups first (they name users), then users, a few at a time. */
export async function cleanUpFixture(
  client: LoadClient,
  ledger: ResourceLedger,
  parallel: number,
): Promise<CleanupResult> {
  let deleted = 0;
  const leftBehind: { path: string; problem: string }[] = [];
  const pending = ledger.pending();
  const groupsFirst = [
    pending.filter((r) => r.collection === "Groups"),
    pending.filter((r) => r.collection !== "Groups"),
  ];
  for (const batch of groupsFirst) {
    await inParallel(batch, parallel, async (resource) => {
      const outcome = await client.send({ method: "DELETE", path: resource.path });
      if (
        outcome.kind === "response" &&
        ((outcome.status >= 200 && outcome.status < 300) || outcome.status === 404)
      ) {
        deleted += 1;
        ledger.markDeleted(resource.collection, resource.id);
      } else {
        leftBehind.push({
          path: resource.path,
          problem: outcome.kind === "failure" ? outcome.reason : `DELETE answered ${outcome.status}`,
        });
      }
    });
  }
  return { deleted, leftBehind };
}
