// A raw HTTP/1.1 client over node:net: sends exactly the bytes a test builds (invalid UTF-8 in the
// request target, unknown methods, oversized or malformed headers, bodies in any encoding), one request
// per connection, and parses whatever comes back. node:http and fetch refuse to send most of these, and a
// fuzzer must reach the server's own parser, not the client's.
import { connect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";

export interface RawRequest {
  readonly method: string;
  /** The request target, sent as given (a latin1 string, so each char is one byte). */
  readonly target: string;
  /** Header lines in order; names and values are sent as given (latin1). */
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: Buffer;
  /** Adds Content-Length for the body unless a header already names one. Default true. */
  readonly contentLength?: boolean;
}

export interface RawResponse {
  readonly status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Every byte received, for scans that must see headers and body alike. */
  readonly bytes: Buffer;
}

export interface RawTarget {
  readonly host: string;
  readonly port: number;
  readonly tls?: {
    readonly ca?: string | Buffer;
    readonly cert?: string | Buffer;
    readonly key?: string | Buffer;
  };
}

export function targetOf(url: string): RawTarget {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}

export function encodeRequest(request: RawRequest, host: string): Buffer {
  const body = request.body ?? Buffer.alloc(0);
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `Host: ${host}`];
  const named = new Set(request.headers.map(([name]) => name.toLowerCase()));
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  if ((request.contentLength ?? true) && !named.has("content-length") && !named.has("transfer-encoding"))
    lines.push(`Content-Length: ${body.length}`);
  if (!named.has("connection")) lines.push("Connection: close");
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), body]);
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const eol = body.indexOf("\r\n", at, "latin1");
    if (eol < 0) break;
    const size = Number.parseInt(body.subarray(at, eol).toString("latin1"), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Parses the first response in `bytes` (a 100 Continue interim answer is skipped). */
export function parseResponse(bytes: Buffer): RawResponse | undefined {
  let start = 0;
  for (;;) {
    const end = bytes.indexOf("\r\n\r\n", start, "latin1");
    if (end < 0) return undefined;
    const head = bytes.subarray(start, end).toString("latin1").split("\r\n");
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? "")?.[1]);
    if (!Number.isInteger(status)) return undefined;
    if (status === 100) {
      start = end + 4;
      continue;
    }
    const headers: Record<string, string> = {};
    for (const line of head.slice(1)) {
      const colon = line.indexOf(":");
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    let body = bytes.subarray(end + 4);
    if (headers["transfer-encoding"]?.toLowerCase() === "chunked") body = dechunk(body);
    else if (headers["content-length"] !== undefined)
      body = body.subarray(0, Number(headers["content-length"]));
    return { status, headers, body, bytes };
  }
}

/**
 * Whether `bytes` already hold a whole response, so that a connection the server keeps alive (the request
 * asked for it) need not be waited out: a body-less status, HEAD, a satisfied Content-Length, or the last
 * chunk. A response with neither length nor chunking ends only when the server closes.
 */
function complete(bytes: Buffer, method: string): boolean {
  const parsed = parseResponse(bytes);
  if (parsed === undefined) return false;
  const { status, headers } = parsed;
  if (method.toUpperCase() === "HEAD" || status === 204 || status === 304) return true;
  const start = bytes.indexOf("\r\n\r\n", 0, "latin1");
  if (headers["transfer-encoding"]?.toLowerCase() === "chunked")
    return (
      bytes.subarray(start + 4).includes("\r\n0\r\n\r\n", 0, "latin1") ||
      bytes.subarray(start + 4).indexOf("0\r\n\r\n", 0, "latin1") === 0
    );
  const length = headers["content-length"];
  return length !== undefined && parsed.body.length >= Number(length);
}

export class RawHttpError extends Error {
  override readonly name = "RawHttpError";
}

function open(target: RawTarget): Socket {
  if (target.tls === undefined) return connect(target.port, target.host);
  return tlsConnect({
    host: target.host,
    port: target.port,
    servername: target.host === "127.0.0.1" ? "localhost" : target.host,
    ...target.tls,
  });
}

/** Sends one request on a fresh connection and reads until the server closes it (or `timeoutMs`). */
export function sendRaw(
  target: RawTarget,
  request: RawRequest | Buffer,
  timeoutMs = 30_000,
): Promise<RawResponse> {
  const bytes = Buffer.isBuffer(request) ? request : encodeRequest(request, `${target.host}:${target.port}`);
  return new Promise((resolve, reject) => {
    const socket = open(target);
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const received = Buffer.concat(chunks);
      const parsed = parseResponse(received);
      if (parsed !== undefined) resolve(parsed);
      else
        reject(
          new RawHttpError(
            `no HTTP response (${error?.message ?? "connection closed"}); received ${JSON.stringify(received.toString("latin1").slice(0, 200))}`,
          ),
        );
    };
    const timer = setTimeout(() => finish(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
    const method = Buffer.isBuffer(request)
      ? (request.subarray(0, 16).toString("latin1").split(" ")[0] ?? "")
      : request.method;
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (complete(Buffer.concat(chunks), method)) finish();
    });
    socket.on("end", () => finish());
    socket.on("close", () => finish());
    // The server may close after answering a request whose body it refused; what it said still counts.
    socket.on("error", (error) => finish(error));
    socket.write(bytes);
  });
}
