// The field-path shortcut (simple-path.ts) against JSONata itself, which stays the definition: for any JSON
// input and any path of plain names, both give the same JSON. Seeds print on failure (FC_SEED replays).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import jsonata from "jsonata";
import { ExpressionError } from "./expression-error.js";
import { toJsonValue } from "./expression-result.js";
import { compileExpression, defaultExpressionLimits } from "./expression-sandbox.js";
import { evaluateSimplePath, simplePathOf } from "./simple-path.js";

const seed =
  process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED);
async function check<T extends unknown[]>(property: fc.IAsyncProperty<T>): Promise<void> {
  try {
    await fc.assert(property, { seed, numRuns: 400 });
  } catch (error) {
    throw new Error(`property failed; replay with FC_SEED=${seed}\n${(error as Error).message}`);
  }
}

const names = ["a", "b", "value"] as const;
const json = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string({ maxLength: 3 }),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...names), tie("v"), { maxKeys: 3 }),
  ),
})).v;
const input = fc.dictionary(fc.constantFrom(...names), json, { maxKeys: 3 });
const path = fc.array(fc.constantFrom(...names, "c"), { minLength: 1, maxLength: 3 });

describe("simple field paths", () => {
  it("give JSONata's result for any input", async () => {
    await check(
      fc.asyncProperty(input, path, async (doc, steps) => {
        const source = steps.join(".");
        const expected = toJsonValue(await jsonata(source).evaluate(doc));
        const names = simplePathOf(jsonata(source).ast());
        assert.deepEqual(names, steps);
        const found = evaluateSimplePath(names ?? [], doc, defaultExpressionLimits);
        assert.ok(found !== undefined, "no limit is in reach");
        assert.deepEqual(toJsonValue(found.value), expected, `${source} over ${JSON.stringify(doc)}`);
      }),
    );
  });

  const notSimple = ["emails[0].value", "emails.value[]", "$.a", "a.$string()", "*.a", "a.*", "a[b]", "(a)"];
  for (const source of notSimple) {
    it(`leaves ${source} to JSONata`, () => {
      assert.equal(simplePathOf(jsonata(source).ast()), undefined);
    });
  }

  it("leaves an input that reaches a sandbox limit to JSONata, which refuses it as before", async () => {
    const limits = { ...defaultExpressionLimits, maxValueLength: 4 };
    const big = { emails: [{ value: "a" }, { value: "b" }, { value: "c" }, { value: "d" }, { value: "e" }] };
    assert.equal(evaluateSimplePath(["emails", "value"], big, limits), undefined);
    assert.equal(evaluateSimplePath(["emails", "value"], big, { ...limits, maxSequence: 4 }), undefined);
    const compiled = compileExpression("emails.value", limits);
    assert.ok(compiled.ok);
    assert.equal(compiled.expression.immediate(big), undefined);
    await assert.rejects(
      compiled.expression.evaluate(big, {
        connectionId: "c1",
        clientAddress: undefined,
        requestId: undefined,
      }),
      (error: unknown) => error instanceof ExpressionError && error.code === "M0002",
    );
  });

  it("answers a plain path synchronously in the sandbox", () => {
    const compiled = compileExpression("emails.value");
    assert.ok(compiled.ok);
    assert.deepEqual(compiled.expression.immediate({ emails: [{ value: "a" }, { value: "b" }] }), {
      value: ["a", "b"],
    });
    assert.deepEqual(compiled.expression.immediate({ emails: [{ value: "a" }] }), { value: "a" });
    assert.deepEqual(compiled.expression.immediate({ name: "x" }), { value: undefined });
  });
});
