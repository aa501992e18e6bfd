// The engine end to end against a small local SCIM server: verdicts and exit codes, evidence,
// cleanup in reverse order (also after failures, errors and an interrupt), the concurrency bound.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { Area, Gate, Outcome, Profile } from "../checks/check.js";
import type { Check, CheckContext } from "../checks/check-context.js";
import { defineCheck } from "../checks/check-context.js";
import { exampleCheckIds } from "../testing/example-checks.js";
import type { TinyScimServer } from "../testing/tiny-scim-server.js";
import { startTinyScimServer } from "../testing/tiny-scim-server.js";
import { loadCatalogue } from "./catalogue.js";
import { defaultCheckSources } from "./check-sources.js";
import type { RunOptions } from "./run-conformance.js";
import { runConformance } from "./run-conformance.js";

const catalogue = loadCatalogue();

function testCheck(
  id: string,
  run: (ctx: CheckContext) => Promise<Outcome>,
  extra: { requirements?: string[]; gate?: Gate; profile?: Profile; area?: Area } = {},
): { check: Check; source: string } {
  const area = extra.area ?? "create";
  return {
    check: defineCheck({
      id: `${area}.test.${id}`,
      title: id,
      area,
      requirements: extra.requirements ?? ["rfc7644.create.status-201"],
      expectation: `${id} works`,
      ...(extra.gate ? { gate: extra.gate } : {}),
      ...(extra.profile ? { profile: extra.profile } : {}),
      run,
    }),
    source: "code",
  };
}

function options(
  server: TinyScimServer,
  checks: RunOptions["checks"],
  more: Partial<RunOptions> = {},
): RunOptions {
  return { baseUrl: server.base, checks, catalogue, seed: 42, concurrency: 2, timeoutMs: 2000, ...more };
}

let server: TinyScimServer;
before(async () => {
  server = await startTinyScimServer();
});
after(() => server.close());

describe("runConformance verdicts", () => {
  it("passes the example discovery checks and cases on a conforming target and exits 0", async () => {
    const { report, exitCode } = await runConformance(
      options(server, defaultCheckSources(), { only: [...exampleCheckIds] }),
    );
    const notPassed = report.results
      .filter((r) => r.status !== "pass")
      .map((r) => `${r.id}: ${r.status} ${"actual" in r ? r.actual : ""}`);
    assert.deepEqual(notPassed, []);
    assert.equal(exitCode, 0);
    assert.equal(report.summary.byStatus.pass, exampleCheckIds.length);
    assert.equal(server.users.size, 0, "the example case's user was cleaned up");
    assert.equal(report.run.seed, 42);
    assert.ok(report.discovery.documents.serviceProviderConfig);
  });

  it("fails a broken MUST and exits 1", async () => {
    const broken = await startTinyScimServer({ quirks: ["spc-without-urn", "numeric-error-status"] });
    const { report, exitCode } = await runConformance(
      options(broken, defaultCheckSources(), { only: [...exampleCheckIds] }),
    );
    await broken.close();
    const failed = report.results
      .filter((r) => r.status === "fail")
      .map((r) => r.id)
      .sort();
    assert.deepEqual(failed, ["discovery.schemas.unknown-id-404", "discovery.spc.schemas-urn"]);
    assert.equal(exitCode, 1);
    const urn = report.results.find((r) => r.id === "discovery.spc.schemas-urn");
    assert.ok(urn && urn.status === "fail" && /schemas is \[\]/.test(urn.actual));
    assert.equal(urn.exchanges[0]?.request.url, `${broken.base}/ServiceProviderConfig`);
  });

  it("warns for an unadvertised feature, and fails it under --require", async () => {
    const quiet = await startTinyScimServer({ quirks: ["filter-not-advertised"] });
    const filterCheck = testCheck(
      "broken-filter",
      async () => ({ kind: "unmet", expectation: "x", actual: "wrong set" }),
      {
        area: "filter",
        requirements: ["rfc7644.filter.case-insensitive-attribute-names"],
      },
    );
    const soft = await runConformance(options(quiet, [filterCheck]));
    const hard = await runConformance(options(quiet, [filterCheck], { require: ["filter"] }));
    await quiet.close();
    assert.equal(soft.report.results[0]?.status, "warn");
    assert.equal(soft.exitCode, 0);
    assert.equal(hard.report.results[0]?.status, "fail");
    assert.equal(hard.exitCode, 1);
  });

  it("carries a property check's replay information into its result", async () => {
    const replay = { seed: 7, path: "3:1", counterexample: { userName: "A" } };
    const property = testCheck("property", async () => ({
      kind: "unmet",
      expectation: "x",
      actual: "lost",
      replay,
    }));
    const { report } = await runConformance(options(server, [property]));
    assert.deepEqual(report.results[0]?.replay, replay);
  });

  it("reports a thrown exception as an error with its evidence and exits 2", async () => {
    const thrower = testCheck("thrower", async (ctx) => {
      await ctx.client.send({ method: "GET", path: "/ServiceProviderConfig" });
      throw new TypeError("a bug in the check");
    });
    const { report, exitCode } = await runConformance(options(server, [thrower]));
    const result = report.results[0];
    assert.equal(result?.status, "error");
    assert.match(result?.status === "error" ? result.error : "", /TypeError: a bug in the check/);
    assert.equal(result?.exchanges.length, 1);
    assert.equal(exitCode, 2);
  });

  it("exits 2 without running checks when the target cannot be reached", async () => {
    const gone = await startTinyScimServer();
    const base = gone.base;
    await gone.close();
    const ran: string[] = [];
    const { report, exitCode } = await runConformance({
      ...options(gone, [
        testCheck("never", async () => {
          ran.push("x");
          return { kind: "met", expectation: "" };
        }),
      ]),
      baseUrl: base,
    });
    assert.equal(exitCode, 2);
    assert.equal(report.target.reachable, false);
    assert.deepEqual(ran, []);
    assert.equal(report.results[0]?.status, "skip");
  });

  it("reports checks of unselected profiles as skipped without running them", async () => {
    let ran = false;
    const entra = testCheck(
      "entra-only",
      async () => {
        ran = true;
        return { kind: "met", expectation: "" };
      },
      {
        area: "interop",
        requirements: ["interop.entra.patch-op-case-insensitive"],
        profile: "entra",
      },
    );
    const { report } = await runConformance(options(server, [entra]));
    assert.equal(ran, false);
    assert.equal(report.results[0]?.status, "skip");
    assert.match(report.results[0]?.status === "skip" ? report.results[0].reason : "", /--profile entra/);
  });
});

describe("runConformance isolation", () => {
  it("deletes everything it created in reverse order, also after a failing and a throwing check", async () => {
    const before = server.requests.length;
    const creator = (name: string, end: "fail" | "throw" | "pass") =>
      testCheck(name, async (ctx) => {
        const a = await ctx.resources.createUser();
        const b = await ctx.resources.createUser();
        ctx.note(`${a.id} ${b.id}`);
        if (end === "throw") throw new Error("boom");
        return end === "fail"
          ? { kind: "unmet", expectation: "x", actual: "y" }
          : { kind: "met", expectation: "x" };
      });
    const { report } = await runConformance(
      options(server, [creator("one", "fail"), creator("two", "throw"), creator("three", "pass")], {
        concurrency: 1,
      }),
    );
    assert.equal(server.users.size, 0);
    const traffic = server.requests.slice(before);
    const created = traffic.filter((r) => r.method === "POST").length;
    const deleted = traffic.filter((r) => r.method === "DELETE").map((r) => r.url.split("/").at(-1));
    assert.equal(created, 6);
    // The tiny server numbers ids in creation order, so reverse creation order is descending ids.
    const numbers = deleted.map((u) => Number(u?.slice(1)));
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => b - a),
    );
    assert.equal(numbers.length, 6);
    assert.equal(report.cleanup.deleted, 6);
    assert.deepEqual(report.cleanup.leftBehind, []);
  });

  it("cleans up after an interrupt and marks what never ran", async () => {
    const controller = new AbortController();
    const hanging = testCheck("hangs", async (ctx) => {
      await ctx.resources.createUser();
      controller.abort();
      await sleep(60_000, undefined, { signal: ctx.signal }).catch(() => {});
      return { kind: "met", expectation: "x" };
    });
    const later = testCheck("later", async () => ({ kind: "met", expectation: "x" }));
    const { report } = await runConformance(
      options(server, [hanging, later], { concurrency: 1, signal: controller.signal }),
    );
    assert.equal(server.users.size, 0);
    assert.equal(report.run.interrupted, true);
    assert.equal(report.results[0]?.status, "error");
    assert.deepEqual(
      report.results[1] && [
        report.results[1].status,
        "reason" in report.results[1] ? report.results[1].reason : "",
      ],
      ["skip", "not run: the run was interrupted"],
    );
  });

  it("never runs more checks at once than the concurrency allows", async () => {
    let inFlight = 0;
    let peak = 0;
    const busy = (n: number) =>
      testCheck(`busy-${n}`, async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await sleep(20);
        inFlight -= 1;
        return { kind: "met", expectation: "x" };
      });
    const { report } = await runConformance(
      options(server, [1, 2, 3, 4, 5, 6, 7].map(busy), { concurrency: 3 }),
    );
    assert.equal(peak, 3);
    assert.equal(report.summary.byStatus.pass, 7);
  });
});
