// Sending BulkRequests (RFC 7644 §3.7) and reading BulkResponses defensively.
import type { ScimResponse } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import type { JsonObject } from "../support/json.js";
import { asArray, asObject, getCi } from "../support/json.js";
import { usersEndpoint } from "../support/resources.js";
import { urn } from "../support/urns.js";

export interface BulkResult {
  readonly method: unknown;
  readonly bulkId: unknown;
  readonly location: unknown;
  readonly status: unknown;
  readonly response: JsonObject | undefined;
  readonly raw: JsonObject;
}

export async function bulk(
  ctx: CheckContext,
  operations: readonly JsonObject[],
  extra: JsonObject = {},
): Promise<{ res: ScimResponse; results: BulkResult[] }> {
  const res = await ctx.client.send({
    method: "POST",
    path: "/Bulk",
    body: { schemas: [urn.bulkRequest], ...extra, Operations: operations },
  });
  const results = asArray(getCi(res.body, "Operations"))
    .map(asObject)
    .filter((o): o is JsonObject => o !== undefined)
    .map((raw) => ({
      method: getCi(raw, "method"),
      bulkId: getCi(raw, "bulkId"),
      location: getCi(raw, "location"),
      status: getCi(raw, "status"),
      response: asObject(getCi(raw, "response")),
      raw,
    }));
  return { res, results };
}

/** A POST operation creating a User with `userName` (and `overrides`). */
export function postUser(ctx: CheckContext, bulkId: string, overrides: JsonObject = {}): JsonObject {
  return { method: "POST", path: usersEndpoint(ctx), bulkId, data: ctx.resources.userBody(overrides) };
}

export function statusOf(result: BulkResult | undefined): number {
  return Number(result?.status);
}

/** The id at the end of a result's location. */
export function idOf(result: BulkResult | undefined): string | undefined {
  if (typeof result?.location !== "string") return undefined;
  const last = result.location
    .split("/")
    .filter((s) => s.length > 0)
    .at(-1);
  return last === undefined ? undefined : decodeURIComponent(last);
}

/**
 * The result of the operation with `bulkId`, else the one at `index` (results in request order),
 * so a server that forgets to echo bulkIds is judged by bulk.bulk-id.echoed alone.
 */
export function resultFor(
  results: readonly BulkResult[],
  bulkId: string,
  index: number,
): BulkResult | undefined {
  return (
    results.find((r) => r.bulkId === bulkId) ??
    (results.every((r) => r.bulkId === undefined) ? results[index] : undefined)
  );
}
