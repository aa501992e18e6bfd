// A cursor walk over every user (RFC 9865): the time per page at the end of the walk against the start
// (≤ 1.5). Keyset cursors make every page an index seek; offset paging would make the last page of a
// million users scan a million rows.
import { clientFor } from "../bench-servers.js";
import type { DatasetManifest } from "../dataset/reference-dataset.js";
import { blockRatios, median, spreadOf } from "../measure/stats.js";
import type { ChildServer } from "../process/child-server.js";
import { type BenchRow, row } from "../report/bench-row.js";
import { count, type FigureContext } from "./figure-context.js";

export async function cursorWalkFigure(
  ctx: FigureContext,
  reference: ChildServer,
  manifest: DatasetManifest,
): Promise<BenchRow> {
  const size = ctx.scale.cursorPageSize;
  ctx.log(`cursor walk of ${count(manifest.spec.users)} users, ${size} per page`);
  const client = clientFor(reference, ctx.token, 1);
  const pages: number[] = [];
  let seen = 0;
  let cursor = "";
  try {
    for (;;) {
      const outcome = await client.send({
        method: "GET",
        path: `/Users?count=${size}&cursor=${encodeURIComponent(cursor)}`,
      });
      if (outcome.kind === "failure" || outcome.status !== 200)
        throw new Error(
          `cursor page ${pages.length + 1}: ${outcome.kind === "failure" ? outcome.reason : `HTTP ${outcome.status}`}`,
        );
      pages.push(outcome.ms);
      const body = outcome.json() as { Resources?: unknown[]; nextCursor?: unknown };
      seen += body.Resources?.length ?? 0;
      if (typeof body.nextCursor !== "string" || body.nextCursor === "") break;
      cursor = body.nextCursor;
      if (pages.length > manifest.spec.users / size + 100) throw new Error("the walk does not end");
    }
  } finally {
    client.close();
  }
  const k = Math.max(3, Math.min(50, Math.floor(pages.length / 10)));
  const first = pages.slice(0, k);
  const last = pages.slice(-k);
  return row({
    id: "cursor-walk",
    name: `Cursor walk of ${count(manifest.spec.users)} users, time per page at the end vs the first pages`,
    value: median(last),
    unit: "ms per page (median)",
    baseline: { name: `first ${k} pages`, value: median(first), unit: "ms per page (median)" },
    ratio: median(last) / median(first),
    target: { on: "ratio", comparator: "<=", value: 1.5 },
    spread: spreadOf(blockRatios(last, first, 5)),
    notes: [
      `${pages.length} pages of ${size}, ${count(seen)} users seen (the data set has ${count(manifest.spec.users)}, plus any the bench created); last ${k} pages vs first ${k}. Whole walk ${(pages.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s.`,
    ],
  });
}
