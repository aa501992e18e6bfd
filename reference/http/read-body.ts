// Reads JSON request bodies. RFC 7644 §3.8: servers MUST accept JSON (UTF-8); §8.1 registers
// application/scim+json, and application/json is accepted too (most HTTP clients default to it). A body
// declared as anything else is 415 (RFC 7231 §6.5.13), since §3.8 leaves other media types out of scope; a
// body without a Content-Type is read as JSON, the §3.8 default format. Malformed JSON and JSON that is
// not an object are 400 `invalidSyntax` (RFC 7644 §3.12 Table 9); a body over the limit is 413.
import { bodyParser } from "@koa/bodyparser";
import type Koa from "koa";
import { ScimError } from "../protocol/errors/scim-error.js";
import type { JsonObject } from "../protocol/resource/json.js";
import { isJsonObject } from "../protocol/resource/json.js";
import type { ScimContext, ScimState } from "./scim-state.js";

const jsonTypes = ["application/scim+json", "application/json"];

export interface BodyLimits {
  /** Bytes; over it the request is 413. */
  readonly limit: number;
  /** What the 413 detail says the limit is, e.g. "maxPayloadSize (4194304)" for Bulk (RFC 7644 §3.7.4). */
  readonly describeLimit: (limit: number) => string;
}

function tooLarge(limits: BodyLimits): ScimError {
  return new ScimError(413, undefined, `The request body exceeds the ${limits.describeLimit(limits.limit)}.`);
}

export function readBody(limits: BodyLimits): Koa.Middleware<ScimState> {
  const parse = bodyParser({
    enableTypes: ["json"],
    jsonLimit: limits.limit,
    // No Content-Type: treat the body as JSON (RFC 7644 §3.8 default format).
    detectJSON: (ctx) => !ctx.get("Content-Type"),
    onError: (error) => {
      const status = (error as { status?: number }).status;
      if (status === 413) throw tooLarge(limits);
      throw new ScimError(400, "invalidSyntax", "The request body is not valid JSON.");
    },
  });
  return async (ctx, next) => {
    const declared = Number(ctx.get("Content-Length"));
    // Refuse early when the client already says it is too big (RFC 7644 §3.7.4), before reading it.
    if (Number.isFinite(declared) && declared > limits.limit) throw tooLarge(limits);
    const type = ctx.get("Content-Type");
    // ctx.is() is null when the request has no body (a GET that still names a Content-Type): nothing to check.
    const matches = type ? ctx.is(jsonTypes) : null;
    if (matches === false) {
      throw new ScimError(
        415,
        undefined,
        `Send the body as application/scim+json or application/json, not ${type}.`,
      );
    }
    // RFC 7644 §3.8: UTF-8 is the encoding; the parser would read any other as UTF-8 and garble it.
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
    if (matches !== null && charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
      throw new ScimError(415, undefined, `Send the body in UTF-8 (RFC 7644 §3.8), not ${charset}.`);
    }
    await parse(ctx, next);
  };
}

/** The parsed body as a JSON object, or 400 `invalidSyntax` (an empty body counts as missing). */
export function jsonBody(ctx: ScimContext): JsonObject {
  const body: unknown = ctx.request.body;
  const raw = (ctx.request as { rawBody?: string }).rawBody;
  if (raw !== undefined && raw.trim() === "") {
    throw new ScimError(400, "invalidSyntax", "The request needs a JSON object body.");
  }
  if (!isJsonObject(body))
    throw new ScimError(400, "invalidSyntax", "The request body must be a JSON object.");
  return body;
}
