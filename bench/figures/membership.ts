// Groups at scale. Adding one member to a 100,000-member group must cost what it costs on a 100-member
// group (≤ 1.5×: the anchors report minutes for 2,000 members), and a GET of the large group without its
// members must cost about a GET of a user (≥ 0.8). PATCHes go out as Entra ID sends them, one member per
// request, with excludedAttributes=members so the answer does not carry 100,000 members back.
import type { LoadClient } from "../../harness/load/load-client.js";
import { clientFor } from "../bench-servers.js";
import type { DatasetManifest } from "../dataset/reference-dataset.js";
import { compareThroughput } from "../measure/compare.js";
import { alternatingLatencies, type TimedRequest } from "../measure/latency.js";
import { blockRatios, median, quantile, spreadOf } from "../measure/stats.js";
import type { ChildServer } from "../process/child-server.js";
import { type BenchRow, row } from "../report/bench-row.js";
import { authHeaders, count, type FigureContext, roundsOf } from "./figure-context.js";
import { getByIdRequest } from "./get-by-id.js";
import { throughputRow } from "./throughput-row.js";

export const patchOpUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export function addMemberRequest(group: string, member: string, query = "?excludedAttributes=members") {
  return {
    method: "PATCH" as const,
    path: `/Groups/${group}${query}`,
    body: { schemas: [patchOpUrn], Operations: [{ op: "add", path: "members", value: [{ value: member }] }] },
  };
}

/** Removes the members a figure added (untimed), so a reused data set starts the same next time. */
export async function removeMembers(
  client: LoadClient,
  group: string,
  members: readonly string[],
): Promise<void> {
  for (let i = 0; i < members.length; i += 500) {
    const Operations = members
      .slice(i, i + 500)
      .map((m) => ({ op: "remove", path: `members[value eq "${m}"]` }));
    const outcome = await client.send({
      method: "PATCH",
      path: `/Groups/${group}?excludedAttributes=members`,
      body: { schemas: [patchOpUrn], Operations },
    });
    if (outcome.kind === "failure" || outcome.status >= 300)
      throw new Error(
        `removing added members: ${outcome.kind === "failure" ? outcome.reason : `HTTP ${outcome.status}`}`,
      );
  }
}

/** The spare users for member adds: [start, start + n) of the manifest's spare users. */
export function spare(manifest: DatasetManifest, start: number, n: number): string[] {
  const ids = manifest.spareUserIds.slice(start, start + n);
  if (ids.length < n)
    throw new Error(`the data set has ${manifest.spareUserIds.length} spare users, ${start + n} needed`);
  return ids;
}

export async function memberAddFigure(
  ctx: FigureContext,
  reference: ChildServer,
  manifest: DatasetManifest,
): Promise<{ row: BenchRow; bigLatencies: number[] }> {
  const { big, small } = manifest.groupIds;
  if (big === undefined || small === undefined) throw new Error("the data set has no groups");
  const rounds = ctx.scale.memberAddRounds;
  ctx.log(
    `PATCH add one member: ${count(manifest.spec.bigGroup)}-member vs ${count(manifest.spec.smallGroup)}-member group, ${rounds} rounds`,
  );
  const members = spare(manifest, 0, 2 * rounds);
  const client = clientFor(reference, ctx.token, 1);
  const side = (group: string, offset: number): TimedRequest => ({
    client,
    request: (i) => addMemberRequest(group, members[2 * i + offset] ?? ""),
    expect: [200],
  });
  try {
    const { a: large, b: little } = await alternatingLatencies(side(big, 0), side(small, 1), rounds);
    await removeMembers(
      client,
      big,
      members.filter((_, k) => k % 2 === 0),
    );
    await removeMembers(
      client,
      small,
      members.filter((_, k) => k % 2 === 1),
    );
    const measured = large.slice(Math.floor(rounds / 10)); // the first tenth warms up both paths
    const base = little.slice(Math.floor(rounds / 10));
    return {
      bigLatencies: measured,
      row: row({
        id: "member-add-scale",
        name: `PATCH add one member, ${count(manifest.spec.bigGroup)}-member group, latency vs a ${count(manifest.spec.smallGroup)}-member group`,
        value: median(measured),
        unit: "ms (median)",
        baseline: {
          name: `the same, ${count(manifest.spec.smallGroup)}-member group`,
          value: median(base),
          unit: "ms (median)",
        },
        ratio: median(measured) / median(base),
        target: { on: "ratio", comparator: "<=", value: 1.5 },
        spread: spreadOf(blockRatios(measured, base, 9)),
        notes: [
          `${measured.length} adds to each group, alternating, one request at a time, each adding a user that was not a member; p99 ${quantile(measured, 0.99).toFixed(2)} vs ${quantile(base, 0.99).toFixed(2)} ms. The spread is of the ratio of medians over 9 blocks of consecutive pairs.`,
        ],
      }),
    };
  } finally {
    client.close();
  }
}

export async function groupGetFigure(
  ctx: FigureContext,
  reference: ChildServer,
  manifest: DatasetManifest,
): Promise<BenchRow> {
  const big = manifest.groupIds.big;
  if (big === undefined) throw new Error("the data set has no large group");
  ctx.log(
    `GET /Groups/{id}?excludedAttributes=members (${count(manifest.spec.bigGroup)} members) vs GET user`,
  );
  const c = await compareThroughput(
    {
      server: reference,
      request: { path: () => `/scim/v2/Groups/${big}?excludedAttributes=members`, headers: authHeaders(ctx) },
    },
    { server: reference, request: getByIdRequest(ctx, manifest.sampleUserIds) },
    roundsOf(ctx),
  );
  return throughputRow(
    "group-get-vs-user-get",
    `GET /Groups/{id}?excludedAttributes=members, ${count(manifest.spec.bigGroup)} members, throughput vs GET user by id`,
    "GET /Users/{id}, same server",
    { on: "ratio", comparator: ">=", value: 0.8 },
    c,
  );
}
