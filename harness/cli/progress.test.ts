// Progress output: plain lines per check in CI, one rewritten line on a terminal.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckResult } from "../checks/check.js";
import { progressPrinter } from "./progress.js";

function result(id: string, status: "pass" | "fail"): CheckResult {
  const base = {
    id,
    title: id,
    area: "create" as const,
    profile: "rfc" as const,
    gate: "core" as const,
    level: "MUST" as const,
    requirements: [],
    expectation: "e",
    exchanges: [],
    durationMs: 5,
  };
  return status === "pass" ? { ...base, status } : { ...base, status, actual: "got 500\nwith a body" };
}

function capture(isTTY: boolean): { out: { isTTY: boolean; write(s: string): boolean }; text: () => string } {
  const parts: string[] = [];
  return { out: { isTTY, write: (s: string) => parts.push(s) > 0 }, text: () => parts.join("") };
}

describe("progressPrinter", () => {
  it("prints one plain line per finished check when not on a terminal", () => {
    const { out, text } = capture(false);
    const print = progressPrinter(out);
    print({ kind: "planned", total: 2 });
    print({ kind: "started", id: "create.a.b" });
    print({ kind: "finished", result: result("create.a.b", "pass"), done: 1, total: 2 });
    print({ kind: "finished", result: result("create.a.c", "fail"), done: 2, total: 2 });
    assert.equal(text(), "PASS  create.a.b (5 ms)\nFAIL  create.a.c (5 ms): got 500 with a body\n");
  });

  it("rewrites one status line on a terminal and keeps failures on their own lines", () => {
    const { out, text } = capture(true);
    const print = progressPrinter(out);
    print({ kind: "planned", total: 2 });
    print({ kind: "started", id: "create.a.b" });
    print({ kind: "finished", result: result("create.a.b", "fail"), done: 1, total: 2 });
    const clear = "\r\u001b[2K";
    assert.ok(
      text().startsWith(`${clear}[0/2] pass 0 · fail 0 · warn 0 · error 0 create.a.b`),
      JSON.stringify(text()),
    );
    assert.ok(text().includes(`${clear}FAIL  create.a.b: got 500 with a body\n`), JSON.stringify(text()));
    assert.ok(
      text().endsWith(`${clear}[1/2] pass 0 · fail 1 · warn 0 · error 0 create.a.b`),
      JSON.stringify(text()),
    );
  });
});
