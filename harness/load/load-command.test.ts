// The load command end to end against an in-memory target on a real socket: setup, the mixes, the
// bounds, errors, the four reports, cleanup (also after an interrupt), and the loopback rule.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CliIo } from "../cli.js";
import { executeLoad } from "./load-command.js";
import type { LoadReport } from "./load-report.js";
import { type FakeScimTarget, startFakeScimTarget } from "./testing/fake-scim-target.js";

const root = mkdtempSync(join(tmpdir(), "scim-load-"));

function io(signal?: AbortSignal): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    env: {},
    reportsRoot: root,
    ...(signal ? { signal } : {}),
  };
}

function latest(): LoadReport {
  return JSON.parse(readFileSync(join(root, "load", "latest", "load.json"), "utf8")) as LoadReport;
}

describe("scim-conformance load", () => {
  let target: FakeScimTarget;
  before(async () => {
    target = await startFakeScimTarget();
  });
  after(async () => {
    await target.close();
    rmSync(root, { recursive: true, force: true });
  });

  for (const profile of ["entra", "okta"] as const) {
    it(`runs the ${profile} mix within its request budget and deletes everything it created`, async () => {
      const code = await executeLoad(
        target.base,
        { profile, requests: "120", duration: "20s", connections: "4", users: "20", seed: "7" },
        io(),
      );
      assert.equal(code, 0);
      const report = latest();
      assert.equal(report.run.stoppedBy, "requests");
      assert.equal(report.totals.requests, 120);
      assert.equal(report.totals.errors, 0);
      assert.ok(
        report.operations.every((o) => o.requests > 0),
        JSON.stringify(report.operations),
      );
      assert.equal(report.cleanup.leftBehind.length, 0);
      assert.equal(target.users.size, 0, "every user deleted");
      assert.equal(target.groups.size, 0, "the group deleted");
    });
  }

  it("writes the JSON, JUnit, HTML and Markdown reports", async () => {
    await executeLoad(target.base, { op: "get", requests: "10", users: "3" }, io());
    for (const file of ["load.json", "junit.xml", "index.html", "summary.md"])
      assert.ok(existsSync(join(root, "load", "latest", file)), file);
    assert.match(
      readFileSync(join(root, "load", "latest", "junit.xml"), "utf8"),
      /<testcase [^>]*name="get"/,
    );
    assert.match(readFileSync(join(root, "load", "latest", "summary.md"), "utf8"), /\| get \| 10 \|/);
  });

  it("ends a member-add run when no non-member is left, having added each user once", async () => {
    const code = await executeLoad(
      target.base,
      { op: "member-add", duration: "20s", users: "5", connections: "2" },
      io(),
    );
    const report = latest();
    assert.equal(code, 0);
    assert.equal(report.run.stoppedBy, "exhausted");
    assert.equal(report.totals.requests, 5);
  });

  it("stops at --duration", async () => {
    const started = performance.now();
    await executeLoad(target.base, { op: "filter", duration: "300ms", users: "3", connections: "2" }, io());
    assert.equal(latest().run.stoppedBy, "duration");
    assert.ok(performance.now() - started < 10_000);
  });

  it("counts failed requests per operation and exits 1, with the problem in the report", async () => {
    const failing = await startFakeScimTarget({ failPatch: true });
    try {
      const code = await executeLoad(failing.base, { op: "patch", requests: "6", users: "3" }, io());
      assert.equal(code, 1);
      const patch = latest().operations.find((o) => o.name === "patch");
      assert.equal(patch?.errors, 6);
      assert.deepEqual(patch?.problems, { "HTTP 500": 6 });
      assert.equal(failing.users.size, 0, "cleanup still ran");
    } finally {
      await failing.close();
    }
  });

  it("cleans up and exits 130 when interrupted", async () => {
    const controller = new AbortController();
    const pending = executeLoad(
      target.base,
      { profile: "entra", duration: "30s", users: "10", connections: "2" },
      io(controller.signal),
    );
    // Interrupt once the load phase is running (its users exist and requests beyond the setup arrive),
    // not after a fixed delay: on a loaded machine 300 ms could still fall inside the setup.
    const started = Date.now();
    while (!(target.users.size >= 10 && target.requests.length > 30) && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    controller.abort();
    assert.equal(await pending, 130);
    assert.equal(target.users.size, 0);
    assert.equal(target.groups.size, 0);
  });

  it("refuses a remote target without --allow-remote and sends nothing", async () => {
    const before = target.requests.length;
    const out = io();
    const code = await executeLoad("https://scim.example.com/scim/v2", { requests: "1" }, out);
    assert.equal(code, 2);
    assert.match(out.err.join(""), /not a loopback address/);
    assert.equal(target.requests.length, before);
  });

  it("refuses a bad option with exit 2 before sending anything", async () => {
    const out = io();
    assert.equal(await executeLoad(target.base, { duration: "forever" }, out), 2);
    assert.match(out.err.join(""), /--duration forever/);
  });

  it("never writes the bearer token into a report", async () => {
    await executeLoad(
      target.base,
      { op: "get", requests: "3", users: "2", bearer: "s3cret-t0ken-value" },
      io(),
    );
    for (const file of ["load.json", "junit.xml", "index.html", "summary.md"])
      assert.ok(
        !readFileSync(join(root, "load", "latest", file), "utf8").includes("s3cret-t0ken-value"),
        file,
      );
    assert.equal(target.requests.at(-1)?.headers.authorization, "Bearer s3cret-t0ken-value");
  });
});
