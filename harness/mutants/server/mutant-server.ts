// The in-memory SCIM server as msw handlers (msw 2 `setupServer` intercepts node:http, which the
// harness's transport uses): one correct server, and every mutant is the same server with one quirk
// switched on. A seeded subject User backs /Me (RFC 7644 §3.11); no check relies on it existing.
import type { RequestHandler } from "msw";
import { HttpResponse, http } from "msw";
import type { PlainRequest, ServerSettings } from "./http-handler.js";
import { handle } from "./http-handler.js";
import type { ServerCore } from "./operations.js";
import type { Quirk } from "./quirks.js";
import { userType } from "./schema-model.js";
import { ResourceStore } from "./store.js";

export interface MutantServerOptions {
  readonly baseUrl?: string;
  readonly token?: string;
  readonly quirks?: Iterable<Quirk>;
}

export interface MutantServer {
  readonly baseUrl: string;
  readonly token: string;
  readonly handlers: RequestHandler[];
  readonly core: ServerCore;
}

// A loopback http URL: no socket is ever opened (msw answers in-process), and the TLS checks treat
// loopback as a development target. A mutant that is served over plain remote HTTP overrides it.
export const defaultBaseUrl = "http://localhost:8999/scim/v2";

function contentType(core: ServerCore, accept: string | null): string {
  if (core.quirks.has("plainJsonContentType")) return "application/json";
  // RFC 7644 §3.8: application/scim+json unless the client asked for application/json only.
  return accept !== null && /application\/json/i.test(accept) && !/scim\+json/i.test(accept)
    ? "application/json; charset=utf-8"
    : "application/scim+json; charset=utf-8";
}

export function createMutantServer(options: MutantServerOptions = {}): MutantServer {
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "");
  const token = options.token ?? "mutant-token";
  const quirks = new Set(options.quirks ?? []);
  const store = new ResourceStore({
    frozenVersions: quirks.has("etagNeverChanges"),
    ...(quirks.has("bulkIdInIds") ? { idPrefix: "bulkId-" } : {}),
  });
  const core: ServerCore = { baseUrl, store, quirks };
  const subject = store.insert(userType, {
    userName: "mutant-admin",
    displayName: "Mutant Admin",
    active: true,
  });
  const settings: ServerSettings = {
    baseUrl,
    token,
    subjectId: () => (store.byId(subject.id) ? subject.id : undefined),
  };
  const origin = new URL(baseUrl).origin;
  const recent: number[] = [];
  const handler = http.all(`${origin}/*`, async ({ request }) => {
    const plain: PlainRequest = {
      method: request.method.toUpperCase(),
      url: new URL(request.url),
      headers: request.headers,
      body: request.method === "GET" || request.method === "HEAD" ? "" : await request.text(),
    };
    const accept = request.headers.get("accept");
    if (quirks.has("notAcceptableScimJson") && accept?.trim().toLowerCase() === "application/scim+json") {
      return new HttpResponse(null, { status: 406 });
    }
    if (quirks.has("notAcceptableJson") && accept?.trim().toLowerCase() === "application/json") {
      return new HttpResponse(null, { status: 406 });
    }
    // The throttling mutant answers 429 beyond 20 requests a second; the slow one lists Groups slowly.
    if (quirks.has("throttled")) {
      const now = Date.now();
      recent.push(now);
      while (recent.length > 0 && (recent[0] ?? now) < now - 1000) recent.shift();
      if (recent.length > 20) return new HttpResponse(null, { status: 429, headers: { "Retry-After": "1" } });
    }
    if (quirks.has("slowGroups") && plain.method === "GET" && /\/Groups\/?$/i.test(plain.url.pathname)) {
      await new Promise((r) => setTimeout(r, 700));
    }
    const reply = handle(core, settings, plain);
    const headers = new Headers(reply.headers);
    if (reply.body === undefined || reply.status === 204 || reply.status === 304) {
      return new HttpResponse(null, { status: reply.status, headers });
    }
    if (typeof reply.body === "string") {
      headers.set("Content-Type", "text/plain");
      return new HttpResponse(reply.body, { status: reply.status, headers });
    }
    headers.set("Content-Type", contentType(core, accept));
    // The mutant double-encodes reads: UTF-8 bytes taken as Latin-1 ("Zoë" becomes "ZoÃ«").
    const text =
      quirks.has("latin1Responses") && plain.method === "GET"
        ? Buffer.from(JSON.stringify(reply.body), "utf8").toString("latin1")
        : JSON.stringify(reply.body);
    return new HttpResponse(text, { status: reply.status, headers });
  });
  return { baseUrl, token, handlers: [handler], core };
}
