// The fuzzer's own JSON mutations (mutate-json.ts): whatever they do to a seed, the result serialises.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyJsonMutations, serialise } from "./mutate-json.js";

describe("applyJsonMutations", () => {
  it("inserts copies, so one constant given twice makes no circle and stays as it was", () => {
    // fast-check's constantFrom hands out the same `{}` each time. Slots are visited breadth first:
    // root, a, k, so the second mutation adds the constant into the copy the first one inserted.
    const shared = {};
    const out = applyJsonMutations({ a: 1 }, [
      { kind: "addKey", at: 0, key: "k", value: shared },
      { kind: "addKey", at: 2, key: "loop", value: shared },
    ]);
    assert.equal(serialise(out), '{"a":1,"k":{"loop":{}}}');
    assert.deepEqual(shared, {});
  });

  it("copies a value that replaces a node or the root", () => {
    const shared = { value: null };
    const replaced = applyJsonMutations({ a: 1 }, [
      { kind: "set", at: 1, value: shared },
      { kind: "addKey", at: 1, key: "x", value: 2 },
    ]);
    assert.equal(serialise(replaced), '{"a":{"value":null,"x":2}}');
    assert.deepEqual(shared, { value: null });
  });
});
