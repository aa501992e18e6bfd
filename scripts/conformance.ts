// `npm run conformance`: starts the reference server in-process on a temporary SQLite database with a
// fresh random bearer token, runs the whole harness against it (every profile, since the reference
// server answers the Entra and Okta dialects too), writes reports/<timestamp>/ and reports/latest/,
// and exits with the harness's exit code. Extra arguments go to `scim-conformance test`, e.g.
// `npm run conformance -- --only filter --format md`. This is the one file that imports both halves.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { pino } from "pino";
import { registerTestCommand } from "../harness/cli.js";
import type { ReferenceServer } from "../reference/main.js";
import { startReferenceServer } from "../reference/main.js";

const dir = mkdtempSync(join(tmpdir(), "scim-conformance-"));
const token = randomBytes(24).toString("base64url");
let server: ReferenceServer | undefined;
try {
  server = await startReferenceServer({
    db: join(dir, "scim.sqlite"),
    env: { SCIM_BEARER_TOKEN: token },
    // Server errors (a 500 is a finding too) still reach the terminal; request logs would drown the run.
    logger: pino({ level: process.env.LOG_LEVEL ?? "error" }),
    announce: () => {},
  });
  const args = process.argv.slice(2);
  const profiles = args.some((a) => a === "--profile" || a.startsWith("--profile="))
    ? []
    : ["--profile", "rfc,entra,okta"];
  // The token reaches the harness through the environment of this process only, never argv.
  process.env.SCIM_BEARER_TOKEN = token;
  const program = new Command("scim-conformance").exitOverride();
  registerTestCommand(program);
  await program.parseAsync(["test", server.url, ...profiles, ...args], { from: "user" });
} catch (error) {
  // Commander has already printed its own usage errors and --help.
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : 2;
  else {
    process.stderr.write(`npm run conformance: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  }
} finally {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(process.exitCode ?? 0);
