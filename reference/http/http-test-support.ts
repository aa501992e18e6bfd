// Test support for the HTTP tests: starts the real app on an ephemeral port with the built-in connection,
// and wraps fetch with the credential. Not a test file itself; only *.test.ts files import it.
import { createBuiltinResolver } from "../connections/builtin-connection.js";
import { ScryptPasswordHasher } from "../connections/password-hasher.js";
import type { Datastore } from "../datastore/datastore.js";
import { Provisioning, type ProvisioningDeps } from "../provisioning/provisioning.js";
import type { HttpLogger } from "./http-logger.js";
import { type RunningServer, startServer } from "./server.js";

export const testToken = "test-token";
/** A cheap scrypt cost keeps server start-up and password writes fast in tests. */
export const testHasher = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });

export interface TestServer extends RunningServer {
  /** fetch relative to the base URL with the bearer token and SCIM content type unless overridden. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export async function startTestServer(options: {
  datastore: Datastore;
  logger?: HttpLogger;
  provisioning?: Partial<ProvisioningDeps>;
  env?: Record<string, string>;
}): Promise<TestServer> {
  const resolver = await createBuiltinResolver({
    datastore: options.datastore,
    env: options.env ?? { SCIM_BEARER_TOKEN: testToken },
    hasher: testHasher,
    announce: () => {},
  });
  const provisioning = new Provisioning({ hasher: testHasher, ...options.provisioning });
  const running = await startServer({
    resolver,
    provisioning,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    ...running,
    request(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has("Authorization")) headers.set("Authorization", `Bearer ${testToken}`);
      if (json !== undefined && !headers.has("Content-Type"))
        headers.set("Content-Type", "application/scim+json");
      const url = path.startsWith("http") ? path : `${running.url}${path}`;
      return fetch(url, { ...rest, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
    },
  };
}
