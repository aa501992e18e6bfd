// A deliberately small, mostly conforming SCIM server for the engine's own tests: discovery from
// spec/schemas, Users with create/read/delete, RFC 7644 §3.12 errors. `quirks` switch single
// behaviours off so a test can show the engine grading a real deviation. It is not the reference
// server (the harness never imports reference/), and not the mutant suite (harness/mutants/).
import { readFileSync } from "node:fs";
import type { LocalServer } from "./local-server.js";
import { sendJson, startLocalServer } from "./local-server.js";

export type Quirk =
  /** Error bodies carry `status` as a number (RFC 7644 §3.12 says a string). */
  | "numeric-error-status"
  /** ServiceProviderConfig without its schema URN. */
  | "spc-without-urn"
  /** /ServiceProviderConfig says filter.supported=false. */
  | "filter-not-advertised"
  /** Every request without the right token is answered 401 (auth on); else no auth. */
  | "require-token"
  /** GET /Users/{id} never answers: a run can be interrupted while a check waits. */
  | "hang-user-get";

const schemaDir = new URL("../../spec/schemas/", import.meta.url);
const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, schemaDir), "utf8")) as Record<string, unknown>;
const errorUrn = "urn:ietf:params:scim:api:messages:2.0:Error";
const listUrn = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export interface TinyScimServer extends LocalServer {
  readonly base: string;
  readonly users: Map<string, Record<string, unknown>>;
}

export async function startTinyScimServer(
  options: { quirks?: readonly Quirk[]; token?: string } = {},
): Promise<TinyScimServer> {
  const quirks = new Set(options.quirks ?? []);
  const users = new Map<string, Record<string, unknown>>();
  const schemas = [load("user.schema.json"), load("group.schema.json"), load("enterprise-user.schema.json")];
  const resourceTypes = [load("resource-types/user.json")];
  let next = 0;
  let base = "";
  const list = (items: unknown[]) => ({
    schemas: [listUrn],
    totalResults: items.length,
    itemsPerPage: items.length,
    startIndex: 1,
    Resources: items,
  });
  const error = (status: number, detail: string, scimType?: string) => ({
    schemas: [errorUrn],
    status: quirks.has("numeric-error-status") ? status : String(status),
    detail,
    ...(scimType ? { scimType } : {}),
  });
  const server = await startLocalServer((req, body, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(url.pathname.replace(/^\/scim\/v2/, ""));
    const method = req.method ?? "GET";
    if (quirks.has("require-token") && req.headers.authorization !== `Bearer ${options.token}`) {
      return sendJson(res, 401, error(401, "authentication required"), {
        "www-authenticate": 'Bearer realm="tiny"',
      });
    }
    if (method === "GET" && path === "/ServiceProviderConfig") {
      return sendJson(res, 200, {
        ...(quirks.has("spc-without-urn")
          ? { schemas: [] }
          : { schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"] }),
        patch: { supported: false },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: !quirks.has("filter-not-advertised"), maxResults: 100 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [{ type: "oauthbearertoken", name: "Bearer", description: "A bearer token" }],
      });
    }
    if (method === "GET" && (path === "/Schemas" || path === "/ResourceTypes")) {
      if (url.searchParams.has("filter")) return sendJson(res, 403, error(403, "no filtering here"));
      return sendJson(res, 200, list(path === "/Schemas" ? schemas : resourceTypes));
    }
    const single = /^\/(Schemas|ResourceTypes)\/(.+)$/.exec(path);
    if (method === "GET" && single) {
      const pool = single[1] === "Schemas" ? schemas : resourceTypes;
      const found = pool.find((s) => String(s.id).toLowerCase() === (single[2] ?? "").toLowerCase());
      return found ? sendJson(res, 200, found) : sendJson(res, 404, error(404, "no such schema"));
    }
    if (method === "POST" && path === "/Users") {
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return sendJson(res, 400, error(400, "the body is not JSON", "invalidSyntax"));
      }
      const userName = input.userName;
      if (typeof userName !== "string")
        return sendJson(res, 400, error(400, "userName is required", "invalidValue"));
      if ([...users.values()].some((u) => String(u.userName).toLowerCase() === userName.toLowerCase())) {
        return sendJson(res, 409, error(409, "userName taken", "uniqueness"));
      }
      next += 1;
      const id = `u${next}`;
      const location = `${base}/Users/${id}`;
      const now = new Date().toISOString();
      const user = {
        ...input,
        id,
        meta: { resourceType: "User", created: now, lastModified: now, location },
      };
      users.set(id, user);
      return sendJson(res, 201, user, { location });
    }
    const one = /^\/Users\/([^/]+)$/.exec(path);
    if (one) {
      const user = users.get(one[1] ?? "");
      if (user === undefined) return sendJson(res, 404, error(404, "no such user"));
      if (method === "GET" && quirks.has("hang-user-get")) return;
      if (method === "GET") return sendJson(res, 200, user);
      if (method === "DELETE") {
        users.delete(one[1] ?? "");
        res.writeHead(204);
        return res.end();
      }
    }
    return sendJson(res, 404, error(404, `no route ${method} ${path}`));
  });
  base = `${server.url}/scim/v2`;
  return Object.assign(server, { base, users });
}
