// The one place errors become responses (STYLE.md §7). A ScimError renders as the RFC 7644 §3.12 body
// (`status` a string, `scimType`, `detail`) with its extra headers; an HTTP error from Koa or its body
// parser is translated to the matching SCIM error; anything else is an opaque 500 whose details go to
// the log only. Responses that the router leaves empty (no route: 404; wrong method: 405 with `Allow`)
// get a SCIM error body too, and every JSON response is `application/scim+json` (RFC 7644 §3.1, §8.1).
import type Koa from "koa";
import { ScimError } from "../protocol/errors/scim-error.js";
import type { ScimState } from "./scim-state.js";

export const scimContentType = "application/scim+json; charset=utf-8";

interface HttpErrorLike {
  readonly status: number;
  readonly expose?: boolean;
  readonly message: string;
  readonly type?: string;
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return error instanceof Error && typeof (error as Partial<HttpErrorLike>).status === "number";
}

/** Koa/http-errors → ScimError, for the client-side failures they describe; undefined for server faults. */
function fromHttpError(error: HttpErrorLike): ScimError | undefined {
  if (error.status >= 500 || error.status < 400) return undefined;
  if (error.status === 400) return new ScimError(400, "invalidSyntax", "The request body is not valid JSON.");
  return new ScimError(error.status, undefined, error.expose ? error.message : "Request rejected.");
}

function emptyResponseError(ctx: Koa.ParameterizedContext<ScimState>): ScimError | undefined {
  if (ctx.body !== undefined && ctx.body !== null) return undefined;
  switch (ctx.status) {
    case 404:
      return new ScimError(404, undefined, `No SCIM endpoint at ${ctx.path}.`);
    case 405:
      return new ScimError(
        405,
        undefined,
        `${ctx.method} is not allowed on ${ctx.path}; allowed: ${ctx.response.get("Allow")}.`,
      );
    case 501:
      return new ScimError(501, undefined, `${ctx.method} is not implemented.`);
    default:
      return undefined;
  }
}

function render(ctx: Koa.ParameterizedContext<ScimState>, error: ScimError): void {
  ctx.status = error.status;
  for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
  ctx.body = error.toJSON();
}

export function renderErrors(): Koa.Middleware<ScimState> {
  return async (ctx, next) => {
    try {
      await next();
      const empty = emptyResponseError(ctx);
      if (empty !== undefined) render(ctx, empty);
    } catch (error) {
      const scim = error instanceof ScimError ? error : isHttpError(error) ? fromHttpError(error) : undefined;
      if (scim !== undefined) {
        render(ctx, scim);
      } else {
        // Opaque to the client (no stack, no message that might carry data); complete in the log.
        ctx.state.log.error({ err: error }, "unhandled error");
        render(ctx, new ScimError(500, undefined, `Internal server error (request ${ctx.state.requestId}).`));
      }
    }
    if (ctx.body !== undefined && ctx.body !== null && typeof ctx.body === "object")
      ctx.type = scimContentType;
  };
}
