// Wall time of the whole `npm run conformance` (reference server in-process plus every harness check in
// every profile), target ≤ 60 s. It runs in a scratch working directory so its reports do not replace
// reports/latest/ of the checkout; its own pass/fail verdict is noted, not judged here.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchRow, row } from "../report/bench-row.js";
import type { FigureContext } from "./figure-context.js";

const script = fileURLToPath(new URL("../../scripts/conformance.ts", import.meta.url));

export async function conformanceFigure(ctx: FigureContext): Promise<BenchRow> {
  ctx.log("npm run conformance (wall time)");
  const cwd = mkdtempSync(join(tmpdir(), "scim-bench-conformance-"));
  // tsx is resolved from this repository, not from the scratch directory the run starts in.
  const tsx = createRequire(import.meta.url).resolve("tsx");
  const started = performance.now();
  try {
    const { code, tail } = await new Promise<{ code: number | null; tail: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", tsx, script, "--format", "json"], {
        cwd,
        env: { ...process.env, LOG_LEVEL: "error" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString("utf8")).slice(-2000);
      };
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      child.once("error", reject);
      child.once("exit", (exitCode) => resolve({ code: exitCode, tail: output }));
    });
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0 && code !== 1) throw new Error(`npm run conformance exited ${code}:\n${tail}`);
    const summary = /\d+ pass, \d+ fail[^\n]*/.exec(tail)?.[0] ?? "";
    return row({
      id: "conformance-wall-time",
      name: "Full `npm run conformance` wall time",
      value: seconds,
      unit: "s",
      target: { on: "value", comparator: "<=", value: 60 },
      notes: [`Exit code ${code}${summary ? `; ${summary}` : ""}.`],
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
