// `scim-conformance test <baseUrl>`: the harness's command line. bin/cli.ts registers it; everything it
// does is `executeTest`, which is testable without a process. Exit codes (issue "Harness"): 0 every
// MUST check passed, 1 at least one failed, 2 the target could not be reached, a check errored or the
// invocation was wrong, 130 interrupted (after cleanup). Secrets are never printed.
import type { Command } from "commander";
import type { CheckResult } from "./checks/check.js";
import { addTargetOptions, collect, exitInterrupted, runInterruptible } from "./cli/command-support.js";
import type { ProgressStream } from "./cli/progress.js";
import { progressPrinter } from "./cli/progress.js";
import type { RawTestOptions } from "./cli/test-options.js";
import { resolveTestOptions } from "./cli/test-options.js";
import { normaliseBaseUrl } from "./client/client-config.js";
import { defaultCheckSources } from "./engine/check-sources.js";
import { planRun, runConformance } from "./engine/run-conformance.js";
import { levels, verdicts } from "./reporters/report.js";
import { writeReports } from "./reporters/write-reports.js";

export interface CliIo {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted by Ctrl-C. */
  readonly signal?: AbortSignal;
  /** Where `reports/` lives (default: the working directory's). */
  readonly reportsRoot?: string;
}

export { exitInterrupted };

function describePlan(baseUrl: string, io: CliIo, plan: ReturnType<typeof planRun>["plan"]): void {
  io.stdout.write(
    `plan for ${baseUrl}: ${plan.run.length} check(s) to run, ${plan.notSelected.length} of other profiles\n`,
  );
  for (const c of plan.run) {
    io.stdout.write(
      `  ${c.id.padEnd(56)} ${c.level.padEnd(7)} ${c.gate.padEnd(14)} ${c.profile.padEnd(6)} ${c.title}\n`,
    );
  }
  io.stdout.write("nothing was sent (--dry-run)\n");
}

/**
 * One command line per failing property check that replays exactly its shrunk case (credentials as for
 * this run, which are never printed).
 */
export function replayLines(target: string, results: readonly CheckResult[]): string[] {
  return results
    .filter((r) => (r.status === "fail" || r.status === "warn") && r.replay !== undefined)
    .map(
      (r) =>
        `  replay ${r.id}: scim-conformance test ${target} --only ${r.id} --seed ${r.replay?.seed} --path ${r.replay?.path}`,
    );
}

export async function executeTest(baseUrl: string, raw: RawTestOptions, io: CliIo): Promise<number> {
  let settings: ReturnType<typeof resolveTestOptions>;
  let target: string;
  try {
    settings = resolveTestOptions(raw, io.env);
    target = normaliseBaseUrl(baseUrl);
  } catch (error) {
    io.stderr.write(`scim-conformance test: ${(error as Error).message}\n`);
    return 2;
  }
  let checks: ReturnType<typeof defaultCheckSources>;
  try {
    checks = defaultCheckSources();
    const planned = planRun({
      checks,
      only: settings.only,
      skip: settings.skip,
      profiles: settings.profiles,
    });
    if (settings.dryRun) {
      describePlan(target, io, planned.plan);
      return 0;
    }
    if (planned.plan.run.length === 0) {
      io.stderr.write("scim-conformance test: no check matches --only/--skip/--profile\n");
      return 2;
    }
  } catch (error) {
    io.stderr.write(`scim-conformance test: the checks could not be loaded:\n${(error as Error).message}\n`);
    return 2;
  }
  const { report, exitCode } = await runConformance({
    baseUrl: target,
    checks,
    credentials: settings.credentials,
    headers: settings.headers,
    ...(settings.tls ? { tls: settings.tls } : {}),
    profiles: settings.profiles,
    require: settings.require,
    only: settings.only,
    skip: settings.skip,
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(Object.keys(settings.properties).length > 0 ? { properties: settings.properties } : {}),
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
    ...(io.signal ? { signal: io.signal } : {}),
    onEvent: progressPrinter(io.stderr),
  });
  const written = writeReports(report, {
    ...(settings.out ? { outDir: settings.out } : {}),
    formats: settings.formats,
    ...(io.reportsRoot ? { reportsRoot: io.reportsRoot } : {}),
  });
  const s = report.summary;
  io.stdout.write(
    [
      `${target}: ${verdicts.map((v) => `${s.byStatus[v]} ${v}`).join(", ")} (seed ${report.run.seed})`,
      `  MUST: ${verdicts.map((v) => `${s.byLevel.MUST[v]} ${v}`).join(", ")}; coverage ${levels
        .filter((l) => report.coverage.byLevel[l].requirements > 0)
        .map((l) => `${l} ${report.coverage.byLevel[l].covered}/${report.coverage.byLevel[l].requirements}`)
        .join(", ")}`,
      `  reports: ${written.dir}${written.latest && written.latest !== written.dir ? ` (and ${written.latest})` : ""}`,
      ...replayLines(target, report.results),
      "",
    ].join("\n"),
  );
  if (!report.target.reachable)
    io.stderr.write(`the target could not be reached: ${report.discovery.problems.join("; ")}\n`);
  return report.run.interrupted ? exitInterrupted : exitCode;
}

export function registerTestCommand(program: Command): Command {
  const command = program
    .command("test")
    .description("check a SCIM 2.0 server against the requirement catalogue and write reports")
    .argument("<baseUrl>", "the SCIM base URL, e.g. https://example.com/scim/v2");
  return addTargetOptions(command)
    .option("--profile <profiles>", "rfc, entra, okta (repeatable or comma list; default rfc)", collect)
    .option(
      "--require <gates>",
      "features whose failures are hard even when not advertised, e.g. filter,patch",
      collect,
    )
    .option("--only <ids>", "run only these check ids or areas (prefix, repeatable or comma list)", collect)
    .option("--skip <ids>", "skip these check ids or areas (prefix, repeatable or comma list)", collect)
    .option("--seed <n>", "seed for generated data (default: random, printed)")
    .option("--runs <n>", "generated cases per property check (default: each check's own, 25–100)")
    .option("--path <path>", "with --seed and --only: replay exactly the case a failing property printed")
    .option("--shrink-ms <ms>", "time spent shrinking a property failure to a minimal case (default 10000)")
    .option("--out <dir>", "report folder (default reports/<timestamp>/; reports/latest/ is refreshed too)")
    .option("--format <formats>", "json, junit, html, md (comma list; default all)", collect)
    .option("--timeout <ms>", "per-request timeout in milliseconds (default 15000)")
    .option("--concurrency <n>", "checks run at once (default 4)")
    .option("--dry-run", "list the plan and send nothing")
    .action(async (baseUrl: string, raw: RawTestOptions) => {
      await runInterruptible("test", (signal) =>
        executeTest(baseUrl, raw, {
          stdout: process.stdout,
          stderr: process.stderr,
          env: process.env,
          signal,
        }),
      );
    });
}
