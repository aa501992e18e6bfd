// /Me (RFC 7644 §3.11): an alias for the User linked to the authenticated credential, for GET, PUT,
// PATCH and DELETE, processed directly with `Location` = the aliased resource's permanent location
// (§3.11: "the HTTP Location header MUST be the permanent location"). A credential linked to no User gets
// 501, as §3.11 asks of a provider that does not support the alias; so does POST /Me, since creating
// "the authenticated subject" has no meaning for a provisioning client's credential.
import type Router from "@koa/router";
import { notImplemented } from "../../protocol/errors/scim-error.js";
import type { Provisioning } from "../../provisioning/provisioning.js";
import { jsonBody } from "../read-body.js";
import {
  operationContext,
  preconditions,
  projectionQuery,
  sendPatchResult,
  sendResource,
} from "../respond.js";
import { authenticated, type ScimContext, type ScimState } from "../scim-state.js";

const usersEndpoint = "/Users";

function linkedUser(ctx: ScimContext): string {
  const id = authenticated(ctx).linkedUserId;
  if (id === undefined) {
    throw notImplemented("/Me is not available: this credential is not linked to a User (RFC 7644 §3.11).");
  }
  return id;
}

export function meRoutes(router: Router<ScimState>, provisioning: Provisioning): void {
  router.get("/Me", async (ctx) => {
    const id = linkedUser(ctx);
    sendResource(
      ctx,
      200,
      await provisioning.get(
        operationContext(ctx),
        usersEndpoint,
        id,
        projectionQuery(ctx),
        preconditions(ctx),
      ),
    );
  });
  router.put("/Me", async (ctx) => {
    const id = linkedUser(ctx);
    const result = await provisioning.replace(
      operationContext(ctx),
      usersEndpoint,
      id,
      jsonBody(ctx),
      projectionQuery(ctx),
      preconditions(ctx),
    );
    sendResource(ctx, 200, result);
  });
  router.patch("/Me", async (ctx) => {
    const id = linkedUser(ctx);
    const query = projectionQuery(ctx);
    const result = await provisioning.patch(
      operationContext(ctx),
      usersEndpoint,
      id,
      jsonBody(ctx),
      query,
      preconditions(ctx),
    );
    sendPatchResult(ctx, result, query);
  });
  router.delete("/Me", async (ctx) => {
    const id = linkedUser(ctx);
    await provisioning.delete(operationContext(ctx), usersEndpoint, id, preconditions(ctx));
    ctx.status = 204;
  });
  router.post("/Me", () => {
    throw notImplemented("Creating a resource through /Me is not supported (RFC 7644 §3.11).");
  });
}
