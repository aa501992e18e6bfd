// Gives every request an id (the client's X-Request-Id when it is a plain token, else a new UUID), echoes
// it in the response, and writes one access-log line when the response is done: request id, method, path,
// status, latency, and the connection and credential names once known. The query string is not logged:
// filters carry personal data (RFC 7644 §7.5.2), and Authorization and bodies never reach the log.
// Cheap on purpose (issue #8): the per-request child logger is built only when something logs through it
// (most requests never do), and the access line is one call carrying the request id itself, which writes
// the same line a child logger would.
import { randomUUID } from "node:crypto";
import type Koa from "koa";
import type { Authentication } from "../connections/connection-resolver.js";
import type { HttpLogger } from "./http-logger.js";
import type { ScimState } from "./scim-state.js";

const safeRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** ctx.state of one request: `log` is the request's child logger, made on first use. */
class RequestState implements ScimState {
  readonly requestId: string;
  baseUrl: string;
  auth?: Authentication;
  adminCredentialId?: string;
  readonly #logger: HttpLogger;
  #log: HttpLogger | undefined;

  constructor(logger: HttpLogger, requestId: string, baseUrl: string) {
    this.#logger = logger;
    this.requestId = requestId;
    this.baseUrl = baseUrl;
  }

  get log(): HttpLogger {
    this.#log ??= this.#logger.child({ requestId: this.requestId });
    return this.#log;
  }

  set log(log: HttpLogger) {
    this.#log = log;
  }
}

export interface RequestContextOptions {
  /**
   * Where the access lines go; `logger` when omitted. main.ts passes pino without redaction here: the
   * line is built from fixed non-secret fields, so key-based redaction never changes it and only costs.
   */
  readonly accessLog?: HttpLogger;
}

export function requestContext(
  logger: HttpLogger,
  basePath: string,
  options: RequestContextOptions = {},
): Koa.Middleware<ScimState> {
  const accessLog = options.accessLog ?? logger;
  return async (ctx, next) => {
    const started = performance.now();
    const offered = ctx.get("X-Request-Id");
    const requestId = safeRequestId.test(offered) ? offered : randomUUID();
    // Koa 3's ctx.origin is the Origin request header, so the base URL is built from protocol and Host.
    const state = new RequestState(
      logger,
      requestId,
      `${ctx.protocol}://${ctx.host || "localhost"}${basePath}`,
    );
    ctx.state = state;
    ctx.set("X-Request-Id", requestId);
    try {
      await next();
    } finally {
      const auth = state.auth;
      const admin = state.adminCredentialId;
      accessLog.info(
        {
          requestId,
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
          ...(auth === undefined ? {} : { connection: auth.connection.id, credential: auth.credentialId }),
          ...(admin === undefined ? {} : { credential: admin }),
        },
        "request",
      );
    }
  };
}
