// The assertion helper checks use to build their Outcome. Each assertion records what it saw when it
// fails and returns whether it held, so a check can stop early (`if (!e.status(res, 201)) return e.done()`)
// or keep collecting. `done()` turns the record into `met` or `unmet` with every failure as `actual`:
// the report shows the expectation next to what the target really did (conformance-checklist §2.1,
// "request + response + expectation").
import { isDeepStrictEqual } from "node:util";
import type { ScimResponse } from "../client/client.js";
import type { Outcome } from "./check.js";

export const errorUrn = "urn:ietf:params:scim:api:messages:2.0:Error";

export interface AssertOptions {
  /** The catalogue ids this assertion evidences, when narrower than the check's (see Outcome.unmet). */
  readonly requirements?: readonly string[];
}

export type HeaderExpectation = "present" | "absent" | string | RegExp | ((value: string) => boolean);

/** A short, single-line description of a response for `actual` texts: status and a body excerpt. */
export function describeResponse(res: ScimResponse, max = 240): string {
  const body =
    res.bodyKind === "json" ? JSON.stringify(res.body) : res.text.length > 0 ? JSON.stringify(res.text) : "";
  const excerpt = body.length > max ? `${body.slice(0, max)}…` : body;
  return `HTTP ${res.status}${excerpt ? ` ${excerpt}` : " (no body)"}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export class Expectation {
  readonly expectation: string;
  #failures: string[] = [];
  #requirements = new Set<string>();
  #allRequirements = false;

  constructor(expectation: string) {
    this.expectation = expectation;
  }

  get failures(): readonly string[] {
    return this.#failures;
  }

  /** Records `actual` as a failure unless `ok`. */
  that(ok: boolean, actual: string, options: AssertOptions = {}): boolean {
    if (!ok) this.fail(actual, options);
    return ok;
  }

  fail(actual: string, options: AssertOptions = {}): false {
    this.#failures.push(actual);
    if (options.requirements) for (const id of options.requirements) this.#requirements.add(id);
    else this.#allRequirements = true;
    return false;
  }

  /** The response status is `expected` (or one of them). */
  status(res: ScimResponse, expected: number | readonly number[], options?: AssertOptions): boolean {
    const allowed = typeof expected === "number" ? [expected] : expected;
    return this.that(
      allowed.includes(res.status),
      `expected status ${allowed.join(" or ")}, got ${describeResponse(res)}`,
      options,
    );
  }

  /** A header (case-insensitive name) is present, absent, equal to a string, or matches. */
  header(res: ScimResponse, name: string, expected: HeaderExpectation, options?: AssertOptions): boolean {
    const value = res.header(name);
    if (expected === "absent")
      return this.that(value === undefined, `header ${name} is present: ${show(value)}`, options);
    if (value === undefined)
      return this.that(false, `header ${name} is missing (HTTP ${res.status})`, options);
    if (expected === "present") return true;
    const ok =
      typeof expected === "string"
        ? value === expected
        : expected instanceof RegExp
          ? expected.test(value)
          : expected(value);
    return this.that(ok, `header ${name} is ${show(value)}, expected ${String(expected)}`, options);
  }

  /** Deep equality, with `label` naming what is compared ("meta.resourceType"). */
  equal(actual: unknown, expected: unknown, label: string, options?: AssertOptions): boolean {
    return this.that(
      isDeepStrictEqual(actual, expected),
      `${label} is ${show(actual)}, expected ${show(expected)}`,
      options,
    );
  }

  /**
   * The response is a SCIM error (RFC 7644 §3.12): the given HTTP status, the Error URN in `schemas`,
   * `status` as the same code in a STRING, and `scimType` when one is expected.
   */
  scimError(res: ScimResponse, status: number, scimType?: string, options?: AssertOptions): boolean {
    if (!this.status(res, status, options)) return false;
    const body = res.body as Record<string, unknown> | undefined;
    if (res.bodyKind !== "json" || typeof body !== "object" || body === null || Array.isArray(body)) {
      return this.fail(`HTTP ${status} body is not a JSON object: ${describeResponse(res)}`, options);
    }
    let ok = true;
    const schemas = body.schemas;
    if (
      !Array.isArray(schemas) ||
      !schemas.some((s) => typeof s === "string" && s.toLowerCase() === errorUrn.toLowerCase())
    ) {
      ok = this.fail(`error body lacks schemas ["${errorUrn}"]: ${show(schemas)}`, options);
    }
    if (body.status !== String(status)) {
      ok = this.fail(`error body "status" is ${show(body.status)}, expected the string "${status}"`, options);
    }
    if (scimType !== undefined && body.scimType !== scimType) {
      ok = this.fail(`error body "scimType" is ${show(body.scimType)}, expected "${scimType}"`, options);
    }
    return ok;
  }

  /** The body matched the spec's schema for its operation and status (no schema findings). */
  schemaValid(res: ScimResponse, options?: AssertOptions): boolean {
    const [first, ...rest] = res.schemaFindings;
    if (first === undefined) return true;
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : "";
    return this.fail(
      `response to ${res.exchange.request.method} does not match the spec: ${first.pointer || "/"} ${first.message}${more}`,
      options,
    );
  }

  /** `met` when every assertion held, otherwise `unmet` with every failure. */
  done(): Outcome {
    if (this.#failures.length === 0) return { kind: "met", expectation: this.expectation };
    const actual = this.#failures.join("; ");
    if (this.#allRequirements || this.#requirements.size === 0) {
      return { kind: "unmet", expectation: this.expectation, actual };
    }
    return { kind: "unmet", expectation: this.expectation, actual, requirements: [...this.#requirements] };
  }
}

export function met(expectation: string): Outcome {
  return { kind: "met", expectation };
}

export function unmet(expectation: string, actual: string, requirements?: readonly string[]): Outcome {
  return requirements
    ? { kind: "unmet", expectation, actual, requirements }
    : { kind: "unmet", expectation, actual };
}

export function skip(reason: string): Outcome {
  return { kind: "skip", reason };
}
