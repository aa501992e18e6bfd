// The compatibility-layer table is data other code and the docs read: every quirk names its layer, its
// scope and where the client behaviour is documented.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compatLayerNames, compatQuirks, defaultCompatLayers, parseCompatLayers } from "./compat-layer.js";

describe("compatQuirks", () => {
  it("gives every quirk a unique id prefixed by its layer, a summary and a source", () => {
    const ids = compatQuirks.map((q) => q.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const q of compatQuirks) {
      assert.ok(q.id.startsWith(`${q.layer}.`), q.id);
      assert.ok(q.summary.length > 10 && q.source.length > 10, q.id);
    }
  });

  it("covers both layers", () => {
    for (const layer of compatLayerNames)
      assert.ok(
        compatQuirks.some((q) => q.layer === layer),
        layer,
      );
  });

  it("turns every layer on by default", () => {
    assert.deepEqual([...defaultCompatLayers], [...compatLayerNames]);
  });
});

describe("parseCompatLayers", () => {
  const cases: [string, string, string[]][] = [
    ["both", "entra,okta", ["entra", "okta"]],
    ["case and spaces", " Okta , ENTRA ", ["entra", "okta"]],
    ["none", "none", []],
    ["empty", "", []],
  ];
  for (const [name, text, want] of cases) {
    it(`parses ${name}`, () => assert.deepEqual(parseCompatLayers(text), want));
  }

  it("refuses an unknown layer instead of ignoring it", () => {
    assert.throws(() => parseCompatLayers("entra,sailpoint"), /sailpoint/);
  });
});
