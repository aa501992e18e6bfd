// Planning: unknown catalogue ids and duplicate check ids are load errors; gates default from the
// requirements; --only/--skip select by id or area prefix; unselected profiles are set aside.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Area, Gate, Level, Profile } from "../checks/check.js";
import type { Check } from "../checks/check-context.js";
import { defineCheck } from "../checks/check-context.js";
import { Catalogue } from "./catalogue.js";
import { PlanError, resolveChecks, selectChecks } from "./plan.js";

const catalogue = new Catalogue(
  (
    [
      ["rfc7644.patch.add", "MUST", "patch"],
      ["rfc7644.patch.should-thing", "SHOULD", "patch"],
      ["rfc7644.read.get", "MUST", "core"],
      ["interop.entra.patch-dialect", "interop", "patch"],
    ] as [string, Level, Gate][]
  ).map(([id, level, gate]) => ({
    id,
    level,
    gate,
    rfc: "7644",
    section: "3",
    summary: id,
    area: id.split(".")[1] ?? "",
  })),
);

function check(
  id: string,
  area: Area,
  requirements: string[],
  extra: { gate?: Gate; profile?: Profile } = {},
): Check {
  return defineCheck({
    id,
    title: id,
    area,
    requirements,
    expectation: id,
    ...extra,
    run: async () => ({ kind: "met", expectation: id }),
  });
}

const sources = [
  check("patch.add.simple", "patch", ["rfc7644.read.get", "rfc7644.patch.add"]),
  check("patch.add.other", "patch", ["rfc7644.patch.should-thing"]),
  check("read.by-id.basic", "read", ["rfc7644.read.get"]),
  check("interop.entra.dialect", "interop", ["interop.entra.patch-dialect"], { profile: "entra" }),
].map((c) => ({ check: c, source: "code" }));

describe("resolveChecks", () => {
  it("rejects a check citing an unknown requirement id", () => {
    assert.throws(
      () =>
        resolveChecks(
          [{ check: check("read.x.y", "read", ["rfc7644.read.nope"]), source: "code" }],
          catalogue,
        ),
      (e: unknown) =>
        e instanceof PlanError && /cites unknown requirement "rfc7644\.read\.nope"/.test(e.message),
    );
  });

  it("rejects duplicate check ids", () => {
    const twice = [
      ...sources.slice(0, 1),
      { check: sources[0]?.check as Check, source: "fixtures/cases/x.yaml" },
    ];
    assert.throws(() => resolveChecks(twice, catalogue), /duplicate check id "patch\.add\.simple"/);
  });

  it("takes the first non-core gate and the strongest level of the requirements", () => {
    const [first, second] = resolveChecks(sources, catalogue);
    assert.equal(first?.gate, "patch");
    assert.equal(first?.level, "MUST");
    assert.equal(second?.level, "SHOULD");
  });

  it("keeps an explicit gate", () => {
    const [planned] = resolveChecks(
      [{ check: check("read.x.y", "read", ["rfc7644.read.get"], { gate: "etag" }), source: "code" }],
      catalogue,
    );
    assert.equal(planned?.gate, "etag");
  });
});

describe("selectChecks", () => {
  const planned = resolveChecks(sources, catalogue);
  const table: [
    string,
    { only?: string[]; skip?: string[]; profiles?: Profile[]; run: string[]; notSelected?: string[] },
  ][] = [
    [
      "runs rfc checks by default",
      {
        run: ["patch.add.simple", "patch.add.other", "read.by-id.basic"],
        notSelected: ["interop.entra.dialect"],
      },
    ],
    ["selects an area", { only: ["patch"], run: ["patch.add.simple", "patch.add.other"] }],
    ["selects an id prefix on segment boundaries", { only: ["patch.add.sim"], run: [] }],
    ["selects an exact id", { only: ["patch.add.simple"], run: ["patch.add.simple"] }],
    [
      "skips by prefix",
      { skip: ["patch.add"], run: ["read.by-id.basic"], notSelected: ["interop.entra.dialect"] },
    ],
    [
      "runs a profile's checks when it is selected",
      { profiles: ["rfc", "entra"], only: ["interop"], run: ["interop.entra.dialect"] },
    ],
    [
      "does not run rfc checks when only entra is selected",
      { profiles: ["entra"], only: ["read"], run: [], notSelected: ["read.by-id.basic"] },
    ],
  ];
  for (const [name, want] of table) {
    it(name, () => {
      const plan = selectChecks(planned, {
        only: want.only ?? [],
        skip: want.skip ?? [],
        profiles: want.profiles ?? ["rfc"],
      });
      assert.deepEqual(
        plan.run.map((c) => c.id),
        want.run,
      );
      assert.deepEqual(
        plan.notSelected.map((c) => c.id),
        want.notSelected ?? [],
      );
    });
  }
});
