// Runs every *.test.ts in the repository with node:test.
// Node 20's `--test` has no glob support and, given no files, "passes" with zero tests, so we list the
// files ourselves and refuse to report success when there is nothing to run.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const skipDirs = new Set(["node_modules", ".git", "reports", "data", ".ci"]);

export function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skipDirs.has(entry.name)) found.push(...findTestFiles(join(dir, entry.name)));
    } else if (entry.name.endsWith(".test.ts")) {
      found.push(join(dir, entry.name));
    }
  }
  return found.sort();
}

function main(): void {
  // Arguments narrow the run: any file whose repository path contains one of them is kept.
  const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const passThrough = process.argv.slice(2).filter((a) => a.startsWith("--"));
  const files = findTestFiles(root)
    .map((f) => relative(root, f))
    .filter((f) => filters.length === 0 || filters.some((needle) => f.includes(needle)));
  if (files.length === 0) {
    console.error(`run-tests: no *.test.ts file matched ${filters.join(", ") || "(all)"}; refusing to pass.`);
    process.exit(1);
  }
  console.log(`run-tests: ${files.length} test file(s)`);
  const concurrency = process.env.TEST_CONCURRENCY ?? "2";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, ...passThrough, ...files],
    { cwd: root, stdio: "inherit" },
  );
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
