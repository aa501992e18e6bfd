// `scim-conformance test`: option parsing, exit codes, --dry-run, secrets never printed, and a real
// process interrupted with SIGINT that still deletes what it created.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { RawTestOptions } from "./cli/test-options.js";
import { resolveTestOptions, UsageError } from "./cli/test-options.js";
import type { CliIo } from "./cli.js";
import { executeTest, exitInterrupted, replayLines } from "./cli.js";
import { exampleCheckIds } from "./testing/example-checks.js";
import type { Quirk } from "./testing/tiny-scim-server.js";
import { startTinyScimServer } from "./testing/tiny-scim-server.js";

const token = "cli-secret-token-0123456789";

describe("resolveTestOptions", () => {
  it("reads credentials from the environment, flags first", () => {
    assert.deepEqual(resolveTestOptions({}, { SCIM_BEARER_TOKEN: "t0ken" }).credentials, {
      kind: "bearer",
      token: "t0ken",
    });
    assert.deepEqual(resolveTestOptions({ bearer: "flag" }, { SCIM_BEARER_TOKEN: "env" }).credentials, {
      kind: "bearer",
      token: "flag",
    });
    assert.deepEqual(
      resolveTestOptions({}, { SCIM_BASIC_USER: "u", SCIM_BASIC_PASSWORD: "p:w" }).credentials,
      {
        kind: "basic",
        user: "u",
        password: "p:w",
      },
    );
    assert.deepEqual(resolveTestOptions({}, {}).credentials, { kind: "none" });
  });

  it("takes repeatable and comma-separated lists", () => {
    const s = resolveTestOptions(
      {
        profile: ["rfc,entra"],
        only: ["filter", "patch.add"],
        require: ["filter", "patch"],
        format: ["json,md"],
      },
      {},
    );
    assert.deepEqual(
      [s.profiles, s.only, s.require, s.formats],
      [
        ["rfc", "entra"],
        ["filter", "patch.add"],
        ["filter", "patch"],
        ["json", "md"],
      ],
    );
  });

  it("defaults to the rfc profile, every format, 15 s and 4 at once", () => {
    const s = resolveTestOptions({}, {});
    assert.deepEqual(
      [s.profiles, s.formats, s.timeoutMs, s.concurrency],
      [["rfc"], ["json", "junit", "html", "md"], 15_000, 4],
    );
  });

  it("carries --runs, --path and --shrink-ms to the property checks, and nothing when none is given", () => {
    assert.deepEqual(
      resolveTestOptions(
        { runs: "200", path: " 12:0:3 ", shrinkMs: "0", seed: "5", only: ["create.property"] },
        {},
      ).properties,
      { runs: 200, path: "12:0:3", shrinkTimeMs: 0 },
    );
    assert.deepEqual(resolveTestOptions({}, {}).properties, {});
  });

  const bad: [string, RawTestOptions][] = [
    ["zero runs", { runs: "0" }],
    ["a negative shrink time", { shrinkMs: "-1" }],
    ["a path that fast-check never prints", { path: "1;2", seed: "5", only: ["x"] }],
    ["a path without the seed it came from", { path: "1:2", only: ["create.property.round-trip"] }],
    ["a path for every check at once", { path: "1:2", seed: "5" }],
    ["an unknown profile", { profile: ["azure"] }],
    ["an unknown gate", { require: ["teleport"] }],
    ["an unknown format", { format: ["pdf"] }],
    ["a zero timeout", { timeout: "0" }],
    ["a non-numeric seed", { seed: "abc" }],
    ["a header without a colon", { header: ["Authorization"] }],
    ["basic without a colon", { basic: "user" }],
    ["a certificate without its key", { cert: "/dev/null" }],
  ];
  for (const [name, raw] of bad) {
    it(`refuses ${name}`, () => assert.throws(() => resolveTestOptions(raw, {}), UsageError));
  }
});

function buffer(): { readonly text: () => string; write(s: string): boolean } {
  const parts: string[] = [];
  return { text: () => parts.join(""), write: (s: string) => parts.push(s) > 0 };
}

describe("executeTest", () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), "scimc-cli-"));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  async function run(raw: RawTestOptions, quirks: readonly Quirk[] = [], reachable = true) {
    const server = await startTinyScimServer({ quirks: ["require-token", ...quirks], token });
    if (!reachable) await server.close();
    const stdout = buffer();
    const stderr = buffer();
    const io: CliIo = {
      stdout,
      stderr,
      env: { SCIM_BEARER_TOKEN: token },
      reportsRoot: join(folder, "reports"),
    };
    let code: number;
    try {
      code = await executeTest(
        server.base,
        { only: exampleCheckIds.filter((id) => id.startsWith("discovery.")), ...raw },
        io,
      );
    } finally {
      // An open server would keep this test file's process alive after a failure.
      if (reachable) await server.close();
    }
    return { code, stdout: stdout.text(), stderr: stderr.text(), requests: server.requests.length };
  }

  it("exits 0 when every MUST check passes, and writes the reports", async () => {
    const out = join(folder, "ok");
    const { code, stdout } = await run({ out });
    assert.equal(code, 0);
    assert.match(stdout, /0 fail/);
    assert.deepEqual(readdirSync(out).sort(), ["index.html", "junit.xml", "report.json", "summary.md"]);
    assert.deepEqual(readdirSync(join(folder, "reports", "latest")).sort(), [
      "index.html",
      "junit.xml",
      "report.json",
      "summary.md",
    ]);
  });

  it("exits 1 when a MUST check fails", async () => {
    assert.equal((await run({ out: join(folder, "fail") }, ["spc-without-urn"])).code, 1);
  });

  it("exits 2 when the target cannot be reached", async () => {
    const { code, stderr } = await run({ out: join(folder, "gone") }, [], false);
    assert.equal(code, 2);
    assert.match(stderr, /could not be reached/);
  });

  it("exits 2 on a wrong invocation without sending anything", async () => {
    const { code, stderr, requests } = await run({ profile: ["azure"] });
    assert.equal(code, 2);
    assert.equal(requests, 0);
    assert.match(stderr, /--profile azure/);
  });

  it("lists the plan and sends nothing with --dry-run", async () => {
    const { code, stdout, requests } = await run({ dryRun: true });
    assert.equal(code, 0);
    assert.equal(requests, 0);
    assert.match(stdout, /discovery\.spc\.schemas-urn +MUST +core +rfc/);
    assert.match(stdout, /nothing was sent/);
  });

  it("prints the command line that replays a failing property's shrunk case", () => {
    const base = { title: "t", area: "create", profile: "rfc", gate: "core", level: "MUST" } as const;
    const common = { ...base, requirements: [], expectation: "e", exchanges: [], durationMs: 1 };
    const lines = replayLines("https://scim.example/v2", [
      {
        ...common,
        id: "create.property.round-trip",
        status: "fail",
        actual: "lost",
        replay: { seed: 9, path: "4:1" },
      },
      { ...common, id: "create.user.status-201", status: "fail", actual: "200" },
      { ...common, id: "put.property.round-trip", status: "pass", replay: { seed: 9, path: "0" } },
    ]);
    assert.deepEqual(lines, [
      "  replay create.property.round-trip: scim-conformance test https://scim.example/v2 --only create.property.round-trip --seed 9 --path 4:1",
    ]);
  });

  it("never prints or stores the token", async () => {
    const out = join(folder, "secret");
    const { stdout, stderr } = await run({ out, format: ["json,html,md,junit"] });
    const stored = readdirSync(out).map((f) => readFileSync(join(out, f), "utf8"));
    for (const text of [stdout, stderr, ...stored]) assert.ok(!text.includes(token));
    assert.match(stored.join(""), /\[REDACTED\]/);
  });
});

describe("scim-conformance test, as a process", () => {
  it("deletes what it created when interrupted with SIGINT, then exits 130", async () => {
    // The create case POSTs a User, then reads it back: the server never answers that read, so the
    // run is stuck with a resource on the server when the signal arrives.
    const server = await startTinyScimServer({ quirks: ["hang-user-get"] });
    const folder = mkdtempSync(join(tmpdir(), "scimc-sigint-"));
    // tsx by absolute URL: the child runs in a temporary folder (its reports/latest lands there).
    const child = spawn(
      process.execPath,
      [
        "--import",
        import.meta.resolve("tsx"),
        new URL("testing/cli-entry.ts", import.meta.url).pathname,
        "test",
        server.base,
        "--only",
        "create.user.location-equals-meta-location",
        "--out",
        join(folder, "out"),
      ],
      { cwd: folder, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let code: number | null;
    try {
      const deadline = Date.now() + 20_000;
      while (server.users.size === 0 && child.exitCode === null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 25));
      assert.equal(server.users.size, 1, `the child never created its user: ${stderr}`);
      child.kill("SIGINT");
      code = await exited;
    } finally {
      child.kill("SIGKILL");
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    }
    assert.equal(code, exitInterrupted, stderr);
    assert.equal(server.users.size, 0);
    assert.equal(server.requests.filter((r) => r.method === "DELETE").length, 1);
    assert.match(stderr, /interrupted: stopping/);
  });
});
