// The `serve` command (`npx scim-conformance serve`) and the options `npm start` shares with it
// (reference-core issue "Run"): --port/PORT (default 8080), --db/SCIM_DB (default ./data/scim.sqlite,
// ":memory:" allowed), --host/HOST (default all interfaces). The server module is imported only when the
// command runs, so other subcommands never load the database driver (bin/cli.ts).
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly db: string;
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

/** Flags win over the environment, the environment over the defaults. */
export function resolveServeOptions(
  flags: { readonly port?: number; readonly host?: string; readonly db?: string },
  env: Readonly<Record<string, string | undefined>>,
): ServeOptions {
  return {
    port: flags.port ?? (env.PORT ? parsePort(env.PORT) : defaultPort),
    host: flags.host ?? env.HOST ?? defaultHost,
    db: flags.db ?? env.SCIM_DB ?? defaultDb,
  };
}

/** Adds the server's options to a command (used by `serve` and by main.ts for `npm start`). */
export function addServeOptions(command: Command): Command {
  return command
    .option("-p, --port <port>", `TCP port (env PORT, default ${defaultPort}; 0 picks a free one)`, parsePort)
    .option("--host <host>", `interface to listen on (env HOST, default ${defaultHost})`)
    .option("--db <path>", `SQLite database file, or :memory: (env SCIM_DB, default ${defaultDb})`);
}

export function registerServeCommand(program: Command): Command {
  const serve = program
    .command("serve")
    .description("run the reference SCIM 2.0 server (base path /scim/v2) on embedded SQLite");
  return addServeOptions(serve).action(async (flags: { port?: number; host?: string; db?: string }) => {
    const { runServer } = await import("./main.js");
    await runServer(resolveServeOptions(flags, process.env));
  });
}
