// The verdict table of the harness issue ("Engine"): level × advertised × --require × outcome.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Gate, Level, Outcome, Profile } from "../checks/check.js";
import type { Requirement } from "./catalogue.js";
import type { FeatureState } from "./discovery.js";
import { grade } from "./grading.js";

function req(id: string, level: Level, gate: Gate = "patch"): Requirement {
  return { id, rfc: "7644", section: "3.5.2", level, gate, summary: id, area: "patch" };
}

const met: Outcome = { kind: "met", expectation: "x" };
const unmet: Outcome = { kind: "unmet", expectation: "x", actual: "y" };
const skipped: Outcome = { kind: "skip", reason: "not applicable" };

interface Row {
  readonly levels: readonly Level[];
  readonly outcome: Outcome;
  readonly gate?: Gate;
  readonly feature: FeatureState;
  readonly required?: readonly Gate[];
  readonly profile?: Profile;
  readonly want: "pass" | "fail" | "warn" | "skip";
}

const table: [string, Row][] = [
  ["a met MUST passes", { levels: ["MUST"], outcome: met, feature: "advertised", want: "pass" }],
  ["a skipped check is skipped", { levels: ["MUST"], outcome: skipped, feature: "advertised", want: "skip" }],
  [
    "a broken MUST of an advertised feature fails",
    { levels: ["MUST"], outcome: unmet, feature: "advertised", want: "fail" },
  ],
  [
    "a broken MUST of an unadvertised feature warns",
    { levels: ["MUST"], outcome: unmet, feature: "not-advertised", want: "warn" },
  ],
  [
    "a broken MUST of an unknown feature warns",
    { levels: ["MUST"], outcome: unmet, feature: "unknown", want: "warn" },
  ],
  [
    "--require turns an unadvertised MUST into a failure",
    { levels: ["MUST"], outcome: unmet, feature: "not-advertised", required: ["patch"], want: "fail" },
  ],
  [
    "--require of another gate changes nothing",
    { levels: ["MUST"], outcome: unmet, feature: "not-advertised", required: ["bulk"], want: "warn" },
  ],
  [
    "a core MUST always fails",
    { levels: ["MUST"], outcome: unmet, gate: "core", feature: "advertised", want: "fail" },
  ],
  [
    "a broken SHOULD of an advertised feature warns",
    { levels: ["SHOULD"], outcome: unmet, feature: "advertised", want: "warn" },
  ],
  [
    "a broken SHOULD warns even when required",
    { levels: ["SHOULD"], outcome: unmet, feature: "not-advertised", required: ["patch"], want: "warn" },
  ],
  [
    "a broken MAY warns",
    { levels: ["MAY"], outcome: unmet, gate: "core", feature: "advertised", want: "warn" },
  ],
  [
    "a broken interop expectation fails in its profile",
    { levels: ["interop"], outcome: unmet, profile: "entra", feature: "advertised", want: "fail" },
  ],
  [
    "a broken interop expectation only warns in an rfc check",
    { levels: ["interop"], outcome: unmet, profile: "rfc", feature: "advertised", want: "warn" },
  ],
  [
    "MUST and SHOULD together grade as MUST",
    { levels: ["SHOULD", "MUST"], outcome: unmet, feature: "advertised", want: "fail" },
  ],
  [
    "an unmet naming only its SHOULD requirement warns",
    {
      levels: ["MUST", "SHOULD"],
      outcome: { ...unmet, requirements: ["r1"] },
      feature: "advertised",
      want: "warn",
    },
  ],
  [
    "an unmet naming its MUST requirement fails",
    {
      levels: ["MUST", "SHOULD"],
      outcome: { ...unmet, requirements: ["r0"] },
      feature: "advertised",
      want: "fail",
    },
  ],
];

describe("grade", () => {
  for (const [name, row] of table) {
    it(name, () => {
      const graded = grade({
        outcome: row.outcome,
        requirements: row.levels.map((level, i) => req(`r${i}`, level, row.gate ?? "patch")),
        gate: row.gate ?? "patch",
        profile: row.profile ?? "rfc",
        feature: row.feature,
        required: new Set(row.required ?? []),
      });
      assert.equal(graded.status, row.want);
    });
  }

  it("explains a warning caused by an unadvertised feature", () => {
    const graded = grade({
      outcome: unmet,
      requirements: [req("r", "MUST")],
      gate: "patch",
      profile: "rfc",
      feature: "not-advertised",
      required: new Set(),
    });
    assert.equal(graded.status, "warn");
    assert.match(
      graded.status === "warn" ? graded.reason : "",
      /does not advertise "patch".*--require patch/,
    );
  });
});
