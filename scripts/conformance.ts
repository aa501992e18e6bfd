// `npm run conformance`: starts the reference server in-process on a temporary SQLite database with a
// fresh random bearer token, runs the whole harness against it (every profile, since the reference
// server answers the Entra and Okta dialects too), writes reports/<timestamp>/ and reports/latest/,
// and exits with the harness's exit code. Extra arguments go to `scim-conformance test`, e.g.
// `npm run conformance -- --only filter --format md`. This is the one file that imports both halves.
// `--datastore postgres` runs the server on PostgreSQL instead, in a scratch schema dropped afterwards:
// the server named by SCIM_TEST_PG_URL, or else the local one scripts/pg-up.sh starts (installing it).
// `--datastore ldap` stores the demo connection's users and groups in an LDAP directory (its repository is
// `userRepository.type: LDAP`), in a scratch subtree deleted afterwards: the directory named by
// SCIM_TEST_LDAP_URL, or else the local slapd scripts/ldap-up.sh starts (installing it).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { pino } from "pino";
import { parse } from "yaml";
import { registerTestCommand } from "../harness/cli.js";
import { defaultConfigFile } from "../reference/connections/connections-file.js";
import { type ScratchDirectory, scratchDirectory } from "../reference/datastore/ldap/ldap-scratch.js";
import { type ScratchSchema, scratchSchema } from "../reference/datastore/postgres/postgres-scratch.js";
import type { ReferenceServer } from "../reference/main.js";
import { startReferenceServer } from "../reference/main.js";

/** `--datastore <name>` (or `--datastore=<name>`), taken out of the arguments the harness gets. */
function takeDatastore(args: string[]): string {
  const at = args.findIndex((a) => a === "--datastore" || a.startsWith("--datastore="));
  if (at < 0) return "sqlite";
  const [flag] = args.splice(at, 1);
  const value = flag?.includes("=") ? flag.slice(flag.indexOf("=") + 1) : args.splice(at, 1)[0];
  return value ?? "";
}

function postgresUrl(): string {
  const fromEnv = process.env.SCIM_TEST_PG_URL;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const printed = execFileSync(join(import.meta.dirname, "pg-up.sh"), { encoding: "utf8" });
  const url = /^SCIM_TEST_PG_URL=(.+)$/m.exec(printed)?.[1];
  if (url === undefined) throw new Error(`scripts/pg-up.sh printed no SCIM_TEST_PG_URL:\n${printed}`);
  return url;
}

const dir = mkdtempSync(join(tmpdir(), "scim-conformance-"));
const token = randomBytes(24).toString("base64url");
const args = process.argv.slice(2);
let server: ReferenceServer | undefined;
let scratch: ScratchSchema | undefined;
let directory: ScratchDirectory | undefined;
try {
  const datastore = takeDatastore(args);
  if (datastore !== "sqlite" && datastore !== "postgres" && datastore !== "ldap") {
    throw new Error(`--datastore takes sqlite, postgres or ldap, not "${datastore}"`);
  }
  if (datastore === "postgres") scratch = scratchSchema(postgresUrl(), "conformance");
  if (datastore === "ldap") directory = scratchDirectory("conformance");
  server = await startReferenceServer({
    db: scratch?.db ?? join(dir, "scim.sqlite"),
    ...(directory === undefined
      ? {}
      : {
          directory: directory.settings,
          configDocument: directory.rebase(parse(readFileSync(defaultConfigFile, "utf8"))),
        }),
    env: { SCIM_BEARER_TOKEN: token },
    // Server errors (a 500 is a finding too) still reach the terminal; request logs would drown the run.
    logger: pino({ level: process.env.LOG_LEVEL ?? "error" }),
    announce: () => {},
  });
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
  await scratch?.drop();
  await directory?.drop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(process.exitCode ?? 0);
