// The request context (request-context.ts): one access line per request carrying the request id, and a
// per-request child logger made only when something logs through it (issue #8: most requests never do).
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import Koa from "koa";
import type { HttpLogger } from "./http-logger.js";
import { requestContext } from "./request-context.js";
import type { ScimState } from "./scim-state.js";

class RecordingLogger implements HttpLogger {
  readonly lines: Record<string, unknown>[] = [];
  readonly children: Record<string, unknown>[] = [];
  info(obj: object) {
    this.lines.push({ ...obj });
  }
  warn(obj: object) {
    this.lines.push({ ...obj });
  }
  error(obj: object) {
    this.lines.push({ ...obj });
  }
  child(bindings: Record<string, unknown>): HttpLogger {
    this.children.push(bindings);
    return {
      info: (obj) => this.info({ ...bindings, ...obj }),
      warn: (obj) => this.warn({ ...bindings, ...obj }),
      error: (obj) => this.error({ ...bindings, ...obj }),
      child: (more) => this.child({ ...bindings, ...more }),
    };
  }
}

const logger = new RecordingLogger();
const accessLog = new RecordingLogger();
let origin = "";
let close: () => void = () => {};

before(async () => {
  const app = new Koa<ScimState>();
  app.use(requestContext(logger, "/scim/v2", { accessLog }));
  app.use((ctx) => {
    if (ctx.path === "/logs") ctx.state.log.warn({ step: "handler" }, "something to say");
    ctx.body = { ok: true };
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
after(() => close());

describe("requestContext", () => {
  it("writes one access line with the request id and builds no child logger when nothing logs", async () => {
    logger.children.length = 0;
    const response = await fetch(`${origin}/quiet?filter=secret`, { headers: { "X-Request-Id": "req-1" } });
    assert.equal(response.headers.get("x-request-id"), "req-1");
    const line = accessLog.lines.at(-1);
    assert.equal(line?.requestId, "req-1");
    assert.equal(line?.path, "/quiet", "the query string is never logged (RFC 7644 §7.5.2)");
    assert.equal(line?.status, 200);
    assert.deepEqual(logger.children, []);
  });

  it("builds the child logger once something logs, bound to the request id", async () => {
    logger.children.length = 0;
    await fetch(`${origin}/logs`, { headers: { "X-Request-Id": "req-2" } });
    assert.deepEqual(logger.children, [{ requestId: "req-2" }]);
    assert.deepEqual(logger.lines.at(-1), { requestId: "req-2", step: "handler" });
    assert.equal(accessLog.lines.at(-1)?.requestId, "req-2");
  });

  it("replaces an unsafe X-Request-Id with a generated one", async () => {
    const response = await fetch(`${origin}/quiet`, { headers: { "X-Request-Id": "bad id\u00e9" } });
    const id = response.headers.get("x-request-id") ?? "";
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(accessLog.lines.at(-1)?.requestId, id);
  });
});
