// Test support for the HTTP tests: starts the real app on an ephemeral port with the built-in connection
// over the in-memory datastore, and wraps fetch with the credential. Not a test file itself; only
// *.test.ts files import it.
import assert from "node:assert/strict";
import { createBuiltinResolver } from "../connections/builtin-connection.js";
import type { Connection } from "../connections/connection.js";
import type { ConnectionResolver } from "../connections/connection-resolver.js";
import { ScryptPasswordHasher } from "../connections/password-hasher.js";
import type { Datastore } from "../datastore/datastore.js";
import { MemoryDatastore } from "../datastore/memory/memory-datastore.js";
import { coreSchemaUrns, messageUrns } from "../protocol/schema/schema-definition.js";
import { Provisioning, type ProvisioningDeps } from "../provisioning/provisioning.js";
import type { HttpLogger } from "./http-logger.js";
import { type RunningServer, startServer } from "./server.js";

export const testToken = "test-token";
/** A cheap scrypt cost keeps server start-up and password writes fast in tests. */
export const testHasher = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });

export type Json = Record<string, unknown>;

export interface TestServer extends RunningServer {
  readonly datastore: Datastore;
  /** The built-in connection the credential resolves to. */
  readonly connection: Connection;
  /** fetch relative to the base URL with the bearer token and SCIM content type unless overridden. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** request() that asserts the status and returns the parsed body. */
  json(path: string, status: number, init?: RequestInit & { json?: unknown }): Promise<Json>;
}

export interface TestServerOptions {
  readonly datastore?: Datastore;
  readonly logger?: HttpLogger;
  readonly provisioning?: Partial<ProvisioningDeps>;
  readonly env?: Record<string, string>;
  /** The User every request's credential is linked to, for /Me (RFC 7644 §3.11). */
  readonly linkedUserId?: () => string | undefined;
  /** false: every request goes through @koa/router (app.ts `hotRoutes`). */
  readonly hotRoutes?: boolean;
}

function linking(resolver: ConnectionResolver, linked: () => string | undefined): ConnectionResolver {
  return {
    authenticationSchemes: resolver.authenticationSchemes,
    connections: () => resolver.connections(),
    resolve: async (credential) => {
      const auth = await resolver.resolve(credential);
      return auth === undefined ? undefined : { ...auth, linkedUserId: linked() };
    },
  };
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const datastore = options.datastore ?? new MemoryDatastore();
  const builtin = await createBuiltinResolver({
    datastore,
    env: options.env ?? { SCIM_BEARER_TOKEN: testToken },
    hasher: testHasher,
    announce: () => {},
  });
  const resolver = options.linkedUserId === undefined ? builtin : linking(builtin, options.linkedUserId);
  const provisioning = new Provisioning({ hasher: testHasher, ...options.provisioning });
  const running = await startServer({
    resolver,
    provisioning,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.hotRoutes === undefined ? {} : { hotRoutes: options.hotRoutes }),
  });
  const request = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (!headers.has("Authorization")) headers.set("Authorization", `Bearer ${testToken}`);
    if (json !== undefined && !headers.has("Content-Type"))
      headers.set("Content-Type", "application/scim+json");
    const url = path.startsWith("http") ? path : `${running.url}${path}`;
    return fetch(url, { ...rest, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
  };
  return {
    ...running,
    datastore,
    connection: builtin.connections()[0] as Connection,
    request,
    async json(path, status, init) {
      const response = await request(path, init);
      const text = await response.text();
      assert.equal(response.status, status, `${init?.method ?? "GET"} ${path}: ${text}`);
      return text === "" ? {} : (JSON.parse(text) as Json);
    },
  };
}

export const userUrn = coreSchemaUrns.user;
export const groupUrn = coreSchemaUrns.group;
export const enterpriseUrn = coreSchemaUrns.enterpriseUser;
export const patchUrn = messageUrns.patchOp;

export function userBody(userName: string, extra: Json = {}): Json {
  return { schemas: [userUrn], userName, ...extra };
}

export function groupBody(displayName: string, members: string[] = [], extra: Json = {}): Json {
  return {
    schemas: [groupUrn],
    displayName,
    ...(members.length ? { members: members.map((value) => ({ value })) } : {}),
    ...extra,
  };
}

export function patchBody(...operations: Json[]): Json {
  return { schemas: [patchUrn], Operations: operations };
}

export async function createUser(server: TestServer, userName: string, extra: Json = {}): Promise<Json> {
  return server.json("/Users", 201, { method: "POST", json: userBody(userName, extra) });
}

export async function createGroup(
  server: TestServer,
  displayName: string,
  members: string[] = [],
): Promise<Json> {
  return server.json("/Groups", 201, { method: "POST", json: groupBody(displayName, members) });
}

export function metaOf(resource: Json): Json {
  return resource.meta as Json;
}
