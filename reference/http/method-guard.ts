// Methods allowed on the fixed endpoints (RFC 7644 §3.2 Table 1, §4). The resource routes take a
// resource-type segment (`/:endpoint`), which would otherwise also capture `POST /Schemas` and answer it as
// "create a Schemas resource"; this table answers such requests with 405 and an `Allow` header (RFC 7231
// §6.5.5) first. RFC 7644 §4: discovery endpoints are read with GET only.
import type Koa from "koa";
import { ScimError } from "../protocol/errors/scim-error.js";
import type { ScimState } from "./scim-state.js";

const allowedBySegment: Readonly<Record<string, readonly string[]>> = {
  serviceproviderconfig: ["GET", "HEAD"],
  resourcetypes: ["GET", "HEAD"],
  schemas: ["GET", "HEAD"],
  bulk: ["POST"],
  ".search": ["POST"],
  me: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
};

export function methodGuard(basePath: string): Koa.Middleware<ScimState> {
  return async (ctx, next) => {
    const rest = ctx.path
      .slice(basePath.length)
      .split("/")
      .filter((s) => s !== "");
    const first = rest[0]?.toLowerCase();
    const allowed = first === undefined ? undefined : allowedBySegment[first];
    if (allowed !== undefined && !allowed.includes(ctx.method)) {
      throw new ScimError(
        405,
        undefined,
        `${ctx.method} is not allowed on ${ctx.path}; use ${allowed.join(", ")}.`,
        {
          Allow: allowed.join(", "),
        },
      );
    }
    await next();
  };
}
