// `npm run test:stress`: the reliability and security suites (test/reliability/, test/security/) at full
// scale (SCIM_STRESS=1: 60,000 fuzz cases, every race 5 times, 10 kill -9 cycles, thousands of injection
// directories, the whole harness twice), then a table of what each suite did, for test/README.md. The
// PostgreSQL and LDAP parts run when SCIM_TEST_PG_URL / SCIM_TEST_LDAP_URL are set, as in `npm test`.
// Extra arguments go to the test runner (e.g. `npm run test:stress -- fuzz` runs only the fuzzer).
// The figures are also written to reports/stress/figures.json.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const figuresFile = join(tmpdir(), `scim-stress-${process.pid}.jsonl`);
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const suites = filters.length > 0 ? filters : ["test/reliability/", "test/security/"];
const started = Date.now();

const child = spawn(process.execPath, ["--import", "tsx", join(root, "scripts/run-tests.ts"), ...suites], {
  cwd: root,
  env: {
    ...process.env,
    SCIM_STRESS: "1",
    SCIM_STRESS_FIGURES: figuresFile,
    TEST_CONCURRENCY: process.env.TEST_CONCURRENCY ?? "1",
  },
  stdio: "inherit",
});

child.on("exit", (code, signal) => {
  const lines = existsSync(figuresFile) ? readFileSync(figuresFile, "utf8").split("\n").filter(Boolean) : [];
  rmSync(figuresFile, { force: true });
  const figures = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const minutes = Math.round((Date.now() - started) / 6000) / 10;
  const table = [
    "| suite | figures |",
    "| ----- | ------- |",
    ...figures.map(
      ({ suite, stress: _stress, ...rest }) =>
        `| ${String(suite)} | ${Object.entries(rest)
          .map(([k, v]) => `${k} ${String(v)}`)
          .join(", ")} |`,
    ),
  ].join("\n");
  process.stdout.write(`\nstress run: ${minutes} min, exit ${code ?? signal}\n\n${table}\n`);
  mkdirSync(join(root, "reports/stress"), { recursive: true });
  writeFileSync(
    join(root, "reports/stress/figures.json"),
    `${JSON.stringify({ finishedAt: new Date().toISOString(), minutes, exit: code ?? signal, figures }, null, 2)}\n`,
  );
  process.exit(code ?? 1);
});
