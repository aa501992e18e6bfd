// A semaphore per IdP connection (http-limits.ts): a request of a connection that already has
// `maxConcurrentPerConnection` requests in progress is refused at once with 503 and Retry-After (RFC 7231
// §6.6.4, §7.1.3) instead of queueing, so one busy or hostile client cannot starve the others. It runs after
// authentication, since the connection is what is counted; unauthenticated requests never reach it.
import type Koa from "koa";
import { ScimError } from "../protocol/errors/scim-error.js";
import type { HttpLimits } from "./http-limits.js";
import type { ScimState } from "./scim-state.js";

export function concurrencyLimit(
  limits: Pick<HttpLimits, "maxConcurrentPerConnection" | "retryAfterSeconds">,
): Koa.Middleware<ScimState> {
  const inProgress = new Map<string, number>();
  const { maxConcurrentPerConnection: max, retryAfterSeconds } = limits;
  return async (ctx, next) => {
    const id = ctx.state.auth?.connection.id;
    if (max <= 0 || id === undefined) return next();
    const current = inProgress.get(id) ?? 0;
    if (current >= max) {
      ctx.state.log.warn({ connection: id, limit: max }, "concurrent request limit reached");
      throw new ScimError(
        503,
        undefined,
        `This connection already has ${max} requests in progress; retry after ${retryAfterSeconds} second(s).`,
        { "Retry-After": String(retryAfterSeconds) },
      );
    }
    inProgress.set(id, current + 1);
    try {
      await next();
    } finally {
      const left = (inProgress.get(id) ?? 1) - 1;
      if (left === 0) inProgress.delete(id);
      else inProgress.set(id, left);
    }
  };
}
