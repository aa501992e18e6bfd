// The fixture-case format (fixtures/cases/**/*.yaml), as TypeScript. fixtures/cases/case.schema.json is
// the authority: every file is validated against it before these types are trusted.
import type { Area, Gate, Profile } from "../checks/check.js";
import type { HttpMethod } from "../client/client.js";

export type CaseAuth =
  | "default"
  | "none"
  | { readonly bearer: string }
  | { readonly basic: { readonly user: string; readonly password: string } }
  | { readonly authorization: string };

export interface CaseRequest {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly auth?: CaseAuth;
  readonly followRedirects?: boolean;
}

/** A scalar or array (equals), or an object holding exactly one matcher keyword. */
export type Matcher =
  | string
  | number
  | boolean
  | null
  | readonly unknown[]
  | { readonly equals: unknown }
  | { readonly equalsIgnoreCase: string }
  | { readonly same: string }
  | { readonly sameIgnoreCase: string }
  | { readonly anyString: true }
  | { readonly type: "string" | "number" | "integer" | "boolean" | "object" | "array" | "null" }
  | { readonly present: true }
  | { readonly absent: true }
  | { readonly oneOf: readonly unknown[] }
  | { readonly matches: string; readonly flags?: string }
  | { readonly contains: unknown }
  | { readonly subset: Readonly<Record<string, unknown>> }
  | { readonly length: number | { readonly min?: number; readonly max?: number } }
  | { readonly atLeast: number }
  | { readonly atMost: number }
  | { readonly schema: Readonly<Record<string, unknown>> }
  | { readonly specSchema: string }
  | { readonly not: Matcher }
  | { readonly all: readonly Matcher[] };

export interface CaseExpect {
  readonly status?: number | readonly number[];
  readonly headers?: Readonly<Record<string, Matcher>>;
  readonly json?: Readonly<Record<string, Matcher>>;
  readonly conformsToSpec?: boolean;
}

export type CaseCapture = { readonly json: string } | { readonly header: string };

export interface CaseStep {
  readonly title?: string;
  readonly requirements?: readonly string[];
  readonly request: CaseRequest;
  readonly expect?: CaseExpect;
  readonly capture?: Readonly<Record<string, CaseCapture>>;
}

export interface CaseFile {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly area: Area;
  readonly requirements: readonly string[];
  readonly expectation: string;
  readonly gate?: Gate;
  readonly profile?: Profile;
  /** As a code check's `attributes` (check-context.ts): skipped when the target does not list one. */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  readonly vars?: Readonly<Record<string, unknown>>;
  readonly steps: readonly CaseStep[];
}
