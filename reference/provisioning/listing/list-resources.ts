// GET /{endpoint}, GET / (the server root), and POST /.search at either (RFC 7644 §3.4.2, §3.4.3):
// filter, sort, page and project. The filter is resolved against the schemas and translated through the
// mapping; what translates runs in the datastore with its indexes, and the datastore pages by index or
// by keyset position (RFC 9865 cursors stay stable under concurrent writes). When part of the filter, or
// the sort key, cannot run in the datastore, the type is listed by a bounded scan of read-mapped
// resources instead (more than `inMemoryScanLimit` candidates: 400 `tooMany`, RFC 7644 §3.4.2.1).
// A root query covers every resource type the connection serves (§3.4.2.1), an attribute a type lacks
// counting as one without a value there (root-filter.ts).
import { createHash } from "node:crypto";
import type { ResourceBinding } from "../../connections/connection.js";
import { parseFilter } from "../../protocol/filter/parse-filter.js";
import type { AttrPath } from "../../protocol/path/attr-path.js";
import { parseAttrPath } from "../../protocol/path/parse-attr-path.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import type { OperationContext } from "../operation-context.js";
import type { PipelineServices } from "../pipeline-services.js";
import { bindingByEndpoint } from "../resources/resource-binding.js";
import { concatenatedPage, pushdownPage } from "./datastore-pages.js";
import { inMemoryPage } from "./in-memory-page.js";
import { type ListPage, listResponse } from "./list-response.js";
import type { Listing } from "./listing.js";
import { pageWindow } from "./page-window.js";
import { specializeFilter } from "./root-filter.js";
import type { SearchParams } from "./search-params.js";
import { prepareTypeQuery, type TypeQuery } from "./type-query.js";

function prepare(ctx: OperationContext, endpoint: string | undefined, params: SearchParams): TypeQuery[] {
  const filter = params.filter === undefined ? undefined : parseFilter(params.filter);
  const sortBy =
    params.sortBy === undefined || params.sortBy === "" ? undefined : parseAttrPath(params.sortBy);
  if (endpoint !== undefined)
    return [prepareTypeQuery(ctx, bindingByEndpoint(ctx, endpoint), params, filter, sortBy)];
  const registry = ctx.connection.registry;
  const bindings = [...ctx.connection.resources.values()];
  const knownIn = (binding: ResourceBinding, path: AttrPath) =>
    registry.resolve(binding.definition, path) !== undefined ||
    (path.name.toLowerCase() === "schemas" && path.subAttr === undefined);
  const queries: TypeQuery[] = [];
  for (const binding of bindings) {
    const specialized =
      filter === undefined
        ? true
        : specializeFilter(
            filter,
            (path) => knownIn(binding, path),
            (path) => bindings.some((b) => knownIn(b, path)),
          );
    // RFC 7644 §3.4.2.1: a type on which the filter is false for want of its attributes contributes nothing.
    if (specialized === false) continue;
    // Likewise a sort key the type lacks: its resources sort as having no value (last ascending, §3.4.2.3).
    const typeSort =
      sortBy === undefined || knownIn(binding, sortBy) || !bindings.some((b) => knownIn(b, sortBy))
        ? sortBy
        : undefined;
    queries.push(
      prepareTypeQuery(ctx, binding, params, specialized === true ? undefined : specialized, typeSort),
    );
  }
  return queries;
}

function fingerprintOf(ctx: OperationContext, endpoint: string | undefined, params: SearchParams): string {
  const parts = [
    ctx.connection.id,
    endpoint?.toLowerCase() ?? "/",
    params.filter,
    params.sortBy,
    params.sortOrder,
  ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 22);
}

export async function listResources(
  services: PipelineServices,
  ctx: OperationContext,
  endpoint: string | undefined,
  params: SearchParams,
): Promise<JsonObject> {
  const queries = prepare(ctx, endpoint, params);
  const { window, cappedFrom } = pageWindow(params, services.limits, true);
  if (cappedFrom !== undefined) {
    // RFC 7644 §3.4.2.4 lets the server return fewer results than asked; itemsPerPage says how many.
    ctx.log.warn({ requested: cappedFrom, applied: window.count }, "count capped at filter.maxResults");
  }
  // The fingerprint (a SHA-256) only matters to cursors; index-paged listings, the lookups Entra ID and
  // Okta make, never read it.
  // A function, not a getter: V8 builds an object literal with an accessor on a slow path (0.3 µs).
  let fingerprint: string | undefined;
  const listing: Listing = {
    services,
    ctx,
    queries,
    params,
    fingerprint: () => {
      fingerprint ??= fingerprintOf(ctx, endpoint, params);
      return fingerprint;
    },
  };
  const sorted = params.sortBy !== undefined && params.sortBy !== "";
  const single = queries.length === 1 ? queries[0] : undefined;
  let page: ListPage;
  if (single !== undefined && !single.inMemory) page = await pushdownPage(listing, single, window);
  else if (!sorted && queries.every((q) => !q.inMemory)) page = await concatenatedPage(listing, window);
  else page = await inMemoryPage(listing, window);
  return listResponse(page);
}
