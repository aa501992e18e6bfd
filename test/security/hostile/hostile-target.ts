// A hostile SCIM target for the harness's own security tests: discovery documents that let a run start,
// and Users endpoints that misbehave in one chosen way: answers that never end, 100 MB bodies, invalid
// JSON, redirects to another origin, Location headers that point at another origin, and creations that
// answer with someone else's resource. It records what the harness did to it: every request, every DELETE,
// the ids it really created, and how many body bytes it managed to push. Beside it, "another origin"
// records anything sent its way, above all an Authorization header.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

export const hostilities = [
  "never-ends",
  "huge-body",
  "invalid-json",
  "redirect-away",
  "location-elsewhere",
  "claims-other-ids",
] as const;
export type Hostility = (typeof hostilities)[number];

const schemaDir = new URL("../../../spec/schemas/", import.meta.url);
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const listUrn = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const errorUrn = "urn:ietf:params:scim:api:messages:2.0:Error";

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
}

export interface Origin {
  readonly url: string;
  readonly requests: Recorded[];
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function closer(server: http.Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** The other origin: answers 200 to anything, and remembers it. */
export async function startOtherOrigin(): Promise<Origin> {
  const requests: Recorded[] = [];
  const { url, server } = await listen((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
    res.writeHead(200, { "content-type": "application/scim+json" });
    res.end('{"stolen":true}');
  });
  return { url, requests, close: closer(server) };
}

export interface HostileTarget extends Origin {
  /** The SCIM base URL. */
  readonly base: string;
  /** Ids this server really created for a POST. */
  readonly created: Set<string>;
  /** Ids the harness sent DELETE for. */
  readonly deleted: string[];
  /** Per flooded answer: the body bytes the socket accepted before the client closed it. */
  readonly floods: number[];
}

const load = (name: string): unknown => JSON.parse(readFileSync(new URL(name, schemaDir), "utf8"));

/** Users that exist before the run and that no run created: the harness must never delete them. */
export const victims: Readonly<Record<string, Record<string, unknown>>> = {
  "victim-1": {
    schemas: [userUrn],
    id: "victim-1",
    userName: "victim.one@example.com",
    meta: { resourceType: "User" },
  },
  "victim-2": {
    schemas: [userUrn],
    id: "victim-2",
    userName: "victim.two@example.com",
    meta: { resourceType: "User" },
  },
};

export async function startHostileTarget(
  hostility: Hostility,
  token: string,
  other: Origin,
): Promise<HostileTarget> {
  const requests: Recorded[] = [];
  const users = new Map<string, Record<string, unknown>>(Object.entries(victims));
  const created = new Set<string>();
  const deleted: string[] = [];
  let next = 0;
  const floods: number[] = [];
  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { "content-type": "application/scim+json", ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, status: number, detail: string) =>
    send(res, status, { schemas: [errorUrn], status: String(status), detail });
  /** Streams `total` bytes of a JSON-looking body, counting what the socket accepted, until closed. */
  const flood = (res: http.ServerResponse, status: number, total: number) => {
    res.writeHead(status, { "content-type": "application/scim+json" });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const at = floods.push(0) - 1;
    let sent = 0;
    const pump = () => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length;
        const ok = res.write(chunk, (error) => {
          if (error === undefined || error === null) floods[at] = (floods[at] ?? 0) + chunk.length;
        });
        if (!ok) {
          res.once("drain", pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    res.write('{"schemas":["', () => pump());
  };

  const { url, server } = await listen((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      const method = req.method ?? "GET";
      requests.push({ method, url: req.url ?? "", authorization: req.headers.authorization });
      const path = new URL(req.url ?? "/", "http://x").pathname.replace(/^\/scim\/v2/, "");
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401, {
          "content-type": "application/scim+json",
          "www-authenticate": 'Bearer realm="hostile"',
        });
        res.end(JSON.stringify({ schemas: [errorUrn], status: "401", detail: "authentication required" }));
        return;
      }
      // Discovery stays sound, so that the run reaches the Users endpoint.
      if (method === "GET" && path === "/ServiceProviderConfig")
        return send(res, 200, {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
          patch: { supported: false },
          bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
          filter: { supported: true, maxResults: 100 },
          changePassword: { supported: false },
          sort: { supported: false },
          etag: { supported: false },
          authenticationSchemes: [
            { type: "oauthbearertoken", name: "Bearer", description: "A bearer token" },
          ],
        });
      if (method === "GET" && (path === "/Schemas" || path === "/ResourceTypes")) {
        const items =
          path === "/Schemas"
            ? [load("user.schema.json"), load("enterprise-user.schema.json")]
            : [load("resource-types/user.json")];
        return send(res, 200, {
          schemas: [listUrn],
          totalResults: items.length,
          itemsPerPage: items.length,
          startIndex: 1,
          Resources: items,
        });
      }
      if (!path.startsWith("/Users")) return error(res, 404, "no such endpoint");
      const id = decodeURIComponent(path.split("/")[2] ?? "");

      switch (hostility) {
        case "never-ends":
          // Headers and half a body, then silence: only the client's own deadline ends this.
          res.writeHead(method === "POST" ? 201 : 200, { "content-type": "application/scim+json" });
          res.write('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"');
          return;
        case "huge-body":
          if (method === "POST" || (method === "GET" && id !== ""))
            return flood(res, method === "POST" ? 201 : 200, 100 * 1024 * 1024);
          break;
        case "invalid-json":
          if (method !== "DELETE") {
            res.writeHead(method === "POST" ? 201 : 200, { "content-type": "application/scim+json" });
            res.end('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u-1",');
            return;
          }
          break;
        case "redirect-away":
          res.writeHead(307, { location: `${other.url}${req.url ?? "/"}` });
          res.end();
          return;
        case "claims-other-ids":
          if (method === "POST") {
            // Answers a creation with another resource: the victim's id, its data and its location.
            return send(res, 201, victims["victim-1"], { location: `${url}/scim/v2/Users/victim-1` });
          }
          break;
        default:
          break;
      }
      if (method === "POST" && id === "") {
        const parsed = JSON.parse(body || "{}") as Record<string, unknown>;
        next += 1;
        const newId = `u-${next}`;
        const location =
          hostility === "location-elsewhere"
            ? `${other.url}/scim/v2/Users/${newId}`
            : `${url}/scim/v2/Users/${newId}`;
        const user = { ...parsed, schemas: [userUrn], id: newId, meta: { resourceType: "User", location } };
        users.set(newId, user);
        created.add(newId);
        return send(res, 201, user, { location });
      }
      if (method === "GET" && id === "") {
        const items = [...users.values()];
        return send(res, 200, {
          schemas: [listUrn],
          totalResults: items.length,
          itemsPerPage: items.length,
          startIndex: 1,
          Resources: items,
        });
      }
      if (method === "GET")
        return users.has(id) ? send(res, 200, users.get(id)) : error(res, 404, "no such user");
      if (method === "DELETE") {
        deleted.push(id);
        if (!users.delete(id)) return error(res, 404, "no such user");
        res.writeHead(204);
        res.end();
        return;
      }
      return error(res, 501, "not implemented");
    });
  });
  return {
    url,
    base: `${url}/scim/v2`,
    requests,
    created,
    deleted,
    floods,
    close: closer(server),
  };
}
