// POST /Users throughput against GET by id on the same server (≥ 0.3: a create validates, hashes nothing
// it need not, writes one row and its index keys, and commits). Each created user's name starts with a
// prefix of this run, so the bench can find and remove them all afterwards, including those whose
// answers autocannon dropped when a round ended.
import { randomBytes } from "node:crypto";
import type { LoadClient } from "../../harness/load/load-client.js";
import type { DatasetManifest } from "../dataset/reference-dataset.js";
import { syntheticUser } from "../dataset/synthetic-users.js";
import { compareThroughput } from "../measure/compare.js";
import type { ChildServer } from "../process/child-server.js";
import type { BenchRow } from "../report/bench-row.js";
import { authHeaders, count, type FigureContext, roundsOf } from "./figure-context.js";
import { getByIdRequest } from "./get-by-id.js";
import { throughputRow } from "./throughput-row.js";

export async function createFigure(
  ctx: FigureContext,
  reference: ChildServer,
  manifest: DatasetManifest,
  /** userName prefix of every user this figure creates. */
  prefix = `bench-post-${randomBytes(3).toString("hex")}-`,
): Promise<BenchRow> {
  ctx.log("POST /Users vs GET by id");
  let created = 0;
  // One counter for every round: each POST names a user no earlier request named.
  let next = 0;
  const post = {
    method: "POST" as const,
    path: () => "/scim/v2/Users",
    body: () => JSON.stringify(syntheticUser(next++, prefix)),
    headers: { ...authHeaders(ctx), "content-type": "application/scim+json" },
    onResponse: (status: number) => {
      if (status === 201) created += 1;
    },
  };
  const c = await compareThroughput(
    { server: reference, request: post },
    { server: reference, request: getByIdRequest(ctx, manifest.sampleUserIds) },
    roundsOf(ctx),
  );
  return throughputRow(
    "create-vs-get",
    `POST /Users throughput at ${count(manifest.spec.users)} users, vs GET by id`,
    "GET /Users/{id}, same server",
    { on: "ratio", comparator: ">=", value: 0.3 },
    c,
    [`${count(created)} users created (each its own transaction and commit).`],
  );
}

/** Deletes every user whose userName starts with `prefix` (what createFigure made); returns how many. */
export async function deleteCreatedUsers(client: LoadClient, prefix: string): Promise<number> {
  const filter = encodeURIComponent(`userName sw "${prefix}"`);
  let deleted = 0;
  for (;;) {
    const page = await client.send({
      method: "GET",
      path: `/Users?filter=${filter}&count=500&attributes=id`,
    });
    if (page.kind === "failure" || page.status !== 200)
      throw new Error("listing the users POST created failed");
    const ids = ((page.json() as { Resources?: { id?: unknown }[] }).Resources ?? []).map((r) =>
      String(r.id),
    );
    if (ids.length === 0) return deleted;
    for (let i = 0; i < ids.length; i += 4)
      await Promise.all(
        ids
          .slice(i, i + 4)
          .map((id) => client.send({ method: "DELETE", path: `/Users/${encodeURIComponent(id)}` })),
      );
    deleted += ids.length;
  }
}
