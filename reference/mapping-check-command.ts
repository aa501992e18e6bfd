// `scim-conformance mapping check <config> [--connection id]` (issue 4): tells an administrator before go-live
// whether a connection's dual mapping loses, alters or invents SCIM attributes, by fast-check round trips
// through the write and read mappings. Exit status 1 when any checked mapping is lossy or invalid, 2 when
// the file or the options cannot be used. bin/cli.ts registers it; the work lives in reference/mapping/check/.
import type { Command } from "commander";
import { specDefinitions } from "./connections/spec-schemas.js";
import { checkConnection, isLossy } from "./mapping/check/check-connections.js";
import { formatReport } from "./mapping/check/format-report.js";
import { readConnectionsFile } from "./mapping/check/read-connections-file.js";
import { formatIssues } from "./mapping/pingfederate/config-issue.js";

export interface MappingCheckOptions {
  readonly connection?: string;
  readonly runs: number;
  readonly seed?: number;
  readonly strictCoverage?: boolean;
}

export interface MappingCheckOutcome {
  readonly exitCode: 0 | 1 | 2;
  readonly output: string;
}

function positiveInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new Error(`${name} must be a non-negative integer, got "${value}"`);
    return n;
  };
}

/** The command's work without commander or process: tests call it directly. */
export async function runMappingCheck(
  file: string,
  options: MappingCheckOptions,
): Promise<MappingCheckOutcome> {
  const read = await readConnectionsFile(file);
  if (!read.ok) return { exitCode: 2, output: formatIssues(read.issues) };
  const selected =
    options.connection === undefined ? read.value : read.value.filter((c) => c.id === options.connection);
  if (selected.length === 0) {
    const known = read.value.map((c) => c.id).join(", ");
    return { exitCode: 2, output: `No connection "${options.connection}" in ${file}; it has: ${known}.` };
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const checks = [];
  for (const connection of selected) {
    checks.push(await checkConnection(connection, { spec: specDefinitions(), runs: options.runs, seed }));
  }
  const strict = options.strictCoverage === true;
  const output = formatReport(checks, {
    strictCoverage: strict,
    replay: `scim-conformance mapping check ${file}`,
  });
  return { exitCode: checks.some((c) => isLossy(c, strict)) ? 1 : 0, output };
}

export function registerMappingCheckCommand(program: Command): Command {
  const mapping = program
    .command("mapping")
    .description("Inspect IdP connection mappings (PingFederate dual mapping)");
  mapping
    .command("check")
    .description(
      "Round-trip random SCIM resources through each connection's write and read mappings and report every attribute that is lost, altered or invented",
    )
    .argument("<config>", "connections file (YAML or JSON, idpConnections: [...])")
    .option("--connection <id>", "check only this connection")
    .option("--runs <n>", "resources generated per resource type", positiveInteger("--runs"), 200)
    .option(
      "--seed <n>",
      "fast-check seed (printed in every report) to replay a run",
      positiveInteger("--seed"),
    )
    .option(
      "--strict-coverage",
      "also fail when writable schema attributes are outside the attribute contract",
    )
    .action(
      async (
        config: string,
        opts: { connection?: string; runs: number; seed?: number; strictCoverage?: boolean },
      ) => {
        const outcome = await runMappingCheck(config, opts);
        (outcome.exitCode === 2 ? process.stderr : process.stdout).write(`${outcome.output}\n`);
        process.exitCode = outcome.exitCode;
      },
    );
  return mapping;
}
