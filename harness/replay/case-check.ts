// Turns a fixture case into a Check like any other: its steps run in order through the check's recording
// client (so its evidence, cleanup and isolation are the same as a code check's), and the first failed
// expectation or capture makes the outcome `unmet`, naming the step.

import type { Outcome } from "../checks/check.js";
import type { Check, CheckContext } from "../checks/check-context.js";
import { defineCheck } from "../checks/check-context.js";
import type { AuthOverride, ScimRequest, ScimResponse } from "../client/client.js";
import { ExchangeFailure } from "../client/client.js";
import { SpecValidator } from "../client/spec-validator.js";
import type { CaseExpect, CaseFile, CaseRequest, CaseStep } from "./case-format.js";
import { evaluateJsonPath } from "./json-path.js";
import type { MatchContext } from "./matchers.js";
import { match } from "./matchers.js";
import type { TemplateScope } from "./template.js";
import { expand } from "./template.js";

function toRequest(raw: CaseRequest): ScimRequest {
  return {
    method: raw.method,
    path: String(raw.path),
    ...(raw.query ? { query: raw.query } : {}),
    ...(raw.headers ? { headers: raw.headers } : {}),
    ...(raw.body !== undefined ? { body: raw.body } : {}),
    ...(raw.rawBody !== undefined ? { rawBody: String(raw.rawBody) } : {}),
    ...(raw.auth !== undefined ? { auth: raw.auth as AuthOverride } : {}),
    ...(raw.followRedirects !== undefined ? { followRedirects: raw.followRedirects } : {}),
  };
}

/** Every way the response misses the step's expectations. */
export function checkExpectations(
  expect: CaseExpect | undefined,
  res: ScimResponse,
  context: MatchContext,
): string[] {
  if (expect === undefined) return [];
  const failures: string[] = [];
  if (expect.status !== undefined) {
    const allowed = typeof expect.status === "number" ? [expect.status] : expect.status;
    if (!allowed.includes(res.status))
      failures.push(`status is ${res.status}, expected ${allowed.join(" or ")}`);
  }
  for (const [name, matcher] of Object.entries(expect.headers ?? {})) {
    const problem = match(matcher, res.header(name), context);
    if (problem !== undefined) failures.push(`header ${name} ${problem}`);
  }
  const paths = Object.entries(expect.json ?? {});
  if (paths.length > 0 && res.bodyKind !== "json") {
    failures.push(`the body is not JSON (${res.bodyKind}${res.text ? `: ${res.text.slice(0, 120)}` : ""})`);
  } else {
    for (const [path, matcher] of paths) {
      const problem = match(matcher, evaluateJsonPath(res.body, path).value, context);
      if (problem !== undefined) failures.push(`${path} ${problem}`);
    }
  }
  if (expect.conformsToSpec === true) {
    for (const f of res.schemaFindings.slice(0, 3)) failures.push(`spec: ${f.pointer || "/"} ${f.message}`);
  }
  return failures;
}

function describeStep(step: CaseStep, index: number, request: ScimRequest): string {
  return `step ${index + 1} (${step.title ?? `${request.method} ${request.path}`})`;
}

async function replay(c: CaseFile, ctx: CheckContext): Promise<Outcome> {
  const scope: TemplateScope = {
    run: ctx.run,
    endpoint: (type) => ctx.discovery.endpoint(type),
    unique: ctx.unique,
    values: new Map(),
    drawn: new Map(),
  };
  for (const [name, value] of Object.entries(c.vars ?? {})) scope.values.set(name, expand(value, scope));
  const context: MatchContext = { scope, validator: SpecValidator.shared() };
  for (const [index, step] of c.steps.entries()) {
    const request = toRequest(expand(step.request, scope) as CaseRequest);
    const where = describeStep(step, index, request);
    let res: ScimResponse;
    try {
      res = await ctx.client.send(request);
    } catch (error) {
      // A refused request (another origin, foreign data) means the target sent us somewhere it must
      // not have, e.g. a Location on an internal host name: the target's fault, not the harness's.
      if (!(error instanceof ExchangeFailure) || error.reason !== "refused") throw error;
      return { kind: "unmet", expectation: c.expectation, actual: `${where}: ${error.message}` };
    }
    const failures = checkExpectations(step.expect, res, context);
    if (failures.length > 0) {
      return {
        kind: "unmet",
        expectation: c.expectation,
        actual: `${where}: ${failures.join("; ")}`,
        ...(step.requirements ? { requirements: step.requirements } : {}),
      };
    }
    for (const [name, capture] of Object.entries(step.capture ?? {})) {
      const value =
        "json" in capture ? evaluateJsonPath(res.body, capture.json).value : res.header(capture.header);
      if (value === undefined) {
        const from = "json" in capture ? capture.json : `header ${capture.header}`;
        return {
          kind: "unmet",
          expectation: c.expectation,
          actual: `${where}: nothing to capture as "${name}" at ${from} (HTTP ${res.status})`,
        };
      }
      scope.values.set(name, value);
    }
  }
  return { kind: "met", expectation: c.expectation };
}

export function caseToCheck(c: CaseFile): Check {
  return defineCheck({
    id: c.id,
    title: c.title,
    area: c.area,
    requirements: c.requirements,
    expectation: c.expectation,
    ...(c.gate ? { gate: c.gate } : {}),
    ...(c.profile ? { profile: c.profile } : {}),
    run: (ctx) => replay(c, ctx),
  });
}
