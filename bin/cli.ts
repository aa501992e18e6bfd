// The `scim-conformance` command line. Each subcommand lives with the part of the project it drives
// (the reference server under reference/, the harness under harness/); this file only dispatches. The
// serve command imports the server (and its database driver) only when it runs, so `test` stays a pure
// HTTP client.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { registerTestCommand } from "../harness/cli.js";
import { registerLoadCommand } from "../harness/load/index.js";
import { registerMappingCheckCommand } from "../reference/mapping-check-command.js";
import { registerServeCommand } from "../reference/serve-command.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export function buildProgram(): Command {
  const program = new Command("scim-conformance")
    .description("SCIM 2.0 conformance harness and reference SCIM server")
    .version(pkg.version)
    .showHelpAfterError();
  registerServeCommand(program);
  registerTestCommand(program);
  registerLoadCommand(program);
  registerMappingCheckCommand(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
