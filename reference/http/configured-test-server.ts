// TEST-ONLY: the real composition (startReferenceServer: SQLite, configured connections, admin API,
// throttle) on an ephemeral port with a cheap scrypt, plus a fetch wrapper per credential. The connection
// tests drive everything through HTTP with it. Only *.test.ts files import this.
import assert from "node:assert/strict";
import { type Logger, pino } from "pino";
import type { PasswordHasher } from "../connections/password-hasher.js";
import { ScryptPasswordHasher } from "../connections/password-hasher.js";
import { type ReferenceServer, type ReferenceServerConfig, startReferenceServer } from "../main.js";
import type { JsonObject } from "../protocol/resource/json.js";

export const cheapHasher = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });
export const adminToken = "test-admin-token";

export type Json = Record<string, unknown>;

/** Counts scrypt verifications, to show what is and is not hashed per request. */
export class CountingHasher implements PasswordHasher {
  verifications = 0;
  hash(secret: string): Promise<string> {
    return cheapHasher.hash(secret);
  }
  verify(secret: string, encoded: string): Promise<boolean> {
    this.verifications += 1;
    return cheapHasher.verify(secret, encoded);
  }
}

export interface Client {
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** request() that asserts the status and returns the parsed body ({} when empty). */
  json(path: string, status: number, init?: RequestInit & { json?: unknown }): Promise<Json>;
}

export interface ConfiguredServer extends ReferenceServer {
  readonly announcements: readonly string[];
  /** A client that sends this Authorization header (undefined: none) to the SCIM base URL. */
  as(authorization: string | undefined): Client;
  /** A client of the admin API (its own base URL) with the admin token unless told otherwise (null: none). */
  admin(authorization?: string | null): Client;
}

export interface ConfiguredServerOptions extends Partial<Omit<ReferenceServerConfig, "configDocument">> {
  readonly connections?: readonly JsonObject[];
  readonly logger?: Logger;
}

function client(base: string, authorization: string | undefined): Client {
  const request = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (authorization !== undefined && !headers.has("Authorization"))
      headers.set("Authorization", authorization);
    if (json !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
    return fetch(path.startsWith("http") ? path : `${base}${path}`, {
      ...rest,
      headers,
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  };
  return {
    request,
    async json(path, status, init) {
      const response = await request(path, init);
      const text = await response.text();
      assert.equal(response.status, status, `${init?.method ?? "GET"} ${path}: ${text}`);
      return text === "" ? {} : (JSON.parse(text) as Json);
    },
  };
}

export async function startConfiguredServer(
  options: ConfiguredServerOptions = {},
): Promise<ConfiguredServer> {
  const announcements: string[] = [];
  const { connections, ...rest } = options;
  const server = await startReferenceServer({
    db: ":memory:",
    env: { SCIM_ADMIN_TOKEN: adminToken },
    logger: pino({ level: "silent" }),
    hasher: cheapHasher,
    announce: (m) => announcements.push(m),
    ...(connections === undefined ? {} : { configDocument: { idpConnections: connections } }),
    ...rest,
  });
  return {
    ...server,
    announcements,
    as: (authorization) => client(server.url, authorization),
    admin: (authorization = `Bearer ${adminToken}`) => client(server.adminUrl, authorization ?? undefined),
  };
}

export const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
export const groupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const errorUrn = "urn:ietf:params:scim:api:messages:2.0:Error";

export function userBody(userName: string, extra: Json = {}): Json {
  return { schemas: [userUrn], userName, ...extra };
}

export function groupBody(displayName: string, members: readonly string[] = []): Json {
  return {
    schemas: [groupUrn],
    displayName,
    ...(members.length ? { members: members.map((value) => ({ value })) } : {}),
  };
}

export const filter = (expression: string) => `filter=${encodeURIComponent(expression)}`;
