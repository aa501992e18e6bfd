// The `scim-conformance` command line. Each subcommand lives with the part of the project it drives
// (the reference server under reference/, the harness under harness/); this file only dispatches, and
// loads a subcommand's module lazily so that `test` never pulls the server's database driver in.

import { readFileSync } from "node:fs";
import { Command } from "commander";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export function buildProgram(): Command {
  const program = new Command("scim-conformance")
    .description("SCIM 2.0 conformance harness and reference SCIM server")
    .version(pkg.version)
    .showHelpAfterError();
  return program;
}

await buildProgram().parseAsync(process.argv);
