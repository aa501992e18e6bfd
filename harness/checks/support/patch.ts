// PATCH requests (RFC 7644 §3.5.2) and reading their effect back. Verdicts on PATCH semantics always
// come from a GET after the PATCH: a 204 has no body, and a 200 body is judged separately
// (representation.reflects-state), so one wrong body never hides or fakes a wrong stored state.
import type { ScimRequest, ScimResponse } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import type { JsonObject } from "./json.js";
import { readBack } from "./resources.js";
import { urn } from "./urns.js";

export interface PatchOperation {
  readonly op: string;
  readonly path?: string;
  readonly value?: unknown;
}

export function patchBody(operations: readonly PatchOperation[]): JsonObject {
  return { schemas: [urn.patchOp], Operations: operations };
}

export function patch(
  ctx: CheckContext,
  path: string,
  operations: readonly PatchOperation[],
  request: Omit<Partial<ScimRequest>, "method" | "path" | "body"> = {},
): Promise<ScimResponse> {
  return ctx.client.send({ method: "PATCH", path, body: patchBody(operations), ...request });
}

/** True for the two success shapes RFC 7644 §3.5.2 allows: 200 with a body, or 204. */
export function patchSucceeded(res: ScimResponse): boolean {
  return res.status === 204 || (res.status === 200 && res.bodyKind === "json");
}

/** PATCH, then GET: the stored state the PATCH produced. */
export async function patchThenRead(
  ctx: CheckContext,
  path: string,
  operations: readonly PatchOperation[],
): Promise<{ res: ScimResponse; after: JsonObject }> {
  const res = await patch(ctx, path, operations);
  const { body } = await readBack(ctx, path);
  return { res, after: body };
}
