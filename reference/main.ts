// The composition root (STYLE.md: the only place that names datastore adapters): configuration →
// datastore (embedded SQLite, WAL) → the built-in connection → the provisioning pipeline → the Koa app →
// listen. `npm start` runs this file; `scim-conformance serve` calls runServer; tests and
// `npm run conformance` call startReferenceServer in-process on an ephemeral port.
// Graceful shutdown on SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (for at
// most `shutdownGraceMs`), then close the datastore so SQLite checkpoints its WAL.
import { Command } from "commander";
import { type Logger, pino } from "pino";
import { createBuiltinResolver } from "./connections/builtin-connection.js";
import { ScryptPasswordHasher } from "./connections/password-hasher.js";
import { SqliteDatastore } from "./datastore/sqlite/sqlite-datastore.js";
import { startServer } from "./http/server.js";
import { Provisioning, type ProvisioningDeps } from "./provisioning/provisioning.js";
import { addServeOptions, resolveServeOptions, type ServeOptions } from "./serve-command.js";

export interface ReferenceServerConfig {
  readonly port?: number;
  readonly host?: string;
  /** SQLite file path or ":memory:". */
  readonly db: string;
  /** Where SCIM_BEARER_TOKEN and friends come from; process.env by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  /** Receives the one-time announcement of a generated token; stdout by default, never the log. */
  readonly announce?: (message: string) => void;
  readonly provisioning?: Partial<ProvisioningDeps>;
}

export interface ReferenceServer {
  readonly url: string;
  close(): Promise<void>;
}

export const shutdownGraceMs = 10_000;

/** Never log a secret, even if a future log call passes one by mistake. */
const redact = ["password", "*.password", "authorization", "*.authorization", "token", "*.token"];

export function createLogger(): Logger {
  return pino({ level: process.env.LOG_LEVEL ?? "info", redact });
}

export async function startReferenceServer(config: ReferenceServerConfig): Promise<ReferenceServer> {
  const logger = config.logger ?? createLogger();
  const datastore = new SqliteDatastore({ path: config.db });
  try {
    const hasher = new ScryptPasswordHasher();
    const resolver = await createBuiltinResolver({
      datastore,
      env: config.env ?? process.env,
      hasher,
      announce: config.announce ?? ((message) => process.stdout.write(`${message}\n`)),
    });
    const provisioning = new Provisioning({ hasher, ...config.provisioning });
    const running = await startServer({
      resolver,
      provisioning,
      logger,
      port: config.port ?? 0,
      ...(config.host === undefined ? {} : { host: config.host }),
    });
    logger.info({ url: running.url, db: config.db, datastore: datastore.name }, "SCIM server listening");
    return {
      url: running.url,
      close: async () => {
        const grace = setTimeout(() => running.server.closeAllConnections(), shutdownGraceMs);
        grace.unref();
        try {
          await running.close();
        } finally {
          clearTimeout(grace);
          await datastore.close();
        }
      },
    };
  } catch (error) {
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
    logger.error({ err: error }, "the server could not start");
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
  program.action((flags: { port?: number; host?: string; db?: string }) =>
    runServer(resolveServeOptions(flags, process.env)),
  );
  await program.parseAsync(process.argv);
}
