// The server's options, shared by `npm start` (main.ts) and the `serve` command (serve-command.ts)
// (reference-core issue "Run", connections issue): --port/PORT (default 8080), --db/SCIM_DB (default
// ./data/scim.sqlite, ":memory:" allowed, or a postgres:// URL with an optional ?schema= that several server
// processes can share), --host/HOST (default all interfaces), --config/SCIM_CONFIG (the
// IdP connections, default fixtures/connections/demo.yaml), and --tls-cert/--tls-key/--tls-ca
// (SCIM_TLS_CERT/SCIM_TLS_KEY/SCIM_TLS_CA) to listen with HTTPS and anchor client certificates. Apart from
// the command, which loads the server module when it runs, so that main.ts and the command do not import
// each other.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";

export interface ServeTls {
  readonly cert: string;
  readonly key: string;
  readonly ca?: string | undefined;
}

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly db: string;
  /** Connections file; undefined means the demo configuration. */
  readonly config?: string | undefined;
  readonly tls?: ServeTls | undefined;
}

export interface ServeFlags {
  readonly port?: number;
  readonly host?: string;
  readonly db?: string;
  readonly config?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly tlsCa?: string;
}

export const defaultPort = 8080;
export const defaultDb = "./data/scim.sqlite";
export const defaultHost = "0.0.0.0";

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`a port is an integer from 0 to 65535, not "${text}"`);
  }
  return port;
}

function tlsOptions(
  flags: ServeFlags,
  env: Readonly<Record<string, string | undefined>>,
): ServeTls | undefined {
  const cert = flags.tlsCert ?? env.SCIM_TLS_CERT;
  const key = flags.tlsKey ?? env.SCIM_TLS_KEY;
  const ca = flags.tlsCa ?? env.SCIM_TLS_CA;
  if (cert === undefined && key === undefined) {
    if (ca !== undefined)
      throw new InvalidArgumentError("--tls-ca needs --tls-cert and --tls-key (the server must speak TLS)");
    return undefined;
  }
  if (cert === undefined || key === undefined)
    throw new InvalidArgumentError(
      "--tls-cert and --tls-key go together (a certificate and its private key)",
    );
  return { cert, key, ...(ca === undefined ? {} : { ca }) };
}

/** Flags win over the environment, the environment over the defaults. */
export function resolveServeOptions(
  flags: ServeFlags,
  env: Readonly<Record<string, string | undefined>>,
): ServeOptions {
  const config = flags.config ?? env.SCIM_CONFIG;
  const tls = tlsOptions(flags, env);
  return {
    port: flags.port ?? (env.PORT ? parsePort(env.PORT) : defaultPort),
    host: flags.host ?? env.HOST ?? defaultHost,
    db: flags.db ?? env.SCIM_DB ?? defaultDb,
    ...(config === undefined || config === "" ? {} : { config }),
    ...(tls === undefined ? {} : { tls }),
  };
}

/** Adds the server's options to a command (used by `serve` and by main.ts for `npm start`). */
export function addServeOptions(command: Command): Command {
  return command
    .option("-p, --port <port>", `TCP port (env PORT, default ${defaultPort}; 0 picks a free one)`, parsePort)
    .option("--host <host>", `interface to listen on (env HOST, default ${defaultHost})`)
    .option(
      "--db <path-or-url>",
      `SQLite database file, :memory:, or PostgreSQL as postgres://user:password@host:5432/database[?schema=name] ` +
        `(several server processes may share one PostgreSQL database; env SCIM_DB, default ${defaultDb})`,
    )
    .option(
      "--config <file>",
      "IdP connections, YAML or JSON (env SCIM_CONFIG, default fixtures/connections/demo.yaml)",
    )
    .option("--tls-cert <file>", "PEM server certificate: listen with HTTPS (env SCIM_TLS_CERT)")
    .option("--tls-key <file>", "PEM private key of --tls-cert (env SCIM_TLS_KEY)")
    .option("--tls-ca <file>", "PEM CAs that anchor client certificates (env SCIM_TLS_CA)");
}
