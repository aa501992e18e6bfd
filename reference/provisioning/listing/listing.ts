// What one list request carries through its paging strategies (list-resources.ts chooses one): the
// prepared per-type queries, the request's parameters and the cursor fingerprint, plus the helpers they
// share to render entries and read cursors.
import type { StoredEntry } from "../../datastore/datastore.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import type { OperationContext } from "../operation-context.js";
import type { PipelineServices } from "../pipeline-services.js";
import { project } from "../resources/resource-projection.js";
import { viewOf } from "../resources/resource-view.js";
import type { CursorState } from "./cursor-codec.js";
import type { CursorWindow } from "./page-window.js";
import type { SearchParams } from "./search-params.js";
import type { TypeQuery } from "./type-query.js";

export interface Listing {
  readonly services: PipelineServices;
  readonly ctx: OperationContext;
  readonly queries: readonly TypeQuery[];
  readonly params: SearchParams;
  /** The cursor fingerprint, computed on first use (list-resources.ts). */
  readonly fingerprint: () => string;
}

export async function render(
  l: Listing,
  q: TypeQuery,
  entries: readonly StoredEntry[],
): Promise<JsonObject[]> {
  const out: JsonObject[] = [];
  for (const entry of entries) {
    const view = await viewOf(l.ctx, q.binding, entry, { groups: q.wanted.groups });
    out.push(project(q.wanted, view));
  }
  return out;
}

export function cursorState(l: Listing, window: CursorWindow): CursorState {
  return window.cursor === ""
    ? { position: undefined, direction: "next" }
    : l.services.cursors.decode(window.cursor, l.fingerprint());
}

export async function countOf(l: Listing, q: TypeQuery): Promise<number> {
  const result = await l.ctx.store.query(q.scope, {
    filter: q.pushed,
    sort: undefined,
    page: { kind: "index", startIndex: 1, count: 0 },
    members: false,
  });
  return result.total;
}
