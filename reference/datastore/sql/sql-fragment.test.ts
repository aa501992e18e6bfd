import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { join, raw, render, sql } from "./sql-fragment.js";

const question = () => "?";
const numbered = (n: number) => `$${n}`;

describe("sql fragments", () => {
  it("binds every value as a parameter, never as text", () => {
    const hostile = "x' OR 1=1 --";
    const { text, params } = render(sql`SELECT 1 FROM t WHERE a = ${hostile} AND b = ${5}`, question);
    assert.equal(text, "SELECT 1 FROM t WHERE a = ? AND b = ?");
    assert.deepEqual(params, [hostile, 5]);
  });

  it("numbers placeholders in textual order, however the fragments nest", () => {
    const inner = sql`c IN (${join([sql`${"p"}`, sql`${"q"}`], ", ")})`;
    const outer = sql`SELECT ${1} AS one WHERE ${inner} AND d = ${"r"}`;
    const { text, params } = render(outer, numbered);
    assert.equal(text, "SELECT $1 AS one WHERE c IN ($2, $3) AND d = $4");
    assert.deepEqual(params, [1, "p", "q", "r"]);
    assert.deepEqual(render(outer, question).text, "SELECT ? AS one WHERE c IN (?, ?) AND d = ?");
  });

  it("renders one call site to one text, whatever the values (statement cache key)", () => {
    const at = (v: string) => sql`UPDATE t SET v = ${v} WHERE id = ${1}`;
    assert.equal(render(at("a"), numbered).text, render(at("b"), numbered).text);
    assert.deepEqual(render(at("b"), numbered).params, ["b", 1]);
    assert.equal(render(at("a"), question).text, "UPDATE t SET v = ? WHERE id = ?");
  });

  it("embeds trusted text and joins fragments", () => {
    assert.equal(render(join([raw("a"), raw("b"), raw("c")], " OR "), question).text, "a OR b OR c");
    assert.equal(render(join([], ", "), question).text, "");
  });
});
