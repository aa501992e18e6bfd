// Queries (RFC 7644 §3.4.2) scoped to a check's own resources. Checks run concurrently against servers
// that hold foreign data, so every query that is counted or ordered carries a filter on the check's
// tag (`userName sw "<tag>-"`), and every assertion is about the resources the check created.
import type { ScimRequest, ScimResponse } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import type { JsonObject } from "./json.js";
import { asArray, asObject, getCi } from "./json.js";
import { need } from "./scim-check.js";
import { hasUrn, urn } from "./urns.js";

export interface ListView {
  readonly res: ScimResponse;
  readonly body: JsonObject | undefined;
  /** True for a 200 whose body names the ListResponse URN. */
  readonly isList: boolean;
  readonly totalResults: unknown;
  readonly startIndex: unknown;
  readonly itemsPerPage: unknown;
  readonly nextCursor: unknown;
  readonly previousCursor: unknown;
  /** The Resources entries that are JSON objects. */
  readonly resources: readonly JsonObject[];
  /** Whether the body had a Resources member at all. */
  readonly hasResources: boolean;
}

/** A SCIM filter string literal: a JSON string (RFC 7644 §3.4.2.2 ABNF `compValue`). */
export function literal(value: string): string {
  return JSON.stringify(value);
}

/** `userName sw "<tag>-"`, combined with `condition` when given: the check's own Users only. */
export function scopedUsers(tag: string, condition?: string): string {
  const scope = `userName sw ${literal(`${tag}-`)}`;
  return condition === undefined ? scope : `${scope} and (${condition})`;
}

/** `displayName sw "<tag>-"` [and (condition)]: the check's own Groups only. */
export function scopedGroups(tag: string, condition?: string): string {
  const scope = `displayName sw ${literal(`${tag}-`)}`;
  return condition === undefined ? scope : `${scope} and (${condition})`;
}

export function viewOf(res: ScimResponse): ListView {
  const body = asObject(res.body);
  const resources = getCi(body, "Resources");
  return {
    res,
    body,
    isList: res.status === 200 && hasUrn(getCi(body, "schemas"), urn.listResponse),
    totalResults: getCi(body, "totalResults"),
    startIndex: getCi(body, "startIndex"),
    itemsPerPage: getCi(body, "itemsPerPage"),
    nextCursor: getCi(body, "nextCursor"),
    previousCursor: getCi(body, "previousCursor"),
    resources: asArray(resources)
      .map(asObject)
      .filter((r): r is JsonObject => r !== undefined),
    hasResources: resources !== undefined,
  };
}

/** GET {endpoint}?query. */
export async function list(
  ctx: CheckContext,
  endpoint: string,
  query: ScimRequest["query"] = {},
  request: Omit<Partial<ScimRequest>, "method" | "path" | "query"> = {},
): Promise<ListView> {
  return viewOf(await ctx.client.send({ method: "GET", path: endpoint, query, ...request }));
}

/** POST {endpoint}/.search with a SearchRequest body (RFC 7644 §3.4.3). */
export async function search(ctx: CheckContext, endpoint: string, body: JsonObject): Promise<ListView> {
  const path = endpoint === "/" || endpoint === "" ? "/.search" : `${endpoint}/.search`;
  return viewOf(
    await ctx.client.send({
      method: "POST",
      path,
      body: { schemas: [urn.searchRequest], ...body },
    }),
  );
}

export function idsOf(view: ListView): string[] {
  return view.resources.map((r) => getCi(r, "id")).filter((id): id is string => typeof id === "string");
}

/**
 * A scoped query the check depends on but does not judge (e.g. before testing sort or paging): it must
 * answer a ListResponse with exactly `expected` resources, or the check skips — the filter checks
 * report a broken filter, not the sort checks.
 */
export async function scopeWorks(
  ctx: CheckContext,
  endpoint: string,
  filter: string,
  expected: number,
): Promise<ListView> {
  const view = await list(ctx, endpoint, { filter });
  need(
    // totalResults, not the page: a page may be capped (maxPageSize) without the scope being wrong.
    view.isList && view.totalResults === expected && (expected === 0 || view.resources.length > 0),
    `this check scopes its queries with filter ${filter} (it created ${expected} matching resources), ` +
      `which the server did not answer as expected: ${describeResponse(view.res)}`,
  );
  return view;
}
