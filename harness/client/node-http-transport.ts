// HttpTransport on node:http/node:https. Chosen over fetch because mutual TLS needs an https.Agent with
// client certificates (undici's Agent is not a dependency here), and because node:http never follows
// redirects, so the client alone decides (see recording-client.ts). The modules are used through their
// default exports, looked up at call time, so msw's interceptors (which patch them) see every request.
import http from "node:http";
import https from "node:https";
import type { HttpTransport, TransportLimits, WireRequest, WireResponse } from "./http-transport.js";
import { TransportError } from "./http-transport.js";

export interface TlsOptions {
  /** PEM client certificate and key for mutual TLS (`--cert`, `--key`). */
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** PEM CA bundle to trust instead of the system's (`--ca`). */
  readonly ca?: string | Buffer;
}

export interface NodeTransportOptions {
  readonly tls?: TlsOptions;
  /** Sockets per origin; the engine sets it from `--concurrency`. */
  readonly maxSockets?: number;
}

function joinHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

export class NodeHttpTransport implements HttpTransport {
  readonly #http: http.Agent;
  readonly #https: https.Agent;

  constructor(options: NodeTransportOptions = {}) {
    const maxSockets = options.maxSockets ?? 8;
    this.#http = new http.Agent({ keepAlive: true, maxSockets });
    this.#https = new https.Agent({ keepAlive: true, maxSockets, ...options.tls });
  }

  /**
   * Sends once; when a kept-alive socket turns out to have been closed by the server (it timed the idle
   * connection out just as the request went, so the request was never read), sends again once on a fresh
   * socket. Node's documentation recommends exactly this (http.ClientRequest `reusedSocket`); RFC 9112
   * §9.3.1 lets a client retry a request it knows was not processed. Without it a correct server with
   * Node's or Express's 5 s keep-alive timeout fails checks at random with ECONNRESET.
   */
  send(request: WireRequest, limits: TransportLimits): Promise<WireResponse> {
    return this.#attempt(request, limits, true);
  }

  #attempt(request: WireRequest, limits: TransportLimits, mayRetry: boolean): Promise<WireResponse> {
    return new Promise<WireResponse>((resolve, reject) => {
      const secure = request.url.protocol === "https:";
      const module = secure ? https : http;
      let settled = false;
      const settle = (action: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        limits.signal?.removeEventListener("abort", onAbort);
        action();
      };
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers["content-length"] = String(request.body.byteLength);
      const req = module.request(
        request.url,
        { method: request.method, headers, agent: secure ? this.#https : this.#http },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const finish = (truncated: boolean): void =>
            settle(() =>
              resolve({
                status: res.statusCode ?? 0,
                headers: joinHeaders(res.headers),
                body: new Uint8Array(Buffer.concat(chunks)),
                truncated,
              }),
            );
          res.on("data", (chunk: Buffer) => {
            if (settled) return;
            const room = limits.maxBytes - size;
            if (chunk.length > room) {
              // Stop reading at the cap: a hostile target may stream forever.
              chunks.push(chunk.subarray(0, room));
              size = limits.maxBytes;
              finish(true);
              res.destroy();
              return;
            }
            chunks.push(chunk);
            size += chunk.length;
          });
          res.on("end", () => finish(false));
          res.on("error", (error) => settle(() => reject(new TransportError("network", error.message))));
          res.on("aborted", () =>
            settle(() => reject(new TransportError("network", "the response was cut off"))),
          );
        },
      );
      const timer = setTimeout(() => {
        settle(() =>
          reject(new TransportError("timeout", `no complete response within ${limits.timeoutMs} ms`)),
        );
        req.destroy();
      }, limits.timeoutMs);
      const onAbort = (): void => {
        settle(() => reject(new TransportError("aborted", "the run was interrupted")));
        req.destroy();
      };
      if (limits.signal?.aborted) onAbort();
      limits.signal?.addEventListener("abort", onAbort, { once: true });
      let answered = false;
      req.on("response", () => {
        answered = true;
      });
      req.on("error", (error: NodeJS.ErrnoException) => {
        const staleSocket =
          mayRetry &&
          !answered &&
          req.reusedSocket &&
          (error.code === "ECONNRESET" || error.code === "EPIPE");
        if (staleSocket && !settled) {
          settle(() => resolve(this.#attempt(request, limits, false)));
          return;
        }
        settle(() =>
          reject(
            new TransportError("network", error.code ? `${error.code}: ${error.message}` : error.message),
          ),
        );
      });
      req.end(request.body === undefined ? undefined : Buffer.from(request.body));
    });
  }

  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }
}
