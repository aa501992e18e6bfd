// Turns a fixture case into a Check like any other: its steps run in order through the check's recording
// client (so its evidence, cleanup and isolation are the same as a code check's), and the first failed
// expectation or capture makes the outcome `unmet`, naming the step. A case that needs a resource type
// the target does not advertise (its gate is `users` or `groups`, or it names `${endpoint.X}`) is
// skipped before any request, as the code checks skip group behaviour on a users-only target: a
// PingFederate connection without Group support rightly answers /Groups with 404.

import type { Outcome } from "../checks/check.js";
import type { Check, CheckContext } from "../checks/check-context.js";
import { defineCheck } from "../checks/check-context.js";
import type { AuthOverride, ScimRequest, ScimResponse } from "../client/client.js";
import { ExchangeFailure } from "../client/client.js";
import { SpecValidator } from "../client/spec-validator.js";
import type { Discovery } from "../engine/discovery.js";
import type { CaseExpect, CaseFile, CaseRequest, CaseStep } from "./case-format.js";
import { evaluateJsonPath } from "./json-path.js";
import type { MatchContext } from "./matchers.js";
import { match } from "./matchers.js";
import type { TemplateScope } from "./template.js";
import { expand, mentionedNames } from "./template.js";

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

/** The resource types a case needs: its gate's, then every `${endpoint.X}` it mentions. */
function neededResourceTypes(c: CaseFile): string[] {
  const needed = c.gate === "users" ? ["User"] : c.gate === "groups" ? ["Group"] : [];
  for (const name of mentionedNames([c.vars ?? {}, c.steps])) {
    const type = name.startsWith("endpoint.") ? name.slice("endpoint.".length) : "";
    if (type !== "" && !needed.some((n) => n.toLowerCase() === type.toLowerCase())) needed.push(type);
  }
  return needed;
}

/**
 * Why the case cannot run on this target, or undefined when it can. A type is missing when the target's
 * /ResourceTypes was read and does not list it. When /ResourceTypes could not be read (`users` is then
 * `unknown`), User and Group still resolve to RFC 7644 §3.2's /Users and /Groups and the case runs;
 * the discovery checks report the unreadable document.
 */
export function unadvertisedResourceType(c: CaseFile, discovery: Discovery): string | undefined {
  const typesKnown = discovery.feature("users") !== "unknown";
  for (const type of neededResourceTypes(c)) {
    const advertised = typesKnown
      ? discovery.resourceType(type) !== undefined
      : discovery.endpoint(type) !== undefined;
    if (!advertised) return `the target does not advertise the ${type} resource type`;
  }
  return undefined;
}

async function replay(c: CaseFile, ctx: CheckContext): Promise<Outcome> {
  const missing = unadvertisedResourceType(c, ctx.discovery);
  if (missing !== undefined) return { kind: "skip", reason: missing };
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
    ...(c.attributes ? { attributes: c.attributes } : {}),
    run: (ctx) => replay(c, ctx),
  });
}
