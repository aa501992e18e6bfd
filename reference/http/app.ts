// The Koa binding of the SCIM protocol (RFC 7644): base path /scim/v2, one error renderer, authentication
// that resolves the connection, JSON bodies, and routes that translate HTTP to the provisioning pipeline
// and back; beside it, the connections admin API under /admin/v1 with its own credential and errors. It never names a datastore adapter: main.ts (the composition root) hands it the resolver and
// the pipeline.
import Router from "@koa/router";
import Koa from "koa";
import type { ConnectionResolver } from "../connections/connection-resolver.js";
import type { Provisioning } from "../provisioning/provisioning.js";
import { type AdminApiDeps, adminApi } from "./admin/admin-api.js";
import { authenticate } from "./authenticate.js";
import { concurrencyLimit } from "./concurrency-limit.js";
import type { FailureThrottle } from "./failure-throttle.js";
import { type HttpLimits, httpLimits } from "./http-limits.js";
import type { HttpLogger } from "./http-logger.js";
import { silentLogger } from "./http-logger.js";
import { methodGuard } from "./method-guard.js";
import { readBody } from "./read-body.js";
import { renderErrors } from "./render-errors.js";
import { requestContext } from "./request-context.js";
import { bulkRoute } from "./routes/bulk-route.js";
import { discoveryRoutes, isPublicDiscovery } from "./routes/discovery-routes.js";
import { hotRoutes } from "./routes/hot-routes.js";
import { meRoutes } from "./routes/me-routes.js";
import { readHandlers, resourceRoutes } from "./routes/resource-routes.js";
import type { ScimState } from "./scim-state.js";

export const defaultBasePath = "/scim/v2";

export interface AppDeps {
  readonly resolver: ConnectionResolver;
  readonly provisioning: Provisioning;
  readonly logger?: HttpLogger;
  /** Where the access-log lines go (request-context.ts); `logger` when omitted. */
  readonly accessLog?: HttpLogger;
  readonly basePath?: string;
  /** Refused credentials per client address (429 past the limit); none when omitted. */
  readonly throttle?: FailureThrottle;
  /** The connections admin API under /admin/v1; absent when the server has no configured catalog. */
  readonly admin?: Omit<AdminApiDeps, "throttle">;
  /**
   * false: GET /{endpoint}[/{id}] goes through @koa/router like every other request instead of the
   * matcher of routes/hot-routes.ts; tests compare the two. true when omitted.
   */
  readonly hotRoutes?: boolean;
  /** Timeouts and the per-connection concurrency bound (http-limits.ts); defaults when omitted. */
  readonly limits?: Partial<HttpLimits>;
}

function under(basePath: string, path: string): boolean {
  const lower = path.toLowerCase();
  const base = basePath.toLowerCase();
  return lower === base || lower.startsWith(`${base}/`);
}

export function createApp(deps: AppDeps): Koa<ScimState> {
  const basePath = deps.basePath ?? defaultBasePath;
  const { provisioning, resolver } = deps;
  const app = new Koa<ScimState>();
  // Koa would print every error to stderr; renderErrors logs them through pino instead.
  app.silent = true;

  const router = new Router<ScimState>({ prefix: basePath });
  // Fixed paths first: `/:endpoint` would match them too.
  discoveryRoutes(router, provisioning, resolver);
  meRoutes(router, provisioning);
  bulkRoute(router, provisioning);
  const reads = readHandlers(provisioning);
  resourceRoutes(router, provisioning, reads);

  const limits = provisioning.limits;
  const bulkBody = readBody({
    limit: limits.bulkMaxPayloadSize,
    describeLimit: (n) => `maxPayloadSize (${n})`,
  });
  const plainBody = readBody({
    limit: limits.maxBodySize,
    describeLimit: (n) => `maximum body size (${n} bytes)`,
  });
  const body: Koa.Middleware<ScimState> = (ctx, next) =>
    (ctx.path.toLowerCase() === `${basePath}/bulk`.toLowerCase() ? bulkBody : plainBody)(ctx, next);
  // Everything below applies to the SCIM base path only; other paths fall through to a SCIM 404.
  const scimOnly =
    (mw: Koa.Middleware<ScimState>): Koa.Middleware<ScimState> =>
    (ctx, next) =>
      under(basePath, ctx.path) ? mw(ctx, next) : next();

  app.use(
    requestContext(
      deps.logger ?? silentLogger,
      basePath,
      deps.accessLog === undefined ? {} : { accessLog: deps.accessLog },
    ),
  );
  // The admin API renders its own errors (PingFederate ApiResult, not SCIM) and never reaches the SCIM chain.
  if (deps.admin !== undefined) app.use(adminApi({ ...deps.admin, throttle: deps.throttle }));
  app.use(renderErrors());
  app.use(
    scimOnly(
      authenticate(resolver, deps.throttle, {
        anonymous: (ctx) => isPublicDiscovery(basePath, ctx.method, ctx.path),
      }),
    ),
  );
  app.use(scimOnly(concurrencyLimit(httpLimits(deps.limits))));
  app.use(scimOnly(methodGuard(basePath)));
  app.use(scimOnly(body));
  // GET /{endpoint}[/{id}] without the router's walk (routes/hot-routes.ts); anything else goes on to it.
  if (deps.hotRoutes !== false) app.use(scimOnly(hotRoutes(basePath, reads)));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
