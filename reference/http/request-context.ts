// Gives every request an id (the client's X-Request-Id when it is a plain token, else a new UUID), echoes
// it in the response, and writes one access-log line when the response is done: request id, method, path,
// status, latency, and the connection and credential names once known. The query string is not logged:
// filters carry personal data (RFC 7644 §7.5.2), and Authorization and bodies never reach the log.
import { randomUUID } from "node:crypto";
import type Koa from "koa";
import type { HttpLogger } from "./http-logger.js";
import type { ScimState } from "./scim-state.js";

const safeRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestContext(logger: HttpLogger, basePath: string): Koa.Middleware<ScimState> {
  return async (ctx, next) => {
    const started = performance.now();
    const offered = ctx.get("X-Request-Id");
    const requestId = safeRequestId.test(offered) ? offered : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    // Koa 3's ctx.origin is the Origin request header, so the base URL is built from protocol and Host.
    ctx.state.baseUrl = `${ctx.protocol}://${ctx.host || "localhost"}${basePath}`;
    ctx.set("X-Request-Id", requestId);
    try {
      await next();
    } finally {
      const auth = ctx.state.auth;
      ctx.state.log.info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
          ...(auth === undefined ? {} : { connection: auth.connection.id, credential: auth.credentialId }),
          ...(ctx.state.adminCredentialId === undefined ? {} : { credential: ctx.state.adminCredentialId }),
        },
        "request",
      );
    }
  };
}
