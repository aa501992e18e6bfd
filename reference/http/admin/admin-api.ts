// The admin API for IdP connections, shaped like PingFederate's `/pf-admin-api/v1/sp/idpConnections`
// (pingfederate-model.md §2.1): under /admin/v1, list (`{ items }`, optional `entityId` filter), get,
// create (POST, 201 + Location), replace (PUT) and delete (DELETE, 204). Bodies are connections in the
// same shape as the connections file; the answers are connection-view.ts renderings (no secret ever).
// Its credential is its own bearer token (admin-credential.ts); SCIM credentials do not open it. Refused
// credentials count against the same per-address throttle as SCIM's. Every refusal is an ApiResult.
import { bodyParser } from "@koa/bodyparser";
import type Koa from "koa";
import type { ConnectionCatalog } from "../../connections/connection-catalog.js";
import { connectionView } from "../../connections/connection-view.js";
import type { CredentialVerifier } from "../../connections/credential-verifier.js";
import { ScimError } from "../../protocol/errors/scim-error.js";
import { presentedCredential } from "../authenticate.js";
import type { FailureThrottle } from "../failure-throttle.js";
import { requestComplete } from "../read-body.js";
import type { ScimState } from "../scim-state.js";
import { ApiResultError, apiError, connectionNotFound, validationFailed } from "./api-result.js";

export const adminBasePath = "/admin/v1";
const collection = "/idpConnections";
const adminRealm = "scim-admin";

export interface AdminApiDeps {
  readonly catalog: ConnectionCatalog;
  readonly verifier: CredentialVerifier;
  readonly throttle?: FailureThrottle | undefined;
}

type AdminContext = Koa.ParameterizedContext<ScimState>;

function refuse(detail: string, invalidToken: boolean): ApiResultError {
  return apiError(401, "unauthorized", detail, {
    "WWW-Authenticate": `Bearer realm="${adminRealm}"${invalidToken ? ', error="invalid_token"' : ""}`,
  });
}

async function authenticateAdmin(ctx: AdminContext, deps: AdminApiDeps): Promise<void> {
  const credential = presentedCredential(ctx.get("Authorization") || undefined);
  if (credential === undefined || credential.kind !== "bearer") {
    throw refuse("The admin API needs its bearer token (SCIM_ADMIN_TOKEN).", false);
  }
  const wait = deps.throttle?.retryAfter(ctx.ip);
  if (wait !== undefined && deps.verifier.peek(credential).value === undefined) {
    throw apiError(429, "too_many_requests", `Too many refused credentials; retry after ${wait} seconds.`, {
      "Retry-After": String(wait),
    });
  }
  const matched = await deps.verifier.verify(credential);
  if (matched === undefined) {
    deps.throttle?.fail(ctx.ip);
    throw refuse("The credentials were not accepted.", true);
  }
  ctx.state.adminCredentialId = matched.id;
}

const adminBodyLimit = 1024 * 1024;

const parseJson = bodyParser({
  enableTypes: ["json"],
  jsonLimit: adminBodyLimit,
  detectJSON: (ctx) => !ctx.get("Content-Type"),
  onError: () => {
    throw apiError(400, "invalid_request", "The request body is not valid JSON.");
  },
});

async function readJson(ctx: AdminContext): Promise<unknown> {
  const type = ctx.get("Content-Type");
  if (type && ctx.is("application/json") === false) {
    throw apiError(415, "unsupported_media_type", `Send the connection as application/json, not ${type}.`);
  }
  await parseJson(ctx, async () => {});
  const raw = (ctx.request as { rawBody?: string }).rawBody;
  if (raw === undefined || raw.trim() === "")
    throw apiError(400, "invalid_request", "The request needs a JSON body.");
  return ctx.request.body;
}

/** Acts only on a request that fully arrived (read-body.ts requestComplete: a DELETE must not run while
 *  the client is told its request was malformed). POST and PUT bodies are read whole by readJson. */
async function wholeRequest(ctx: AdminContext): Promise<void> {
  try {
    await requestComplete(ctx, adminBodyLimit);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    throw apiError(
      error.status,
      error.status === 413 ? "request_too_large" : "invalid_request",
      error.detail,
    );
  }
}

function allow(methods: string): never {
  throw apiError(405, "method_not_allowed", `Use ${methods}.`, { Allow: methods });
}

async function route(ctx: AdminContext, deps: AdminApiDeps): Promise<void> {
  const rest = ctx.path.slice(adminBasePath.length);
  const { catalog } = deps;
  if (rest === collection || rest === `${collection}/`) {
    if (ctx.method === "GET" || ctx.method === "HEAD") {
      const entityId = typeof ctx.query.entityId === "string" ? ctx.query.entityId : undefined;
      const items = catalog.list().filter((c) => entityId === undefined || c.entityId === entityId);
      ctx.status = 200;
      ctx.body = { items: items.map(connectionView) };
      return;
    }
    if (ctx.method !== "POST") allow("GET, POST");
    const result = await catalog.create(await readJson(ctx));
    if (!result.ok) throw validationFailed(result.issues);
    ctx.status = 201;
    ctx.set(
      "Location",
      `${ctx.protocol}://${ctx.host || "localhost"}${adminBasePath}${collection}/${encodeURIComponent(result.value.id)}`,
    );
    ctx.body = connectionView(result.value);
    return;
  }
  const match = new RegExp(`^${collection}/([^/]+)$`).exec(rest);
  if (match?.[1] === undefined)
    throw apiError(404, "resource_not_found", `No admin endpoint at ${ctx.path}.`);
  const id = decodeURIComponent(match[1]);
  switch (ctx.method) {
    case "GET":
    case "HEAD": {
      const connection = catalog.get(id);
      if (connection === undefined) throw connectionNotFound(id);
      ctx.status = 200;
      ctx.body = connectionView(connection);
      return;
    }
    case "PUT": {
      const body = await readJson(ctx);
      const result = await catalog.replace(id, body);
      if (result.ok === "not-found") throw connectionNotFound(id);
      if (!result.ok) throw validationFailed(result.issues);
      ctx.status = 200;
      ctx.body = connectionView(result.value);
      return;
    }
    case "DELETE":
      if (!(await catalog.delete(id))) throw connectionNotFound(id);
      ctx.status = 204;
      return;
    default:
      allow("GET, PUT, DELETE");
  }
}

/** Handles every request under /admin/v1 (and nothing else) with its own errors and content type. */
export function adminApi(deps: AdminApiDeps): Koa.Middleware<ScimState> {
  return async (ctx, next) => {
    const lower = ctx.path.toLowerCase();
    if (lower !== adminBasePath && !lower.startsWith(`${adminBasePath}/`)) return next();
    try {
      await authenticateAdmin(ctx, deps);
      if (ctx.method !== "POST" && ctx.method !== "PUT") await wholeRequest(ctx);
      await route(ctx, deps);
    } catch (error) {
      let failure: ApiResultError;
      if (error instanceof ApiResultError) failure = error;
      else {
        ctx.state.log.error({ err: error }, "unhandled admin API error");
        failure = apiError(500, "internal_error", `Internal server error (request ${ctx.state.requestId}).`);
      }
      ctx.status = failure.status;
      for (const [name, value] of Object.entries(failure.headers)) ctx.set(name, value);
      ctx.body = failure.result;
    }
    if (ctx.body !== undefined && ctx.body !== null) ctx.type = "application/json; charset=utf-8";
  };
}
