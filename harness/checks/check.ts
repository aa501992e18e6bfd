// The check contract. A check is data plus one async function; what it *returns* is an outcome with
// its expectation, and the engine turns that into a verdict (STYLE.md §10: results as a discriminated
// union carrying their evidence). Checks never decide warn vs fail themselves: the engine does, from the
// requirement levels, the target's advertised features (ServiceProviderConfig) and `--require`.
import type { Exchange } from "../client/exchange.js";

export const areas = [
  "transport",
  "auth",
  "discovery",
  "schema",
  "representation",
  "create",
  "read",
  "list",
  "filter",
  "sort",
  "paging",
  "cursor",
  "put",
  "patch",
  "delete",
  "errors",
  "etag",
  "bulk",
  "me",
  "security",
  "interop",
] as const;
export type Area = (typeof areas)[number];

/** The ServiceProviderConfig feature (or probed capability) a check depends on. */
export const gates = [
  "core",
  "users",
  "groups",
  "filter",
  "sort",
  "patch",
  "bulk",
  "etag",
  "changePassword",
  "cursor",
  "me",
  "search",
] as const;
export type Gate = (typeof gates)[number];

export type Profile = "rfc" | "entra" | "okta";
export type Level = "MUST" | "SHOULD" | "MAY" | "interop";
export type Verdict = "pass" | "fail" | "warn" | "skip" | "error";

/** What a check found, before the engine grades it. */
export type Outcome =
  | { readonly kind: "met"; readonly expectation: string }
  | {
      readonly kind: "unmet";
      readonly expectation: string;
      readonly actual: string;
      /**
       * The subset of the check's requirement ids that were broken, when the check knows it; the engine
       * then grades by their level instead of the check's strongest one (a missed SHOULD next to a
       * kept MUST is a `warn`, not a `fail`). Absent: all of the check's requirements.
       */
      readonly requirements?: readonly string[];
      /** Property checks: the shrunk counterexample and how to replay it; copied to the result. */
      readonly replay?: ReplayInfo;
    }
  | { readonly kind: "skip"; readonly reason: string };

/** How to replay exactly one property-based case: `--seed <seed> --path <path>`. */
export interface ReplayInfo {
  readonly seed: number;
  readonly path: string;
  readonly counterexample?: unknown;
}

export interface RequirementRef {
  readonly id: string;
  readonly rfc: string;
  readonly section: string;
  readonly level: Level;
  readonly summary: string;
}

interface ResultBase {
  readonly id: string;
  readonly title: string;
  readonly area: Area;
  readonly profile: Profile;
  readonly gate: Gate;
  /** The strongest level among the requirements. */
  readonly level: Level;
  readonly requirements: readonly RequirementRef[];
  readonly expectation: string;
  readonly exchanges: readonly Exchange[];
  readonly durationMs: number;
  /** Where the check is defined: a code check's id, or the fixture case file it was replayed from. */
  readonly source?: string;
  /** Free-form lines a check added with `ctx.note()` (what it created, what it chose to probe). */
  readonly notes?: readonly string[];
  /** For property-based checks: how to replay exactly this case (issue: property round trips). */
  readonly replay?: ReplayInfo;
}

export type CheckResult =
  | (ResultBase & { readonly status: "pass" })
  | (ResultBase & { readonly status: "fail"; readonly actual: string })
  | (ResultBase & { readonly status: "warn"; readonly actual: string; readonly reason: string })
  | (ResultBase & { readonly status: "skip"; readonly reason: string })
  | (ResultBase & { readonly status: "error"; readonly error: string });
