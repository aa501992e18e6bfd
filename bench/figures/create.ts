// POST /Users throughput against GET by id on the same server (≥ 0.3: a create validates, hashes nothing
// it need not, writes one row and its index keys, and commits). Each created user has a unique name of
// this run; their ids are collected so the bench can remove them afterwards.
import { randomBytes } from "node:crypto";
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
  created: string[],
): Promise<BenchRow> {
  ctx.log("POST /Users vs GET by id");
  const run = randomBytes(3).toString("hex");
  // One counter for every round: each POST names a user no earlier request named.
  let next = 0;
  const post = {
    method: "POST" as const,
    path: () => "/scim/v2/Users",
    body: () => JSON.stringify(syntheticUser(next++, `bench-post-${run}-`)),
    headers: { ...authHeaders(ctx), "content-type": "application/scim+json" },
    onResponse: (status: number, body: string) => {
      if (status !== 201) return;
      const id = (JSON.parse(body) as { id?: unknown }).id;
      if (typeof id === "string") created.push(id);
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
    [`${count(created.length)} users created (each its own transaction and commit).`],
  );
}
