// The JSONata sandbox (expression-sandbox.ts): no way out to Node, every evaluation bounded in time, depth
// and size, results as plain JSON, compiled once per source.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ExpressionError } from "./expression-error.js";
import { type CompiledExpression, compileExpression, defaultExpressionLimits } from "./expression-sandbox.js";
import { context } from "./mapping-test-support.js";

function compiled(source: string): CompiledExpression {
  const result = compileExpression(source);
  if (!result.ok) throw new Error(`does not compile: ${result.message}`);
  return result.expression;
}

async function failure(source: string, input: unknown = {}): Promise<ExpressionError> {
  try {
    await compiled(source).evaluate(input, context);
  } catch (error) {
    assert.ok(error instanceof ExpressionError, `not an ExpressionError: ${String(error)}`);
    return error;
  }
  throw new Error(`${source} evaluated without error`);
}

describe("compileExpression: no access to Node", () => {
  const undefinedInSandbox = [
    "process",
    "$process",
    "require",
    "constructor",
    "__proto__",
    "$.__proto__",
    "$.constructor",
    "a.constructor",
    "globalThis",
    "$globalThis",
    '$.constructor.constructor("return process")()',
    "$process.exit(1)",
    '$lookup($, "constructor")',
    '$lookup($, "__proto__")',
    '$merge([{}, {"__proto__": {"x": 1}}]).x',
  ];
  for (const source of undefinedInSandbox) {
    it(`evaluates ${source} to nothing`, async () => {
      assert.equal(await compiled(source).evaluate({ a: {} }, context), undefined);
    });
  }

  const refusedAtRun: [string, string][] = [
    ['$require("fs")', "T1006"],
    ['$import("fs")', "T1006"],
  ];
  for (const [source, code] of refusedAtRun) {
    it(`refuses to call ${source} (${code})`, async () => {
      assert.equal((await failure(source)).code, code);
    });
  }

  const refusedAtCompile: [string, RegExp][] = [
    ['$eval("process")', /\$eval is disabled/],
    ['($e := $eval; $e("1 + 1"))', /\$eval is disabled/],
    ['$match("aaaa!", /(a+)+$/)', /regular expressions are not allowed/],
    ['$replace("a", /a/, "b")', /regular expressions are not allowed/],
    ["emails[", /does not|S0/],
    ["x".repeat(defaultExpressionLimits.maxSourceLength + 1), /longer than/],
  ];
  for (const [source, message] of refusedAtCompile) {
    it(`refuses to compile ${source.slice(0, 40)}`, () => {
      const result = compileExpression(source);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.message, message);
    });
  }
});

describe("compileExpression: bounded evaluation", () => {
  const bounded: [string, string, string][] = [
    ["an infinite tail recursion", "($f := function($n){ $f($n + 1) }; $f(0))", "D1012"],
    ["a deep non-tail recursion", "($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))", "D1011"],
    ["a huge range", "$count([1..10000000])", "D2015"],
    ["a range over the sequence limit", "$count([1..200000])", "D2015"],
    [
      "a string doubled in a loop",
      '($f := function($s, $n){ $n = 0 ? $s : $f($s & $s, $n - 1) }; $length($f("x", 40)))',
      "M0002",
    ],
    ["a padded string", '$pad("x", 100000000)', "M0002"],
    [
      "a nested loop",
      "$sum($map([1..9999], function($v){ $sum($map([1..9999], function($w){ $w })) }))",
      "D1012",
    ],
  ];
  // The error code is the evidence that a bound stopped the evaluation (D1012 is JSONata's time limit);
  // wall-clock assertions would be flaky on a shared machine, so a hang is caught by the test timeout.
  for (const [name, source, code] of bounded) {
    it(`stops ${name} with ${code}`, { timeout: 60_000 }, async () => {
      const error = await failure(source);
      assert.equal(error.code, code, error.message);
    });
  }
});

describe("compileExpression: results and bindings", () => {
  const results: [string, unknown, unknown][] = [
    [
      'emails[type = "work"].value',
      {
        emails: [
          { type: "work", value: "a" },
          { type: "home", value: "b" },
        ],
      },
      "a",
    ],
    ["emails.value", { emails: [{ value: "a" }, { value: "b" }] }, ["a", "b"]],
    ["missing", {}, undefined],
    ["$context", {}, { connectionId: "c1", clientAddress: "192.0.2.7", requestId: "req-1" }],
    ["$context.connectionId & ':' & userName", { userName: "bjensen" }, "c1:bjensen"],
    ['$parseJson("{\\"a\\":[1,true,null]}")', {}, { a: [1, true, null] }],
    ['$parseJson("not json")', {}, undefined],
    ['$string({"value": "x", "primary": true})', {}, '{"value":"x","primary":true}'],
    ['{"__proto__": {"polluted": true}}', {}, JSON.parse('{"__proto__": {"polluted": true}}')],
  ];
  for (const [source, input, want] of results) {
    it(`evaluates ${source} to ${JSON.stringify(want)}`, async () => {
      const got = await compiled(source).evaluate(input, context);
      assert.deepEqual(got, want);
      if (typeof got === "object" && got !== null && !Array.isArray(got)) {
        assert.equal(Object.getPrototypeOf(got), Object.prototype);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }
    });
  }

  it("returns plain arrays, not JSONata sequences", async () => {
    const got = await compiled("emails.value").evaluate(
      { emails: [{ value: "a" }, { value: "b" }] },
      context,
    );
    assert.ok(Array.isArray(got));
    assert.equal((got as unknown as { sequence?: boolean }).sequence, undefined);
  });

  const refusedResults: [string, string][] = [
    ["function($x){ $x }", "M0005"],
    ["1/0", "M0004"],
  ];
  for (const [source, code] of refusedResults) {
    it(`refuses the result of ${source} (${code})`, async () => {
      assert.equal((await failure(source)).code, code);
    });
  }

  it("compiles a source once and serves it from the cache", () => {
    const first = compileExpression("userName & '!'");
    const second = compileExpression("userName & '!'");
    assert.ok(first.ok && second.ok);
    assert.equal(first.expression, second.expression);
  });
});

describe("CompiledExpression.immediate: results without JSONata's asynchronous evaluator", () => {
  // Sources are unique to these tests: compiled expressions, and what they know, are cached per source.
  it("knows nothing before the result over {} has been computed", () => {
    assert.equal(compiled('known1Phones[type = "work"].value').immediate({}), undefined);
  });

  it("knows the result for an input that lacks every field the expression reads", async () => {
    const expression = compiled('$join(known2Lines, "$")');
    assert.equal(await expression.evaluate({ other: 1 }, context), undefined);
    assert.deepEqual(expression.immediate({ other: 2 }), { value: undefined });
    // An input with the field must be evaluated.
    assert.equal(expression.immediate({ known2Lines: ["a", "b"] }), undefined);
    assert.equal(await expression.evaluate({ known2Lines: ["a", "b"] }, context), "a$b");
  });

  it("hands out a copy of a known value, never the cached one", async () => {
    const expression = compiled('["top", "known3Person"]');
    assert.deepEqual(await expression.evaluate({}, context), ["top", "known3Person"]);
    const first = expression.immediate({ anything: true });
    const second = expression.immediate({});
    assert.deepEqual(first, { value: ["top", "known3Person"] });
    assert.notEqual(first?.value, second?.value);
    assert.ok(Array.isArray(first?.value));
    (first.value as string[]).push("changed");
    assert.deepEqual(expression.immediate({})?.value, ["top", "known3Person"]);
  });

  it("never knows the result of an expression that may read the whole input or the clock", async () => {
    for (const source of ["$keys($)", "$now() & known4"]) {
      const expression = compiled(source);
      await expression.evaluate({}, context);
      assert.equal(expression.immediate({}), undefined, source);
    }
  });

  it("knows nothing after the evaluation over {} failed: the failure is raised every time", async () => {
    const expression = compiled("$error('known5 over nothing') & known5");
    await assert.rejects(expression.evaluate({}, context), ExpressionError);
    assert.equal(expression.immediate({}), undefined);
    await assert.rejects(expression.evaluate({}, context), ExpressionError);
  });
});
