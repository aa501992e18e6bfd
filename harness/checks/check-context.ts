// The API a check is written against (see README.md beside this file). A check is data plus one async
// `run(ctx)` that talks to the target only through `ctx` and returns an Outcome (check.ts); the engine
// grades it (pass/fail/warn from the requirement levels, the advertised features and `--require`),
// attaches the recorded exchanges, and cleans up what the check created. Checks never decide warn vs
// fail and never need try/finally for cleanup.
import type { ScimClient, ScimRequest, ScimResponse } from "../client/client.js";
import type { ScimApi } from "../client/typed-api.js";
import type { Discovery } from "../engine/discovery.js";
import type { Area, Gate, Outcome, Profile } from "./check.js";
import type { Expectation } from "./expect.js";

export interface Check {
  /**
   * Stable, unique id `<area>.<subject>.<behaviour>` in lower-case kebab segments, e.g.
   * "discovery.spc.schemas-urn". JUnit test cases, dashboards and `--only` key on it: never rename.
   */
  readonly id: string;
  /** One line, present tense: "ServiceProviderConfig names its schema URN". */
  readonly title: string;
  readonly area: Area;
  /** The catalogue ids (spec/requirements/*.yaml) this check evidences; an unknown id fails loading. */
  readonly requirements: readonly string[];
  /** What a conforming target does, in one sentence: the report's "expectation" for this check. */
  readonly expectation: string;
  /** The feature this check depends on; defaults to the gate of its requirements (see Catalogue). */
  readonly gate?: Gate;
  /**
   * The attributes the check writes and asserts on, per resource type: `{ User: ["displayName",
   * "emails.type=home", "urn:…:enterprise:2.0:User:employeeNumber"] }`. The engine skips the check, with the
   * reason, when the target's /Schemas does not list one (RFC 7643 §7; support/advertised-attributes.ts).
   * userName, the common attributes and a Group's displayName and members need no entry.
   */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  /** `entra`/`okta` checks run only under `--profile entra|okta`. Default `rfc`. */
  readonly profile?: Profile;
  readonly run: (ctx: CheckContext) => Promise<Outcome>;
}

/** Facts about this run, the same for every check. */
export interface RunInfo {
  /** Short random id of this run, e.g. "k3f9q2". */
  readonly id: string;
  /** "scimc-<id>-": every name and value the harness creates starts with it (isolation). */
  readonly prefix: string;
  /** `--seed`: recorded in the report; checks derive their randomness from it. */
  readonly seed: number;
  readonly baseUrl: string;
  readonly profiles: readonly Profile[];
  /** Effort and replay of the property checks (harness/properties/); absent fields take their defaults. */
  readonly properties?: PropertyRunOptions;
}

/** `--runs`, `--path`, `--shrink-ms` (and a time limit) for the property-based round trips. */
export interface PropertyRunOptions {
  /** Generated cases per property (fast-check numRuns); each check has its own default. */
  readonly runs?: number;
  /** A fast-check path printed by a failure: with the run's seed, replays exactly that (shrunk) case. */
  readonly path?: string;
  /** Milliseconds one property may spend generating and shrinking in all. */
  readonly timeLimitMs?: number;
  /** Milliseconds spent shrinking a failure before the smallest case so far is reported. */
  readonly shrinkTimeMs?: number;
}

/** Unique values that carry the run prefix, so the harness can tell its own data from the target's. */
export interface UniqueNames {
  /** `scimc-<run>-<label>-<n>`; label defaults to "x". */
  name(label?: string): string;
  /** A fresh userName, e.g. "scimc-k3f9q2-user-7". */
  userName(): string;
  /** A fresh e-mail address on example.org (RFC 2606), e.g. "scimc-k3f9q2-mail-8@example.org". */
  email(): string;
  externalId(): string;
  displayName(): string;
  /** An id that no resource has: for 404 checks. The mutation guard lets writes target it. */
  missingId(): string;
}

export interface Created {
  readonly response: ScimResponse;
  /** True for a 2xx answer that carried an `id`. */
  readonly ok: boolean;
  readonly id: string | undefined;
  /** The resource's URL: `Location`, else `meta.location`, else endpoint + id. */
  readonly location: string | undefined;
  /** The returned representation, when the body was a JSON object. */
  readonly resource: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Creating data. Every successful POST through `ctx.client` (including a Bulk POST) is registered for
 * cleanup automatically and deleted in reverse order when the run ends, even after a failure or
 * Ctrl-C, so checks do not clean up after themselves.
 */
export interface Resources {
  /** A minimal valid User body (RFC 7643 §4.1: `userName` required) with a fresh userName; overrides are merged. */
  userBody(overrides?: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** A minimal valid Group body (RFC 7643 §4.2: `displayName` required) with a fresh displayName. */
  groupBody(overrides?: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /**
   * POSTs `body` to the endpoint of a discovered resource type ("User", "Group", or a schema URN), or
   * to a path starting with "/". Extra request fields (headers, query, auth) may be given.
   */
  create(
    typeOrPath: string,
    body: unknown,
    request?: Omit<Partial<ScimRequest>, "method" | "path" | "body">,
  ): Promise<Created>;
  createUser(overrides?: Readonly<Record<string, unknown>>): Promise<Created>;
  createGroup(overrides?: Readonly<Record<string, unknown>>): Promise<Created>;
  /** Registers a resource URL for cleanup, for the rare resource created some other way. */
  register(location: string): void;
}

export interface CheckContext {
  /** The recording client; `send()` reaches any path, raw bodies included. */
  readonly client: ScimClient;
  /** The same client, typed from the spec: `api.GET("/Users/{id}", { params: { path: { id } } })`. */
  readonly api: ScimApi;
  readonly discovery: Discovery;
  readonly run: RunInfo;
  /** This check's seed: derived from the run seed and the check id, so reruns with `--seed` repeat. */
  readonly seed: number;
  /** A deterministic random number in [0, 1) from `seed`. */
  random(): number;
  readonly unique: UniqueNames;
  readonly resources: Resources;
  /** Aborted on Ctrl-C or when the check overruns its time budget; pass it to long waits. */
  readonly signal: AbortSignal;
  /** An assertion recorder; `done()` gives the Outcome. Defaults to the check's own expectation. */
  expect(expectation?: string): Expectation;
  /** Adds a line to the result's notes (what was created, what was chosen to probe). */
  note(text: string): void;
}

const idPattern = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;

/** Declares a check; validates its id's shape and freezes it. Use for every code check. */
export function defineCheck(check: Check): Check {
  if (!idPattern.test(check.id)) {
    throw new TypeError(
      `check id "${check.id}" must be dotted lower-case kebab segments, e.g. "discovery.spc.schemas-urn"`,
    );
  }
  if (!check.id.startsWith(`${check.area}.`)) {
    throw new TypeError(`check id "${check.id}" must start with its area "${check.area}."`);
  }
  if (check.requirements.length === 0) {
    throw new TypeError(`check "${check.id}" must cite at least one catalogue requirement id`);
  }
  return Object.freeze({ ...check, requirements: Object.freeze([...check.requirements]) });
}
