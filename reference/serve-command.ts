// The `serve` command (`npx scim-conformance serve`): the server's options (serve-options.ts), then the
// server. The server module is imported only when the command runs, so other subcommands never load the
// database driver.
import type { Command } from "commander";
import { addServeOptions, resolveServeOptions, type ServeFlags, type ServeOptions } from "./serve-options.js";

export function registerServeCommand(program: Command): Command {
  const serve = program
    .command("serve")
    .description("run the reference SCIM 2.0 server (base path /scim/v2) on embedded SQLite or PostgreSQL");
  return addServeOptions(serve).action(async (flags: ServeFlags) => {
    let options: ServeOptions;
    try {
      options = resolveServeOptions(flags, process.env);
    } catch (error) {
      // An inconsistent environment (SCIM_TLS_CERT without SCIM_TLS_KEY) is a usage error, not a crash.
      process.stderr.write(`scim-conformance serve: ${(error as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
    const { runServer } = await import("./main.js");
    await runServer(options);
  });
}
