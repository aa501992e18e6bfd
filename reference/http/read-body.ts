// Reads JSON request bodies. RFC 7644 §3.8: servers MUST accept JSON (UTF-8); §8.1 registers
// application/scim+json, and application/json is accepted too (most HTTP clients default to it). A body
// declared as anything else is 415 (RFC 7231 §6.5.13), since §3.8 leaves other media types out of scope; a
// body without a Content-Type is read as JSON, the §3.8 default format. A compressed body is 415 too (RFC
// 7231 §3.1.2.2: no content coding is accepted). Malformed JSON, invalid UTF-8 and JSON that is not an
// object are 400 `invalidSyntax` (RFC 7644 §3.12 Table 9; parse-json-body.ts); a body over the limit is 413,
// refused as soon as the limit is passed (or at once when Content-Length already says so). The rest of a
// modestly oversized upload is still read and dropped, so that the client can read the 413 (RFC 9112 §9.6:
// closing with request bytes unread resets the connection, and the client's TCP stack then discards the
// response); a larger one has its connection closed and is never read.
import type Koa from "koa";
import { ScimError } from "../protocol/errors/scim-error.js";
import type { JsonObject } from "../protocol/resource/json.js";
import { isJsonObject } from "../protocol/resource/json.js";
import { parseJsonBody } from "./parse-json-body.js";
import type { ScimContext, ScimState } from "./scim-state.js";

const jsonTypes = ["application/scim+json", "application/json"];
/** Bodies of other methods (a DELETE with a body) are read and ignored, as RFC 7231 §4.3.5 allows. */
const methodsWithBodies = new Set(["POST", "PUT", "PATCH"]);

export interface BodyLimits {
  /** Bytes; over it the request is 413. */
  readonly limit: number;
  /** What the 413 detail says the limit is, e.g. "maxPayloadSize (4194304)" for Bulk (RFC 7644 §3.7.4). */
  readonly describeLimit: (limit: number) => string;
}

/** How many times the limit a refused body may still send to be read and dropped, and for how long. */
const drainFactor = 4;
const drainMs = 10_000;

/**
 * The 413 for a body past the limit, `received` bytes of it read. When what is still to come fits the drain
 * budget, the rest is read and dropped and the connection stays open; otherwise it is closed at once.
 */
function refuseTooLarge(ctx: ScimContext, limits: BodyLimits, received: number): ScimError {
  const detail = `The request body exceeds the ${limits.describeLimit(limits.limit)}.`;
  const budget = limits.limit * drainFactor;
  const declared = Number(ctx.get("Content-Length") || Number.NaN);
  if (Number.isFinite(declared) && declared - received > budget) {
    return new ScimError(413, undefined, detail, { Connection: "close" });
  }
  drop(ctx.req, budget);
  return new ScimError(413, undefined, detail);
}

/** Reads the rest of a refused body and drops it; cuts the connection past `budget` bytes or `drainMs`. */
function drop(req: ScimContext["req"], budget: number): void {
  let left = budget;
  const cut = () => {
    done();
    req.socket.destroy();
  };
  const timer = setTimeout(cut, drainMs);
  timer.unref();
  const onData = (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) cut();
  };
  const done = () => {
    clearTimeout(timer);
    req.off("data", onData);
    req.off("end", done);
    req.off("close", done);
  };
  req.on("data", onData);
  req.on("end", done);
  req.on("close", done);
  req.resume();
}

/**
 * Waits until the whole request has arrived (its body read and dropped, up to `limit` bytes). A request is
 * acted on only then: node's parser refuses a broken body (a malformed chunk, an unknown
 * Transfer-Encoding) only after it has handed the headers to the app, and a DELETE acted on at once would
 * then be carried out while the client is told 400 (client-errors.ts). When the parser refuses, the
 * connection closes and this rejects, so nothing happens.
 */
export async function requestComplete(ctx: ScimContext, limit: number): Promise<void> {
  await collect(ctx, { limit, describeLimit: (n) => `maximum body size (${n} bytes)` });
}

/**
 * Whether the request has fully arrived without a body byte waiting (a GET: node's parser has seen the end
 * of the message): then there is nothing to wait for, and the GET hot path skips the listeners, the
 * promise and the extra turn of the event loop that collecting an empty body costs (issue #8).
 */
function arrivedEmpty(ctx: ScimContext): boolean {
  const req = ctx.req;
  return req.readableEnded || (req.complete && req.readableLength === 0);
}

/** The body's bytes, up to the limit; 413 past it, 400 when the client stops sending half-way. */
function collect(ctx: ScimContext, limits: BodyLimits): Promise<Buffer> {
  const req = ctx.req;
  return new Promise((resolve, reject) => {
    if (arrivedEmpty(ctx)) {
      resolve(Buffer.alloc(0));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
      req.off("close", onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.limit) {
        cleanup();
        reject(refuseTooLarge(ctx, limits, size));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = () => {
      cleanup();
      reject(new ScimError(400, "invalidSyntax", "The request body could not be read to its end."));
    };
    const onAborted = onError;
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
    req.on("close", onAborted);
  });
}

export function readBody(limits: BodyLimits): Koa.Middleware<ScimState> {
  return async (ctx, next) => {
    if (!methodsWithBodies.has(ctx.method)) {
      // Nothing is acted on before the whole request has arrived (requestComplete).
      if (!arrivedEmpty(ctx)) await collect(ctx, limits);
      return next();
    }
    const declared = Number(ctx.get("Content-Length"));
    // Refuse early when the client already says it is too big (RFC 7644 §3.7.4), before reading it.
    if (Number.isFinite(declared) && declared > limits.limit) throw refuseTooLarge(ctx, limits, 0);
    const type = ctx.get("Content-Type");
    // ctx.is() is null when the request has no body (a POST that still names a Content-Type): nothing to check.
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
    const coding = ctx.get("Content-Encoding").trim().toLowerCase();
    if (coding !== "" && coding !== "identity") {
      throw new ScimError(415, undefined, "Send the body without a Content-Encoding (no compression).");
    }
    const parsed = parseJsonBody(await collect(ctx, limits));
    (ctx.request as { rawBody?: string }).rawBody = parsed.text;
    ctx.request.body = parsed.value;
    await next();
  };
}

/** The parsed body as a JSON object, or 400 `invalidSyntax` (an empty body counts as missing). */
export function jsonBody(ctx: ScimContext): JsonObject {
  const body: unknown = ctx.request.body;
  const raw = (ctx.request as { rawBody?: string }).rawBody;
  if (raw === undefined || raw.trim() === "") {
    throw new ScimError(400, "invalidSyntax", "The request needs a JSON object body.");
  }
  if (!isJsonObject(body))
    throw new ScimError(400, "invalidSyntax", "The request body must be a JSON object.");
  return body;
}
