// `scim-conformance load <baseUrl>`: load for any SCIM server, in the dialect of Entra ID or Okta or one
// operation at a time, bounded by --duration and --requests, refused for non-loopback targets unless
// --allow-remote. Exit codes follow `test`: 0 every request succeeded, 1 some failed, 2 the invocation,
// the target or the setup was unusable, 130 interrupted (after cleanup). bin/cli.ts registers it.
import type { Command } from "commander";
import { addTargetOptions, collect, exitInterrupted, runInterruptible } from "../cli/command-support.js";
import type { CliIo } from "../cli.js";
import { normaliseBaseUrl } from "../client/client-config.js";
import { harnessVersion } from "../client/client-factory.js";
import { ResourceLedger } from "../client/resource-ledger.js";
import { newRunId, prefixOf, randomSeed, seededRandom } from "../engine/run-identity.js";
import { LoadClient } from "./load-client.js";
import { runLoad } from "./load-engine.js";
import { cleanUpFixture, type InitialMembers, setUpFixture } from "./load-fixture.js";
import { type LoadSettings, type RawLoadOptions, resolveLoadOptions } from "./load-options.js";
import { type LoadReport, loadReportVersion, operationFigures } from "./load-report.js";
import { groupOperations, operationNames } from "./operations.js";
import { type Mix, profileNames, profiles } from "./profiles.js";
import { modeText } from "./report/load-markdown.js";
import { writeLoadReports } from "./report/write-load-reports.js";
import { refusedTarget } from "./target-guard.js";

/** Requests in flight while seeding and cleaning up: quick, without hammering the target. */
const fixtureParallel = 4;

function mixOf(settings: LoadSettings): Mix {
  return settings.mode.kind === "profile"
    ? profiles[settings.mode.name].mix
    : [{ op: settings.mode.name, weight: 1 }];
}

/** A member-add run starts from an empty group, a member-remove run from a full one, mixes half way. */
function groupFor(mix: Mix): InitialMembers | undefined {
  if (!mix.some((m) => groupOperations.has(m.op))) return undefined;
  if (mix.length === 1 && mix[0]?.op === "member-add") return "none";
  if (mix.length === 1 && mix[0]?.op === "member-remove") return "all";
  return "half";
}

function summaryLines(report: LoadReport): string[] {
  const pad = (text: string | number, n: number) => String(text).padStart(n);
  return [
    `${report.target.baseUrl}: ${modeText(report.settings.mode)}, ${report.settings.connections} connection(s), ${(report.run.elapsedMs / 1000).toFixed(1)} s (stopped by ${report.run.stoppedBy})`,
    `  ${"operation".padEnd(14)} ${pad("requests", 9)} ${pad("req/s", 9)} ${pad("p50 ms", 8)} ${pad("p95 ms", 8)} ${pad("p99 ms", 8)} ${pad("errors", 7)}`,
    ...[...report.operations, report.totals].map(
      (o) =>
        `  ${o.name.padEnd(14)} ${pad(o.requests, 9)} ${pad(o.throughputPerSecond, 9)} ${pad(o.latency.p50Ms, 8)} ${pad(o.latency.p95Ms, 8)} ${pad(o.latency.p99Ms, 8)} ${pad(o.errors, 7)}`,
    ),
    `  generator: ${report.generator.cpuPercentOfOneCore} % of one core; cleanup deleted ${report.cleanup.deleted}, left behind ${report.cleanup.leftBehind.length}`,
  ];
}

export async function executeLoad(baseUrl: string, raw: RawLoadOptions, io: CliIo): Promise<number> {
  let settings: LoadSettings;
  let target: string;
  try {
    settings = resolveLoadOptions(raw, io.env);
    target = normaliseBaseUrl(baseUrl);
  } catch (error) {
    io.stderr.write(`scim-conformance load: ${(error as Error).message}\n`);
    return 2;
  }
  const refusal = refusedTarget(new URL(target), settings.allowRemote);
  if (refusal !== undefined) {
    io.stderr.write(`scim-conformance load: ${refusal}\n`);
    return 2;
  }
  const runId = newRunId();
  const prefix = prefixOf(runId);
  const seed = settings.seed ?? randomSeed();
  const startedAt = new Date().toISOString();
  const mix = mixOf(settings);
  const group = groupFor(mix);
  const client = new LoadClient({
    baseUrl: target,
    credentials: settings.credentials,
    headers: settings.headers,
    tls: settings.tls,
    timeoutMs: settings.timeoutMs,
    connections: Math.max(settings.connections, fixtureParallel),
  });
  const ledger = new ResourceLedger(prefix);
  try {
    io.stderr.write(
      `setting up ${settings.users} user(s)${group ? " and a group" : ""} (prefix ${prefix})\n`,
    );
    let fixture: Awaited<ReturnType<typeof setUpFixture>>;
    try {
      fixture = await setUpFixture(client, ledger, {
        prefix,
        users: settings.users,
        group,
        parallel: fixtureParallel,
        ...(io.signal ? { signal: io.signal } : {}),
      });
    } catch (error) {
      io.stderr.write(`scim-conformance load: ${(error as Error).message}\n`);
      return io.signal?.aborted ? exitInterrupted : 2;
    }
    if (io.signal?.aborted) return exitInterrupted;
    io.stderr.write(
      `running ${modeText(settings.mode)} for at most ${settings.durationMs / 1000} s${settings.requests === undefined ? "" : ` or ${settings.requests} requests`} with ${settings.connections} connection(s)\n`,
    );
    const result = await runLoad({
      client,
      mix,
      run: { state: fixture.state, ledger, random: seededRandom(seed) },
      connections: settings.connections,
      durationMs: settings.durationMs,
      requests: settings.requests,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    io.stderr.write(`deleting the ${ledger.pending().length} resource(s) this run created\n`);
    const cleanup = await cleanUpFixture(client, ledger, fixtureParallel);
    const { totals, operations } = operationFigures(result);
    const report: LoadReport = {
      version: loadReportVersion,
      tool: { name: "scim-conformance", version: harnessVersion },
      run: {
        id: runId,
        prefix,
        seed,
        startedAt,
        elapsedMs: Math.round(result.elapsedMs),
        stoppedBy: result.stoppedBy,
      },
      target: { baseUrl: target },
      settings: {
        mode: settings.mode,
        connections: settings.connections,
        durationMs: settings.durationMs,
        requests: settings.requests ?? null,
        users: settings.users,
        timeoutMs: settings.timeoutMs,
      },
      generator: {
        kind: "node:http",
        cpuMs: Math.round(result.generatorCpuMs),
        cpuPercentOfOneCore: Math.round((result.generatorCpuMs / Math.max(result.elapsedMs, 1)) * 100),
        cpuMicrosPerRequest:
          totals.requests === 0 ? 0 : Math.round((result.generatorCpuMs * 1000) / totals.requests),
      },
      totals,
      operations,
      setup: { users: settings.users, group: group !== undefined, ms: Math.round(fixture.ms) },
      cleanup,
    };
    const written = writeLoadReports(report, {
      ...(settings.out ? { outDir: settings.out } : {}),
      formats: settings.formats,
      ...(io.reportsRoot ? { reportsRoot: io.reportsRoot } : {}),
    });
    io.stdout.write(`${[...summaryLines(report), `  reports: ${written.dir}`].join("\n")}\n`);
    if (cleanup.leftBehind.length > 0)
      io.stderr.write(
        `${cleanup.leftBehind.length} resource(s) could not be deleted; they are listed in load.json (cleanup.leftBehind)\n`,
      );
    if (result.stoppedBy === "interrupted") return exitInterrupted;
    return totals.errors > 0 ? 1 : 0;
  } finally {
    if (ledger.pending().length > 0) await cleanUpFixture(client, ledger, fixtureParallel);
    client.close();
  }
}

export function registerLoadCommand(program: Command): Command {
  const command = program
    .command("load")
    .description(
      "send a bounded Entra ID-like, Okta-like or single-operation load and report throughput and latency",
    )
    .argument(
      "<baseUrl>",
      "the SCIM base URL, e.g. http://127.0.0.1:8080/scim/v2 (loopback unless --allow-remote)",
    );
  return addTargetOptions(command)
    .option("--profile <name>", `a client's mix: ${profileNames.join(", ")} (default entra)`)
    .option("--op <name>", `one operation only: ${operationNames.join(", ")}`)
    .option("--duration <time>", "how long to send, e.g. 30s, 2m (default 10s, at most 60m)")
    .option("--requests <n>", "stop after this many requests (default: only --duration)")
    .option("--connections <n>", "requests in flight at once (default 8)")
    .option("--users <n>", "users created before the run to work on (default 100)")
    .option("--seed <n>", "seed for the operation sequence (default: random, printed)")
    .option("--out <dir>", "report folder (default reports/load/<timestamp>/; reports/load/latest/ too)")
    .option("--format <formats>", "json, junit, html, md (comma list; default all)", collect)
    .option("--timeout <ms>", "per-request timeout in milliseconds (default 15000)")
    .option("--allow-remote", "allow a target that is not a loopback address")
    .action(async (baseUrl: string, raw: RawLoadOptions) => {
      await runInterruptible("load", (signal) =>
        executeLoad(baseUrl, raw, {
          stdout: process.stdout,
          stderr: process.stderr,
          env: process.env,
          signal,
        }),
      );
    });
}
