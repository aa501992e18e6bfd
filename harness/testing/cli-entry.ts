// A process entry with only the `test` command, for tests that need a real process (signals, exit
// codes) before bin/cli.ts wires the command in.
import { Command } from "commander";
import { registerTestCommand } from "../cli.js";

const program = new Command("scim-conformance");
registerTestCommand(program);
await program.parseAsync(process.argv);
