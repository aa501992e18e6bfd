// The sandbox answers an expression over an input lacking every field it reads from a result computed once
// over {} (expression-inputs.ts). Proven two ways: the analysis names the right fields (or refuses) for each
// construct, and for random inputs the sandbox's answer equals JSONata's own evaluation, field present or not.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import jsonata from "jsonata";
import { inputFieldsOf, lacksAll } from "./expression-inputs.js";
import { toJsonValue } from "./expression-result.js";
import { compileExpression } from "./expression-sandbox.js";
import { context } from "./mapping-test-support.js";

const fields = (source: string) => {
  const set = inputFieldsOf(jsonata(source).ast());
  return set === undefined ? undefined : [...set].sort();
};

describe("inputFieldsOf", () => {
  const cases: readonly [string, string[] | undefined][] = [
    ["emails.value", ["emails"]],
    ['phoneNumbers[$lowercase(type) = "work"].value', ["phoneNumbers"]],
    ['addresses[$lowercase(type) = "work"][0].streetAddress', ["addresses"]],
    ['$join($split(addresses[$lowercase(type) = "home"][0].formatted, "\\n"), "$")', ["addresses"]],
    ["ims.$string($)", ["ims"]],
    ["[scimIms.$parseJson($)]", ["scimIms"]],
    ['["top", "person", "inetOrgPerson"]', []],
    ['givenName & " " & sn', ["givenName", "sn"]],
    ["active ? 1 : 0", ["active"]],
    ["-age", ["age"]],
    // Anything that can read the whole input, a variable or the clock is refused.
    ["$", undefined],
    ["$.a", undefined],
    ["$$.a", undefined],
    ["$context.requestId", undefined],
    ["$now()", undefined],
    ["$random()", undefined],
    ["($x := a; $x)", undefined],
    ["function($v) { $v }(a)", undefined],
    ['{"k": a}', undefined],
    ["$string(a)[$$.b = 1]", undefined],
    ["a@$x.b", undefined],
    ["a#$i.b", undefined],
    ["a{b: c}", undefined],
    ["**.a", undefined],
    ["*.a", undefined],
  ];
  for (const [source, want] of cases) {
    it(`${source} reads ${want === undefined ? "anything" : `[${want.join(", ")}]`}`, () => {
      assert.deepEqual(fields(source), want);
    });
  }

  it("treats a field as present only when it is an own property with a value", () => {
    assert.equal(lacksAll({ a: undefined }, new Set(["a"])), true);
    assert.equal(lacksAll({}, new Set(["constructor"])), true);
    assert.equal(lacksAll({ a: null }, new Set(["a"])), false);
    assert.equal(lacksAll([], new Set(["a"])), false, "arrays are mapped over, never skipped");
  });
});

describe("the sandbox over inputs lacking the fields an expression reads", () => {
  const seed =
    process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED);
  const sources = [
    "emails.value",
    'phoneNumbers[$lowercase(type) = "work"].value',
    'addresses[$lowercase(type) = "work"][0].streetAddress',
    '$join($split(addresses[$lowercase(type) = "home"][0].formatted, "\\n"), "$")',
    "ims.$string($)",
    "[scimIms.$parseJson($)]",
    '["top", "person"]',
    'givenName & " " & sn',
    "$count(emails)",
    "$exists(nickName)",
    "$string(title)",
    "active ? 1 : 0",
  ];
  const key = fc.constantFrom(
    "emails",
    "phoneNumbers",
    "addresses",
    "ims",
    "scimIms",
    "givenName",
    "sn",
    "nickName",
    "title",
    "active",
    "other",
  );
  const leaf = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null));
  const element = fc.record(
    { type: fc.constantFrom("work", "home", "Work"), value: leaf, formatted: fc.string({ maxLength: 8 }) },
    { requiredKeys: [] },
  );
  const value = fc.oneof(leaf, fc.array(element, { maxLength: 3 }), fc.array(fc.json(), { maxLength: 2 }));
  const input = fc.dictionary(key, value, { maxKeys: 4 });

  it("answers exactly as JSONata does", async () => {
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...sources), input, async (source, data) => {
          const compiled = compileExpression(source);
          assert.ok(compiled.ok);
          const direct = jsonata(source);
          direct.registerFunction("parseJson", (text: unknown) => {
            try {
              return typeof text === "string" ? JSON.parse(text) : undefined;
            } catch {
              return undefined;
            }
          });
          const expected = toJsonValue(await direct.evaluate(data, { context: {} }));
          // Twice: the second answer may come from the result remembered over {}.
          for (let i = 0; i < 2; i++)
            assert.deepEqual(await compiled.expression.evaluate(data, context), expected);
        }),
        { seed, numRuns: 400 },
      );
    } catch (error) {
      throw new Error(`property failed; replay with FC_SEED=${seed}\n${(error as Error).message}`);
    }
  });

  it("hands out a fresh copy of a remembered object, so a caller's change cannot leak", async () => {
    const compiled = compileExpression('["top", "person"]');
    assert.ok(compiled.ok);
    const first = (await compiled.expression.evaluate({}, context)) as string[];
    first.push("changed");
    assert.deepEqual(await compiled.expression.evaluate({}, context), ["top", "person"]);
  });
});
