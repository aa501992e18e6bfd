// Runs one bulk operation through the same pipeline as a single HTTP request (RFC 7644 §3.7: "Each
// operation corresponds to a single HTTP request against a resource endpoint"), and describes its outcome
// as a BulkResponse operation (§3.7.3): `status` as a string, `location` except for a failed POST,
// `bulkId` echoed, `version` (the ETag) on success, and the §3.12 error body as `response` on failure.
import { badRequest, ScimError } from "../../protocol/errors/scim-error.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import type { OperationContext } from "../operation-context.js";
import type { PipelineServices } from "../pipeline-services.js";
import { createResource } from "../resources/create-resource.js";
import { deleteResource } from "../resources/delete-resource.js";
import { patchResource } from "../resources/patch-resource.js";
import { replaceResource } from "../resources/replace-resource.js";
import type { BulkOperation } from "./bulk-request.js";

export interface BulkOutcome {
  readonly status: number;
  readonly location: string | undefined;
  readonly version: string | undefined;
  /** The id a successful POST created. */
  readonly id: string | undefined;
  readonly error: ScimError | undefined;
}

export interface BulkTarget {
  readonly endpoint: string;
  readonly id: string | undefined;
}

/** `/Users` for POST, `/Users/{id}` for the others (RFC 7644 §3.7 `path`). */
export function targetOf(method: string, path: string): BulkTarget {
  const segments = path.split("/").filter((s) => s !== "");
  const wanted = method === "POST" ? 1 : 2;
  if (segments.length !== wanted) {
    const shape =
      method === "POST" ? "a resource type endpoint such as /Users" : "a resource such as /Users/{id}";
    throw badRequest(
      "invalidSyntax",
      `The path of a ${method} must name ${shape} (RFC 7644 §3.7), not ${path}.`,
    );
  }
  return {
    endpoint: `/${segments[0]}`,
    id: segments[1] === undefined ? undefined : decodeURIComponent(segments[1]),
  };
}

/** Bulk reports status, location and version only (RFC 7644 §3.7.3), so no representation is built. */
const quiet = { body: false } as const;

export function failure(error: ScimError, location: string | undefined): BulkOutcome {
  return { status: error.status, location, version: undefined, id: undefined, error };
}

/** Runs a valid operation whose references are already substituted; throws ScimError on failure. */
export async function executeOperation(
  services: PipelineServices,
  ctx: OperationContext,
  op: BulkOperation,
  path: string,
  data: JsonObject | undefined,
): Promise<BulkOutcome> {
  const target = targetOf(op.method, path);
  const body = data ?? {};
  const conditions = { ifMatch: op.version };
  switch (op.method) {
    case "POST": {
      const r = await createResource(services, ctx, target.endpoint, body, {}, quiet);
      return { status: 201, location: r.location, version: r.etag, id: r.id, error: undefined };
    }
    case "PUT": {
      const r = await replaceResource(
        services,
        ctx,
        target.endpoint,
        target.id ?? "",
        body,
        {},
        conditions,
        quiet,
      );
      return { status: 200, location: r.location, version: r.etag, id: r.id, error: undefined };
    }
    case "PATCH": {
      const r = await patchResource(
        services,
        ctx,
        target.endpoint,
        target.id ?? "",
        body,
        {},
        conditions,
        quiet,
      );
      return { status: 200, location: r.location, version: r.etag, id: r.id, error: undefined };
    }
    default: {
      await deleteResource(ctx, target.endpoint, target.id ?? "", conditions);
      return {
        status: 204,
        location: `${ctx.baseUrl}${path}`,
        version: undefined,
        id: undefined,
        error: undefined,
      };
    }
  }
}

export function dataOf(op: BulkOperation): JsonObject | undefined {
  return isJsonObject(op.data) ? op.data : undefined;
}

/** The operation's entry in the BulkResponse (RFC 7644 §3.7.3). */
export function responseOperation(op: BulkOperation, outcome: BulkOutcome): JsonObject {
  return {
    method: op.method,
    ...(op.bulkId === undefined ? {} : { bulkId: op.bulkId }),
    ...(outcome.version === undefined ? {} : { version: outcome.version }),
    ...(outcome.location === undefined ? {} : { location: outcome.location }),
    status: String(outcome.status),
    ...(outcome.error === undefined ? {} : { response: outcome.error.toJSON() as unknown as JsonObject }),
  };
}

export function asScimError(error: unknown): ScimError | undefined {
  return error instanceof ScimError ? error : undefined;
}
