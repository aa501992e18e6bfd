// From what a check found to a verdict (issue "Harness", Engine; the "soft mode" of scim2/test-suite,
// conformance-checklist §2.5): a broken MUST fails when the feature is advertised (or `--require`d, or
// core); a gated feature the target does not advertise is still probed and its failures only warn;
// SHOULD and MAY never fail; an interop expectation fails only in its own profile's checks.
import type { Gate, Level, Outcome, Profile } from "../checks/check.js";
import type { Requirement } from "./catalogue.js";
import { strongestLevel } from "./catalogue.js";
import type { FeatureState } from "./discovery.js";

export interface GradeInput {
  readonly outcome: Outcome;
  /** The check's requirements, resolved from the catalogue. */
  readonly requirements: readonly Requirement[];
  readonly gate: Gate;
  readonly profile: Profile;
  readonly feature: FeatureState;
  /** `--require`: gates whose failures are hard even when not advertised. */
  readonly required: ReadonlySet<Gate>;
}

export type Grade =
  | { readonly status: "pass" }
  | { readonly status: "skip"; readonly reason: string }
  | { readonly status: "fail"; readonly level: Level }
  | { readonly status: "warn"; readonly level: Level; readonly reason: string };

/** The level a broken outcome is graded at: its named requirements' strongest, else the check's. */
export function brokenLevel(outcome: Outcome, requirements: readonly Requirement[]): Level {
  const named = outcome.kind === "unmet" && outcome.requirements ? new Set(outcome.requirements) : undefined;
  const broken = named ? requirements.filter((r) => named.has(r.id)) : requirements;
  return strongestLevel((broken.length > 0 ? broken : requirements).map((r) => r.level));
}

export function grade(input: GradeInput): Grade {
  const { outcome } = input;
  if (outcome.kind === "met") return { status: "pass" };
  if (outcome.kind === "skip") return { status: "skip", reason: outcome.reason };
  const level = brokenLevel(outcome, input.requirements);
  switch (level) {
    case "SHOULD":
    case "MAY":
      return { status: "warn", level, reason: `a ${level} requirement is not met (RFC 2119: not a failure)` };
    case "interop":
      return input.profile === "rfc"
        ? { status: "warn", level, reason: "a client interoperability expectation, not an RFC requirement" }
        : { status: "fail", level };
    case "MUST": {
      if (input.gate === "core" || input.required.has(input.gate) || input.feature === "advertised") {
        return { status: "fail", level };
      }
      const why =
        input.feature === "not-advertised"
          ? `the target does not advertise "${input.gate}"`
          : `the target does not say whether it supports "${input.gate}"`;
      return { status: "warn", level, reason: `${why}; --require ${input.gate} makes this a failure` };
    }
  }
}
