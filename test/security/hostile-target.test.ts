// The harness against hostile targets (issue "Reliability and security", The harness), at the command
// line: the real `scim-conformance test` process (bin/scim-conformance.js) against hostile-target.ts in
// each of its modes. Whatever the target does, the harness
// - gives up on a request at its deadline (--timeout) and reports `error` with the evidence, exit code 2;
// - reads at most its cap (4 MiB) of a 100 MB body;
// - survives invalid JSON and reports it as a finding;
// - never sends anything (above all no Authorization) to another origin, redirected or pointed there;
// - never deletes anything it did not create, even when a creation answers with someone else's resource;
// - writes a report and exits with 1 or 2, never a crash with a stack trace.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { recordFigures } from "../reliability/support/scale.js";
import {
  type HostileTarget,
  type Hostility,
  type Origin,
  startHostileTarget,
  startOtherOrigin,
} from "./hostile/hostile-target.js";

const bin = new URL("../../bin/scim-conformance.js", import.meta.url).pathname;
const token = "hostile-test-bearer-token-5f1c2e";
const timeoutMs = 1_500;
// A creation, a read of it at its Location, a read by id and a deletion: enough to meet every behaviour.
const checks = [
  "discovery.spc.schemas-urn",
  "create.user.status-201",
  "create.user.response-body",
  "create.user.location-equals-meta-location",
  "read.user.get-by-id",
  "delete.user.status-204",
].join(",");

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly report: { results: { id: string; status: string; exchanges?: unknown[] }[]; cleanup?: unknown };
  readonly reportText: string;
  readonly ms: number;
}

async function runCli(base: string, out: string): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      bin,
      "test",
      base,
      "--only",
      checks,
      "--timeout",
      String(timeoutMs),
      "--out",
      out,
      "--format",
      "json",
      "--seed",
      "7",
    ],
    {
      cwd: out,
      env: { ...process.env, SCIM_BEARER_TOKEN: token },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  const reportText = readFileSync(join(out, "report.json"), "utf8");
  return {
    code,
    stdout,
    stderr,
    report: JSON.parse(reportText) as CliRun["report"],
    reportText,
    ms: Date.now() - started,
  };
}

describe("scim-conformance test against hostile targets", () => {
  let dir: string;
  let other: Origin;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "scim-hostile-"));
    other = await startOtherOrigin();
  });
  after(async () => {
    await other?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Bytes the two kernels may buffer on a loopback connection: the largest send and receive buffers. */
  const kernelBuffering = (): number => {
    const max = (name: string, fallback: number) => {
      try {
        const value = Number(readFileSync(`/proc/sys/net/ipv4/${name}`, "utf8").trim().split(/\s+/)[2]);
        return Number.isFinite(value) && value > 0 ? value : fallback;
      } catch {
        return fallback;
      }
    };
    return max("tcp_wmem", 4 * 1024 * 1024) + max("tcp_rmem", 6 * 1024 * 1024);
  };

  const expectations: [Hostility, string, (run: CliRun, target: HostileTarget) => void][] = [
    [
      "never-ends",
      "gives up on every request at its deadline, reports error with the evidence and exits 2",
      (run) => {
        assert.equal(run.code, 2, run.stderr);
        const errors = run.report.results.filter((r) => r.status === "error");
        assert.ok(errors.length > 0, "no check reported error");
        assert.match(run.reportText, new RegExp(`no complete response within ${timeoutMs} ms`));
        // Six checks, each stuck at most a few deadlines, plus start-up: far below an unbounded wait.
        assert.ok(run.ms < 60_000, `the run took ${run.ms} ms`);
      },
    ],
    [
      "huge-body",
      "reads at most its cap of a 100 MB body and says the body was truncated",
      (run, target) => {
        assert.ok(run.code === 1 || run.code === 2, `exit ${run.code}: ${run.stderr}`);
        assert.ok(target.floods.length > 0, "no 100 MB answer was requested");
        // The cap is 4 MiB; what the socket buffers on both sides held when the client closed comes on top,
        // and Linux grows a loopback receive buffer up to tcp_rmem's maximum (32 MiB on some machines here).
        const bound = 4 * 1024 * 1024 + kernelBuffering();
        assert.ok(
          bound < 60 * 1024 * 1024,
          `socket buffers of ${bound} bytes leave the 100 MB test no meaning`,
        );
        for (const bytes of target.floods)
          assert.ok(bytes < bound, `the harness took ${bytes} bytes of one answer (bound ${bound})`);
        assert.match(run.reportText, /"truncated":\s*true/);
      },
    ],
    [
      "invalid-json",
      "reports invalid JSON as a finding with the body as evidence",
      (run) => {
        assert.ok(run.code === 1 || run.code === 2, `exit ${run.code}: ${run.stderr}`);
        assert.match(run.reportText, /not valid JSON/);
      },
    ],
    [
      "redirect-away",
      "follows no redirect to another origin",
      (run) => {
        assert.ok(run.code === 1 || run.code === 2, `exit ${run.code}: ${run.stderr}`);
      },
    ],
    [
      "location-elsewhere",
      "sends nothing to a Location on another origin",
      (run) => {
        assert.ok(run.code === 1 || run.code === 2, `exit ${run.code}: ${run.stderr}`);
      },
    ],
    [
      "claims-other-ids",
      "never deletes the resource a creation claimed, which it did not create",
      (run, target) => {
        assert.ok(run.code === 1 || run.code === 2, `exit ${run.code}: ${run.stderr}`);
        assert.ok(
          !target.deleted.includes("victim-1"),
          `the harness deleted victim-1: ${JSON.stringify(target.deleted)}`,
        );
      },
    ],
  ];

  for (const [hostility, behaviour, expect] of expectations) {
    it(`${behaviour} (${hostility})`, async () => {
      const before = other.requests.length;
      const target = await startHostileTarget(hostility, token, other);
      let run: CliRun;
      try {
        run = await runCli(target.base, mkdtempSync(join(dir, `${hostility}-`)));
      } finally {
        await target.close();
      }
      expect(run, target);
      recordFigures(`hostile-${hostility}`, {
        exit: run.code ?? "signal",
        requests: target.requests.length,
        seconds: Math.round(run.ms / 100) / 10,
      });
      // In every mode: nothing reached the other origin, so no credential could have.
      assert.deepEqual(other.requests.slice(before), []);
      // Only what this server created was deleted.
      for (const id of target.deleted)
        assert.ok(
          target.created.has(id) || id.startsWith("scimc-"),
          `the harness deleted ${id}, which it did not create`,
        );
      // A report was written and nothing crashed.
      assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+\)?\n/, `a stack trace on stderr:\n${run.stderr}`);
      assert.ok(
        !run.stdout.includes(token) && !run.stderr.includes(token) && !run.reportText.includes(token),
        "the token was printed or stored",
      );
    });
  }
});
