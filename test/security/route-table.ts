// Every route the reference server serves, as a table the security suites walk, and the means to prove
// the table complete: `routesOfApp` reads the routes off the real Koa router (createApp), so a route added
// without a row here fails route-table.test.ts. The admin API is routed by hand (admin-api.ts), so its
// rows are kept here and checked against its documented surface.
import type Router from "@koa/router";
import { createBuiltinResolver } from "../../reference/connections/builtin-connection.js";
import { ScryptPasswordHasher } from "../../reference/connections/password-hasher.js";
import { MemoryDatastore } from "../../reference/datastore/memory/memory-datastore.js";
import { createApp } from "../../reference/http/app.js";
import { Provisioning } from "../../reference/provisioning/provisioning.js";

export interface RouteRow {
  readonly method: string;
  /** As the router declares it, under the base path: "/:endpoint/:id". */
  readonly path: string;
  /** GET /ServiceProviderConfig is readable without credentials (RFC 7643 §5, commit 299a23a). */
  readonly anonymous?: boolean;
  /** Body sent with the request, when the method takes one. */
  readonly body?: "user" | "group" | "patch" | "bulk" | "search";
}

const get = (path: string, extra: Partial<RouteRow> = {}): RouteRow[] => [
  { method: "GET", path, ...extra },
  { method: "HEAD", path, ...extra },
];

/** The SCIM routes of app.ts, RFC 7644 §3.2 Table 1 and §4. */
export const scimRoutes: readonly RouteRow[] = [
  ...get("/ServiceProviderConfig", { anonymous: true }),
  ...get("/ResourceTypes"),
  ...get("/ResourceTypes/:id"),
  ...get("/Schemas"),
  ...get("/Schemas/:id"),
  ...get("/Me"),
  { method: "PUT", path: "/Me", body: "user" },
  { method: "PATCH", path: "/Me", body: "patch" },
  { method: "DELETE", path: "/Me" },
  { method: "POST", path: "/Me", body: "user" },
  { method: "POST", path: "/Bulk", body: "bulk" },
  ...get("/"),
  { method: "POST", path: "/.search", body: "search" },
  ...get("/:endpoint"),
  { method: "POST", path: "/:endpoint/.search", body: "search" },
  { method: "POST", path: "/:endpoint", body: "user" },
  ...get("/:endpoint/:id"),
  { method: "PUT", path: "/:endpoint/:id", body: "user" },
  { method: "PATCH", path: "/:endpoint/:id", body: "patch" },
  { method: "DELETE", path: "/:endpoint/:id" },
];

/** The admin API (reference/http/admin/admin-api.ts, reference/connections/README.md). */
export const adminRoutes: readonly RouteRow[] = [
  ...get("/idpConnections"),
  { method: "POST", path: "/idpConnections" },
  ...get("/idpConnections/:id"),
  { method: "PUT", path: "/idpConnections/:id" },
  { method: "DELETE", path: "/idpConnections/:id" },
];

/** "METHOD path" for every route of the real app's router, relative to the base path. */
export async function routesOfApp(): Promise<string[]> {
  const datastore = new MemoryDatastore();
  const hasher = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });
  const resolver = await createBuiltinResolver({
    datastore,
    env: { SCIM_BEARER_TOKEN: "x" },
    hasher,
    announce: () => {},
  });
  const app = createApp({ resolver, provisioning: new Provisioning({ hasher }) });
  const routers = app.middleware
    .map((mw) => (mw as { router?: Router }).router)
    .filter((r): r is Router => r !== undefined);
  const out: string[] = [];
  for (const router of routers) {
    const prefix = (router as unknown as { opts: { prefix?: string } }).opts.prefix ?? "";
    for (const layer of router.stack) {
      const path = String(layer.path).slice(prefix.length) || "/";
      for (const method of layer.methods) out.push(`${method} ${path}`);
    }
  }
  return out.sort();
}
