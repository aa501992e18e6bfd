// POST /Bulk (RFC 7644 §3.7). The body limit is maxPayloadSize (413 naming it, §3.7.4, enforced while
// reading the body); more operations than maxOperations is 413 from the pipeline. A processed bulk request
// answers 200 whatever its operations' outcomes (§3.7: per-operation status is in the body).
import type Router from "@koa/router";
import type { Provisioning } from "../../provisioning/provisioning.js";
import { jsonBody } from "../read-body.js";
import { operationContext } from "../respond.js";
import type { ScimState } from "../scim-state.js";

export function bulkRoute(router: Router<ScimState>, provisioning: Provisioning): void {
  router.post("/Bulk", async (ctx) => {
    const body = jsonBody(ctx);
    ctx.body = await provisioning.bulk(operationContext(ctx), body);
    ctx.status = 200;
  });
}
