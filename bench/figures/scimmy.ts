// The same figures against a SCIMMY-based server (npm `scimmy` + `scimmy-routers` on Express, in-memory
// store): GET by id and the userName filter at the comparison scale (reference ≥ 2× and ≥ 10×), and one
// member added to a group of the large size (reference ≥ 100×). SCIMMY's PATCH is sent without
// excludedAttributes=members: SCIMMY applies that projection to the group it patches and writes the group
// back without its members (observed with scimmy 1.3.5), so only the plain PATCH is correct there.
import { clientFor } from "../bench-servers.js";
import type { DatasetManifest } from "../dataset/reference-dataset.js";
import { compareThroughput } from "../measure/compare.js";
import { alternatingLatencies } from "../measure/latency.js";
import { blockRatios, median, quantile, spreadOf } from "../measure/stats.js";
import type { ChildServer } from "../process/child-server.js";
import { type BenchRow, row } from "../report/bench-row.js";
import { count, type FigureContext, roundsOf } from "./figure-context.js";
import { filterRequest } from "./filter.js";
import { getByIdRequest } from "./get-by-id.js";
import { addMemberRequest, removeMembers, spare } from "./membership.js";
import { throughputRow } from "./throughput-row.js";

export interface ScimmySide {
  readonly server: ChildServer;
  readonly manifest: Pick<DatasetManifest, "sampleUserIds" | "sampleUserNames" | "groupIds" | "spareUserIds">;
}

export async function scimmyThroughputFigures(
  ctx: FigureContext,
  reference: { readonly server: ChildServer; readonly manifest: DatasetManifest },
  scimmy: ScimmySide,
): Promise<BenchRow[]> {
  const users = count(reference.manifest.spec.users);
  const rows: BenchRow[] = [];
  ctx.log(`GET /Users/{id}: reference vs SCIMMY, ${users} users`);
  const get = await compareThroughput(
    { server: reference.server, request: getByIdRequest(ctx, reference.manifest.sampleUserIds) },
    { server: scimmy.server, request: getByIdRequest(ctx, scimmy.manifest.sampleUserIds) },
    roundsOf(ctx),
  );
  rows.push(
    throughputRow(
      "scimmy-get-by-id",
      `GET /Users/{id} throughput, ${users} users, reference vs SCIMMY`,
      "SCIMMY",
      { on: "ratio", comparator: ">=", value: 2 },
      get,
    ),
  );
  ctx.log(`userName filter: reference vs SCIMMY, ${users} users`);
  const filter = await compareThroughput(
    { server: reference.server, request: filterRequest(ctx, reference.manifest.sampleUserNames) },
    { server: scimmy.server, request: filterRequest(ctx, scimmy.manifest.sampleUserNames) },
    roundsOf(ctx),
  );
  rows.push(
    throughputRow(
      "scimmy-filter",
      `filter=userName eq "…" throughput, ${users} users, reference vs SCIMMY`,
      "SCIMMY",
      { on: "ratio", comparator: ">=", value: 10 },
      filter,
      ["SCIMMY filters with its own Filter.match over every stored user, as its documentation shows."],
    ),
  );
  return rows;
}

export async function scimmyMemberAddFigure(
  ctx: FigureContext,
  reference: { readonly server: ChildServer; readonly manifest: DatasetManifest; readonly spareFrom: number },
  scimmy: ScimmySide,
  groupSize: number,
): Promise<BenchRow> {
  const refGroup = reference.manifest.groupIds.big;
  const scimmyGroup = scimmy.manifest.groupIds.big;
  if (refGroup === undefined || scimmyGroup === undefined) throw new Error("a large group is missing");
  const n = ctx.scale.scimmyMemberAdds;
  ctx.log(`PATCH add one member to a ${count(groupSize)}-member group: reference vs SCIMMY, ${n} rounds`);
  const refMembers = spare(reference.manifest, reference.spareFrom, n + 1);
  const scimmyMembers = scimmy.manifest.spareUserIds.slice(0, n + 1);
  const refClient = clientFor(reference.server, ctx.token, 1);
  const scimmyClient = clientFor(scimmy.server, ctx.token, 1);
  try {
    const { a: ref, b: lib } = await alternatingLatencies(
      { client: refClient, request: (i) => addMemberRequest(refGroup, refMembers[i] ?? ""), expect: [200] },
      {
        client: scimmyClient,
        request: (i) => addMemberRequest(scimmyGroup, scimmyMembers[i] ?? "", ""),
        expect: [200, 204],
      },
      n + 1,
    );
    await removeMembers(refClient, refGroup, refMembers);
    // The first pair warms both servers up.
    const r = ref.slice(1);
    const s = lib.slice(1);
    return row({
      id: "scimmy-member-add",
      name: `PATCH add one member, ${count(groupSize)}-member group, reference vs SCIMMY (latency)`,
      value: median(r),
      unit: "ms (median)",
      baseline: { name: "SCIMMY", value: median(s), unit: "ms (median)" },
      ratio: median(s) / median(r),
      target: { on: "ratio", comparator: ">=", value: 100 },
      spread: spreadOf(blockRatios(s, r, Math.min(4, s.length))),
      notes: [
        `${r.length} adds each, alternating; the ratio is SCIMMY's median over the reference's. SCIMMY p99 ${quantile(s, 0.99).toFixed(0)} ms. SCIMMY's PATCH carries no excludedAttributes (with it, SCIMMY 1.3.5 writes the group back without its members) and answers with the whole group; the reference's answers without members.`,
      ],
    });
  } finally {
    refClient.close();
    scimmyClient.close();
  }
}
