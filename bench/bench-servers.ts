// The servers of a bench run, each started the way its users start it: the reference server exactly as
// `npm start` (package.json's start script, process/start-command.ts, with --port, --host, --db and
// SCIM_BEARER_TOKEN, access log on), the
// baselines and the SCIMMY server as plain scripts. Ports are pinned (base + offset) on 127.0.0.1.
import { fileURLToPath } from "node:url";
import { LoadClient } from "../harness/load/load-client.js";
import { ChildServer } from "./process/child-server.js";
import { referenceStartCommand } from "./process/start-command.js";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export const basePath = "/scim/v2";
/** The server's TypeScript entry point; startReference runs whatever package.json's start script runs. */
export const referenceScript = here("../reference/main.ts");

export const portOffsets = {
  referenceLarge: 1,
  referenceSmall: 2,
  referenceComparison: 3,
  referenceImport: 4,
  nodeHttp: 5,
  koa: 6,
  scimmyUsers: 7,
  scimmyGroup: 8,
  // The reference server on PostgreSQL and on LDAP (figures/datastore-figures.ts).
  referencePostgres: 9,
  referenceLdap: 10,
  koaSqlite: 11,
} as const;

export interface ServerEnvironment {
  readonly portBase: number;
  readonly token: string;
}

export function startReference(
  env: ServerEnvironment,
  name: string,
  port: keyof typeof portOffsets,
  db: string,
): Promise<ChildServer> {
  const p = env.portBase + portOffsets[port];
  // Exactly as package.json's start script runs it (node options, environment, entry point).
  const start = referenceStartCommand();
  return ChildServer.start({
    name,
    script: start.script,
    nodeArgs: start.nodeArgs,
    args: ["--port", String(p), "--host", "127.0.0.1", "--db", db],
    port: p,
    readyPath: `${basePath}/ServiceProviderConfig`,
    env: { ...start.env, SCIM_BEARER_TOKEN: env.token, LOG_LEVEL: "info" },
  });
}

const baselines = {
  nodeHttp: { name: "bare node:http", script: "./servers/node-http-server.ts" },
  koa: { name: "bare Koa", script: "./servers/koa-server.ts" },
  koaSqlite: { name: "Koa + token check + SQLite read", script: "./servers/koa-sqlite-server.ts" },
} as const;

export function startBaseline(
  env: ServerEnvironment,
  kind: keyof typeof baselines,
  dataFile: string,
): Promise<ChildServer> {
  const p = env.portBase + portOffsets[kind];
  return ChildServer.start({
    name: baselines[kind].name,
    script: here(baselines[kind].script),
    args: ["--port", String(p), "--data", dataFile],
    port: p,
    readyPath: "/",
    // Only the SQLite floor checks the token; the Map baselines serve anyone.
    ...(kind === "koaSqlite" ? { env: { SCIM_BEARER_TOKEN: env.token } } : {}),
  });
}

export function startScimmy(
  env: ServerEnvironment,
  port: "scimmyUsers" | "scimmyGroup",
  options: {
    readonly users: number;
    readonly group: number;
    readonly spare: number;
    readonly manifest: string;
  },
): Promise<ChildServer> {
  const p = env.portBase + portOffsets[port];
  return ChildServer.start({
    name: `SCIMMY (${options.users.toLocaleString("en-US")} users${options.group > 0 ? `, ${options.group.toLocaleString("en-US")}-member group` : ""})`,
    script: here("./scimmy-server/scimmy-server.ts"),
    args: [
      "--port",
      String(p),
      "--users",
      String(options.users),
      "--group",
      String(options.group),
      "--spare",
      String(options.spare),
      "--manifest",
      options.manifest,
    ],
    port: p,
    readyPath: `${basePath}/ServiceProviderConfig`,
    env: { SCIM_BEARER_TOKEN: env.token },
    startTimeoutMs: 300_000,
  });
}

/** A keep-alive client for one server's SCIM base URL with the run's bearer token. */
export function clientFor(server: ChildServer, token: string, connections = 2): LoadClient {
  return new LoadClient({
    baseUrl: `${server.origin}${basePath}`,
    credentials: { kind: "bearer", token },
    headers: {},
    tls: undefined,
    timeoutMs: 600_000,
    connections,
  });
}
