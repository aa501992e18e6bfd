// Requests that node's HTTP parser refuses before Koa ever sees them (a malformed request line or header,
// bytes a header may not hold, headers past maxHeaderSize, an unknown method, a request not received
// within requestTimeout) would get node's bare status line with no body. They are answered here as SCIM
// errors instead (RFC 7644 §3.12), so that every refusal a SCIM client can receive is one it can read:
// 431 for headers over the limit (RFC 6585 §5), 408 for a request that arrived too slowly (RFC 7231
// §6.5.7), 501 for a method the parser does not know (RFC 7231 §4.1), 400 for anything else malformed.
// An `Expect` other than 100-continue, which node answers with a bare 417, gets a SCIM 417 (RFC 7231
// §5.1.1). Nothing of the request is echoed or logged but the parser's error code.
import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { ScimError } from "../protocol/errors/scim-error.js";
import type { HttpLogger } from "./http-logger.js";
import { scimContentType } from "./render-errors.js";

function errorFor(code: string | undefined): ScimError {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return new ScimError(431, undefined, "The request headers are larger than the server accepts.");
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new ScimError(408, undefined, "The request was not received in time; send it again, faster.");
    case "HPE_INVALID_METHOD":
      return new ScimError(501, undefined, "The request method is not one this server implements.");
    default:
      return new ScimError(400, undefined, `The request is not valid HTTP/1.1 (${code ?? "parse error"}).`);
  }
}

export function answerClientErrors(server: Server, logger: HttpLogger): void {
  // Listening replaces node's bare 417; the request never reaches Koa, as it would not without a listener.
  server.on("checkExpectation", (_req: IncomingMessage, res: ServerResponse) => {
    const scim = new ScimError(
      417,
      undefined,
      "Only the expectation 100-continue is supported (RFC 7231 §5.1.1).",
    );
    const body = JSON.stringify(scim.toJSON());
    res.writeHead(417, {
      "Content-Type": scimContentType,
      "Content-Length": Buffer.byteLength(body),
      Connection: "close",
    });
    res.end(body);
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A response already under way on this socket cannot be replaced without corrupting it (node's own
    // default handler makes the same check).
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent === true) {
      socket.destroy();
      return;
    }
    const scim = errorFor(error.code);
    logger.info({ status: scim.status, code: error.code }, "request refused by the HTTP parser");
    const body = JSON.stringify(scim.toJSON());
    socket.end(
      `HTTP/1.1 ${scim.status} ${STATUS_CODES[scim.status] ?? ""}\r\n` +
        `Content-Type: ${scimContentType}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Connection: close\r\n\r\n" +
        body,
    );
  });
}
