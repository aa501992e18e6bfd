// The composition root (STYLE.md: the only place that names datastore adapters): configuration →
// datastore (embedded SQLite, WAL; PostgreSQL for a postgres:// URL) → the IdP connections (file +
// admin-API changes) → the provisioning pipeline → the Koa app (SCIM under /scim/v2, admin API under
// /admin/v1) → listen, with HTTPS when given a certificate. `npm start` runs this file; `scim-conformance
// serve` calls runServer; tests and `npm run conformance` call startReferenceServer in-process on an
// ephemeral port.
// An invalid connections file stops the start with every issue on stderr and exit code 1.
// Graceful shutdown on SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (for at
// most `shutdownGraceMs`), then close the datastore so SQLite checkpoints its WAL.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { type Logger, pino } from "pino";
import { createAdminVerifier } from "./connections/admin-credential.js";
import { ConfigurationError } from "./connections/configuration-error.js";
import { ConfiguredResolver } from "./connections/configured-resolver.js";
import { ConnectionCatalog } from "./connections/connection-catalog.js";
import { formatConnectionIssues } from "./connections/connection-issue.js";
import {
  connectionsOfDocument,
  defaultConfigFile,
  readConnectionsFile,
} from "./connections/connections-file.js";
import { type PasswordHasher, ScryptPasswordHasher } from "./connections/password-hasher.js";
import type { PreparedConnection } from "./connections/seal-connection.js";
import { specDefinitions } from "./connections/spec-schemas.js";
import { sharedSecret } from "./datastore/claim-setting.js";
import type { Datastore } from "./datastore/datastore.js";
import { LdapDatastore } from "./datastore/ldap/ldap-datastore.js";
import type { LdapDatastoreConfig } from "./datastore/ldap/ldap-datastore-config.js";
import {
  type DirectorySettings,
  directoryFromEnv,
  repositoryPlacement,
} from "./datastore/ldap/ldap-repository.js";
import { datastoreLabel, type OpenOptions, openDatastore } from "./datastore/open-datastore.js";
import { FailureThrottle, type ThrottleOptions } from "./http/failure-throttle.js";
import type { HttpLimits } from "./http/http-limits.js";
import { startServer, type TlsOptions } from "./http/server.js";
import { Provisioning, type ProvisioningDeps } from "./provisioning/provisioning.js";
import {
  addServeOptions,
  resolveServeOptions,
  type ServeFlags,
  type ServeOptions,
  type ServeTls,
} from "./serve-options.js";

export interface ReferenceServerConfig {
  readonly port?: number;
  readonly host?: string;
  /** SQLite file path, ":memory:", or a postgres:// URL (datastore/open-datastore.ts). */
  readonly db: string;
  /** Opens `db`; datastore/open-datastore.ts by default. Tests wrap it (a slow or failing datastore). */
  readonly openDatastore?: (db: string, options: OpenOptions) => Promise<Datastore>;
  /**
   * The LDAP directory that connections with `userRepository.type: LDAP` store into; SCIM_LDAP_URL and
   * friends by default (datastore/ldap/ldap-repository.ts). Without one they use `db` like the others.
   */
  readonly directory?: DirectorySettings | undefined;
  /** Connections file (YAML or JSON); the demo configuration when neither this nor `configDocument` is set. */
  readonly config?: string | undefined;
  /** An already parsed connections document (`{ idpConnections: [...] }`), for tests. */
  readonly configDocument?: unknown;
  /** PEM file paths: listen with HTTPS; `ca` anchors client certificates. */
  readonly tls?: ServeTls | undefined;
  /** Where SCIM_BEARER_TOKEN, SCIM_ADMIN_TOKEN and ${env:…} come from; process.env by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  /** Receives the one-time announcements of generated tokens; stdout by default, never the log. */
  readonly announce?: (message: string) => void;
  readonly provisioning?: Partial<ProvisioningDeps>;
  /** scrypt by default; tests pass a cheap one. */
  readonly hasher?: PasswordHasher;
  /** Failure throttling per client address; `false` turns it off (benchmarks). */
  readonly throttle?: Partial<ThrottleOptions> | false;
  /**
   * Timeouts against slow clients and the per-connection bound on requests in progress
   * (http/http-limits.ts); SCIM_MAX_CONCURRENT_REQUESTS in `env` sets the bound when this does not.
   */
  readonly http?: Partial<HttpLimits>;
}

export interface ReferenceServer {
  /** The SCIM base URL, e.g. "http://127.0.0.1:8080/scim/v2". */
  readonly url: string;
  /** The admin API collection, e.g. "http://127.0.0.1:8080/admin/v1/idpConnections". */
  readonly adminUrl: string;
  close(): Promise<void>;
}

export const shutdownGraceMs = 10_000;

/** Never log a secret, even if a future log call passes one by mistake. */
const redact = ["password", "*.password", "authorization", "*.authorization", "token", "*.token"];

export function createLogger(): Logger {
  return pino({ level: process.env.LOG_LEVEL ?? "info", redact });
}

function readTls(tls: ServeTls): TlsOptions {
  const read = (what: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ConfigurationError(
        `${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code}).`,
      );
    }
  };
  return {
    cert: read("--tls-cert", tls.cert),
    key: read("--tls-key", tls.key),
    ...(tls.ca === undefined ? {} : { ca: read("--tls-ca", tls.ca) }),
  };
}

/** The HTTP limits of the configuration, with SCIM_MAX_CONCURRENT_REQUESTS read from the environment. */
function httpLimitsFrom(
  configured: Partial<HttpLimits> | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Partial<HttpLimits> {
  if (configured?.maxConcurrentPerConnection !== undefined) return configured;
  const bound = wholeNumberIn(env, "SCIM_MAX_CONCURRENT_REQUESTS", 0, " (0: no bound)");
  return bound === undefined ? (configured ?? {}) : { ...configured, maxConcurrentPerConnection: bound };
}

/**
 * The LDAP store's memory bounds (ldap-datastore-config.ts): SCIM_LDAP_MAX_CANDIDATES, the entries a
 * filtered query may read (default 10,000), and SCIM_LDAP_MAX_LISTED, the positions a listing without a
 * filter may keep for an index page (default 200,000).
 */
function ldapBoundsFrom(
  env: Readonly<Record<string, string | undefined>>,
): Pick<LdapDatastoreConfig, "maxCandidates" | "maxListed"> {
  const maxCandidates = wholeNumberIn(env, "SCIM_LDAP_MAX_CANDIDATES", 1);
  const maxListed = wholeNumberIn(env, "SCIM_LDAP_MAX_LISTED", 1);
  return {
    ...(maxCandidates === undefined ? {} : { maxCandidates }),
    ...(maxListed === undefined ? {} : { maxListed }),
  };
}

/** A whole-number setting from the environment; unset or empty is undefined, anything else below `min` stops the start. */
function wholeNumberIn(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  min: number,
  meaning = "",
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new ConfigurationError(`${name} must be a whole number ≥ ${min}${meaning}, not "${raw}".`);
  return value;
}

/** What an operator should know about the configuration; not errors, since each is a legitimate choice. */
function configurationNotes(
  connections: readonly PreparedConnection[],
  tls: ServeTls | undefined,
  logger: Logger,
): void {
  for (const c of connections) {
    const credentials = [
      ...(c.auth.basic === undefined ? [] : ["basic"]),
      ...(c.auth.bearerTokens.length === 0 ? [] : [`${c.auth.bearerTokens.length} bearer token(s)`]),
      ...(c.auth.certs.length === 0 ? [] : [`${c.auth.certs.length} pinned certificate(s)`]),
      ...(c.auth.anchored === undefined ? [] : ["anchored certificate"]),
    ];
    logger.info(
      { connection: c.id, active: c.active, credentials, groups: c.mappings.mappings.groups !== undefined },
      "connection configured",
    );
    if (!c.active)
      logger.warn(
        { connection: c.id },
        "connection is inactive (active is false or missing): its credentials are refused",
      );
    if (c.auth.requireSsl && tls === undefined)
      logger.warn(
        { connection: c.id },
        "requireSsl is set but the server listens without TLS: every request of this connection gets 403",
      );
    if (c.auth.anchored !== undefined && tls?.ca === undefined)
      logger.warn(
        { connection: c.id },
        "verificationSubjectDN needs --tls-ca (the CAs that anchor client certificates); its certificates cannot match",
      );
  }
}

export async function startReferenceServer(config: ReferenceServerConfig): Promise<ReferenceServer> {
  const logger = config.logger ?? createLogger();
  const env = config.env ?? process.env;
  const announce = config.announce ?? ((message: string) => process.stdout.write(`${message}\n`));
  const tls = config.tls === undefined ? undefined : readTls(config.tls);
  const file = config.config ?? (config.configDocument === undefined ? defaultConfigFile : undefined);
  const entries =
    file === undefined
      ? connectionsOfDocument(config.configDocument, env)
      : await readConnectionsFile(file, env);
  const source = file ?? "the configuration document";
  if (!entries.ok) throw new ConfigurationError(`${source}:\n${formatConnectionIssues(entries.issues)}`);

  const datastore = await (config.openDatastore ?? openDatastore)(config.db, {
    onCheckpointFailure: (error) =>
      logger.warn(
        { err: error, component: "sqlite" },
        "background checkpoints stopped; the writer checkpoints the log itself from now on, as SQLite does by default",
      ),
  });
  let directory: LdapDatastore | undefined;
  try {
    const directorySettings = config.directory ?? directoryFromEnv(env);
    if (directorySettings !== undefined) {
      directory = await LdapDatastore.open({
        ...directorySettings,
        ...ldapBoundsFrom(env),
        logger: logger.child({ component: "ldap" }),
      });
    }
    const ldap = directory;
    const hasher = config.hasher ?? new ScryptPasswordHasher();
    const resolver = new ConfiguredResolver({
      datastore,
      hasher,
      anchorsConfigured: tls?.ca !== undefined,
      datastoreFor: (p) =>
        ldap !== undefined && p.settings.repositoryType === "LDAP"
          ? ldap.view(repositoryPlacement(p.raw))
          : undefined,
    });
    const catalog = await ConnectionCatalog.open(entries.value, {
      datastore,
      hasher,
      resolver,
      spec: specDefinitions(),
      log: logger.child({ component: "connections" }),
      announce,
    });
    if (!catalog.ok) throw new ConfigurationError(`${source}:\n${formatConnectionIssues(catalog.issues)}`);
    configurationNotes(catalog.value.list(), config.tls, logger);
    const adminVerifier = await createAdminVerifier({ datastore, env, hasher, announce });
    // One cursor key per database, not per process: behind a load balancer, an RFC 9865 cursor one
    // process signed must be accepted by the next (datastore/claim-setting.ts).
    const cursorKey = await sharedSecret(datastore, "provisioning.cursor-key");
    const provisioning = new Provisioning({ hasher, cursorKey, ...config.provisioning });
    const running = await startServer({
      resolver,
      provisioning,
      logger,
      // The access line is built from fixed, non-secret fields (request-context.ts): key-based redaction
      // never changes it, and skipping it saves about 2 µs per request (issue #8).
      accessLog: logger.child({}, { redact: [] }),
      port: config.port ?? 0,
      ...(config.host === undefined ? {} : { host: config.host }),
      tls,
      ...(config.throttle === false ? {} : { throttle: new FailureThrottle(config.throttle ?? {}) }),
      limits: httpLimitsFrom(config.http, env),
      admin: { catalog: catalog.value, verifier: adminVerifier },
    });
    const adminUrl = `${running.origin}/admin/v1/idpConnections`;
    logger.info(
      {
        url: running.url,
        adminUrl,
        db: datastoreLabel(config.db),
        datastore: datastore.name,
        directory: directorySettings?.url,
        config: source,
      },
      "SCIM server listening",
    );
    return {
      url: running.url,
      adminUrl,
      close: async () => {
        const grace = setTimeout(() => running.server.closeAllConnections(), shutdownGraceMs);
        grace.unref();
        try {
          await running.close();
        } finally {
          clearTimeout(grace);
          // Before the store: the catalog stops following other processes' changes through it.
          await catalog.value.close();
          await directory?.close();
          await datastore.close();
        }
      },
    };
  } catch (error) {
    await directory?.close();
    await datastore.close();
    throw error;
  }
}

/** Starts the server and stops it cleanly on SIGTERM/SIGINT; a second signal exits at once. */
export async function runServer(options: ServeOptions): Promise<void> {
  const logger = createLogger();
  let server: ReferenceServer;
  try {
    server = await startReferenceServer({ ...options, logger });
  } catch (error) {
    if (error instanceof ConfigurationError) {
      // For a person at a terminal: every issue, one per line, with its fix.
      process.stderr.write(`The server did not start: the configuration has problems.\n${error.message}\n`);
    } else logger.error({ err: error }, "the server could not start");
    process.exitCode = 1;
    return;
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting without waiting");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "shutting down: no new connections, finishing requests in flight");
    server.close().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  const program = addServeOptions(new Command("npm start").description("run the reference SCIM 2.0 server"));
  program.action(async (flags: ServeFlags) => {
    let options: ServeOptions;
    try {
      options = resolveServeOptions(flags, process.env);
    } catch (error) {
      process.stderr.write(`npm start: ${(error as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
    await runServer(options);
  });
  await program.parseAsync(process.argv);
}
