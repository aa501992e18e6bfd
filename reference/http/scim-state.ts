// What the middleware chain learns about a request and hands down: its id and logger first, then the
// authenticated connection. Routes read it through `scimState(ctx)` rather than poking at ctx.state.
import type Koa from "koa";
import type { Authentication } from "../connections/connection-resolver.js";
import type { HttpLogger } from "./http-logger.js";

export interface ScimState {
  requestId: string;
  log: HttpLogger;
  /** Absolute SCIM base URL of this request, e.g. "http://localhost:8080/scim/v2" (RFC 7644 §3.1 `meta.location`). */
  baseUrl: string;
  auth?: Authentication;
  /** Set by the admin API once its own credential is verified (logged like a SCIM credential). */
  adminCredentialId?: string;
}

export type ScimContext = Koa.ParameterizedContext<ScimState>;

export function authenticated(ctx: ScimContext): Authentication {
  const auth = ctx.state.auth;
  // The authenticate middleware runs before every SCIM route; reaching here without it is a wiring bug.
  if (auth === undefined) throw new Error("route reached without authentication");
  return auth;
}
