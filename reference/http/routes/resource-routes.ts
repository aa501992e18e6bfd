// The resource endpoints (RFC 7644 §3.2 Table 1): list, create and search on /{endpoint}, read, replace,
// patch and delete on /{endpoint}/{id}, and searches at the server root (§3.4.2.1, §3.4.3). Each handler
// only translates HTTP to the pipeline and back.
import type Router from "@koa/router";
import { ScimError } from "../../protocol/errors/scim-error.js";
import { searchParamsFromBody, searchParamsFromQuery } from "../../provisioning/listing/search-params.js";
import type { Provisioning } from "../../provisioning/provisioning.js";
import { jsonBody } from "../read-body.js";
import {
  operationContext,
  preconditions,
  projectionQuery,
  sendPatchResult,
  sendResource,
} from "../respond.js";
import type { ScimContext, ScimState } from "../scim-state.js";

function param(ctx: ScimContext, name: string): string {
  return (ctx.params as Record<string, string | undefined>)[name] ?? "";
}

/** `/Users/.search` is POST only (RFC 7644 §3.4.3); other methods must not read ".search" as an id. */
function refuseSearchAsId(ctx: ScimContext, id = param(ctx, "id")): void {
  if (id === ".search") {
    throw new ScimError(405, undefined, `${ctx.method} is not allowed on ${ctx.path}; use POST.`, {
      Allow: "POST",
    });
  }
}

/** The handlers of the two reads IdPs send most, shared by the router and hot-routes.ts. */
export interface ReadHandlers {
  /** GET /{endpoint} (or the server root when `endpoint` is undefined): a listing (RFC 7644 §3.4.2). */
  readonly list: (ctx: ScimContext, endpoint: string | undefined) => Promise<void>;
  /** GET /{endpoint}/{id} (RFC 7644 §3.4.1). */
  readonly get: (ctx: ScimContext, endpoint: string, id: string) => Promise<void>;
}

export function readHandlers(provisioning: Provisioning): ReadHandlers {
  return {
    list: async (ctx, endpoint) => {
      ctx.status = 200;
      ctx.body = await provisioning.list(operationContext(ctx), endpoint, searchParamsFromQuery(ctx.query));
    },
    get: async (ctx, endpoint, id) => {
      refuseSearchAsId(ctx, id);
      const result = await provisioning.get(
        operationContext(ctx),
        endpoint,
        id,
        projectionQuery(ctx),
        preconditions(ctx),
      );
      sendResource(ctx, 200, result);
    },
  };
}

export function resourceRoutes(
  router: Router<ScimState>,
  provisioning: Provisioning,
  reads: ReadHandlers = readHandlers(provisioning),
): void {
  const list = reads.list;
  const search = async (ctx: ScimContext, endpoint: string | undefined) => {
    ctx.status = 200;
    ctx.body = await provisioning.list(operationContext(ctx), endpoint, searchParamsFromBody(jsonBody(ctx)));
  };

  router.get("/", (ctx) => list(ctx, undefined));
  router.post("/.search", (ctx) => search(ctx, undefined));
  router.get("/:endpoint", (ctx) => list(ctx, param(ctx, "endpoint")));
  router.post("/:endpoint/.search", (ctx) => search(ctx, param(ctx, "endpoint")));

  router.post("/:endpoint", async (ctx) => {
    const result = await provisioning.create(
      operationContext(ctx),
      param(ctx, "endpoint"),
      jsonBody(ctx),
      projectionQuery(ctx),
    );
    sendResource(ctx, 201, result);
  });

  router.get("/:endpoint/:id", (ctx) => reads.get(ctx, param(ctx, "endpoint"), param(ctx, "id")));

  router.put("/:endpoint/:id", async (ctx) => {
    refuseSearchAsId(ctx);
    const result = await provisioning.replace(
      operationContext(ctx),
      param(ctx, "endpoint"),
      param(ctx, "id"),
      jsonBody(ctx),
      projectionQuery(ctx),
      preconditions(ctx),
    );
    sendResource(ctx, 200, result);
  });

  router.patch("/:endpoint/:id", async (ctx) => {
    refuseSearchAsId(ctx);
    const query = projectionQuery(ctx);
    const result = await provisioning.patch(
      operationContext(ctx),
      param(ctx, "endpoint"),
      param(ctx, "id"),
      jsonBody(ctx),
      query,
      preconditions(ctx),
    );
    sendPatchResult(ctx, result, query);
  });

  router.delete("/:endpoint/:id", async (ctx) => {
    refuseSearchAsId(ctx);
    await provisioning.delete(
      operationContext(ctx),
      param(ctx, "endpoint"),
      param(ctx, "id"),
      preconditions(ctx),
    );
    ctx.status = 204;
  });
}
