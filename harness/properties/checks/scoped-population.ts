// A set of generated resources that only the creating check can select: every one carries the check's
// tag at the start of one string attribute (userName for Users, displayName for Groups, the first
// suitable attribute of any other type), so `<attr> sw "<tag>-"` scopes a query to exactly this set on
// a server holding any other data (RFC 7644 §3.4.2.2 sw), and the oracles can compute exact answers.
import fc from "fast-check";
import type { CheckContext } from "../../checks/check-context.js";
import { describeResponse } from "../../checks/expect.js";
import { need } from "../../checks/support/scim-check.js";
import type { ReferencePool } from "../arbitraries/reference-pool.js";
import type { ResourceArbitraryOptions } from "../arbitraries/resource-arbitrary.js";
import { finalizeDraft, resourceArbitrary } from "../arbitraries/resource-arbitrary.js";
import type { JsonObject } from "../json/json.js";
import { getCi, isObject } from "../json/json.js";
import type { AttrPathText } from "../oracle/filter/filter-ast.js";
import type { ResourceTypeModel } from "../schema-model/resource-type-model.js";
import type { AttributeDef } from "../schema-model/schema-model.js";
import { idOf, resourcePath } from "./live-support.js";

/** The attribute a type's resources are scoped by: a writable, returned, single-valued base string. */
export function scopeAttribute(type: ResourceTypeModel): AttributeDef | undefined {
  const candidates = type.base.attributes.filter(
    (a) =>
      a.type === "string" &&
      !a.multiValued &&
      a.canonicalValues.length === 0 &&
      (a.mutability === "readWrite" || a.mutability === "immutable") &&
      (a.returned === "default" || a.returned === "always"),
  );
  return (
    candidates.find((a) => a.required && a.uniqueness !== "none") ??
    candidates.find((a) => a.required) ??
    candidates.find((a) => a.name.toLowerCase() !== "externalid") ??
    candidates[0]
  );
}

export interface Population {
  readonly type: ResourceTypeModel;
  readonly scope: AttrPathText;
  /** The prefix every scoped value starts with, "<tag>-". */
  readonly prefix: string;
  /** As read back with GET, in creation order. */
  readonly resources: readonly JsonObject[];
  /** What was sent, by id (for returned=request values a read does not show). */
  readonly sent: ReadonlyMap<string, JsonObject>;
}

export async function createPopulation(
  ctx: CheckContext,
  type: ResourceTypeModel,
  size: number,
  pool: ReferencePool,
  options: Partial<ResourceArbitraryOptions> = {},
): Promise<Population> {
  const scopeAttr = scopeAttribute(type);
  need(scopeAttr !== undefined, `${type.name} has no string attribute to scope queries by`);
  const tag = ctx.unique.name("prop");
  let n = 0;
  const unique = (label: string): string => {
    n += 1;
    return `${tag}-${label}-${n}`;
  };
  const drafts = fc.sample(
    resourceArbitrary(type, { mode: "create", pool, tagged: [scopeAttr.path], ...options }),
    { seed: ctx.seed, numRuns: size },
  );
  const resources: JsonObject[] = [];
  const sent = new Map<string, JsonObject>();
  for (const draft of drafts) {
    const body = finalizeDraft(draft, unique);
    const created = await ctx.resources.create(type.endpoint, body);
    need(
      created.ok && created.id !== undefined,
      `could not create the ${type.name} population: ${describeResponse(created.response)}`,
    );
    // Setting up is not what this check judges: a population that cannot be read back skips it.
    const read = await ctx.client.send({ method: "GET", path: resourcePath(type, created.id) });
    need(
      read.status === 200 && isObject(read.body),
      `could not read back the ${type.name} just created: ${describeResponse(read)}`,
    );
    resources.push(read.body);
    sent.set(created.id, body);
  }
  return { type, scope: { name: scopeAttr.name }, prefix: `${tag}-`, resources, sent };
}

export interface Listing {
  readonly status: number;
  readonly response: Awaited<ReturnType<CheckContext["client"]["send"]>>;
  /** Resources of every page, in order. */
  readonly resources: readonly JsonObject[];
  readonly ids: readonly string[];
}

/**
 * GET {endpoint}?query, following startIndex pages (RFC 7644 §3.4.2.4) until totalResults are seen, at
 * most `maxPages` pages; the status is the first non-200 answer's, if any.
 */
export async function listAll(
  ctx: CheckContext,
  endpoint: string,
  query: Record<string, string | number>,
  maxPages = 10,
): Promise<Listing> {
  const resources: JsonObject[] = [];
  let start = 1;
  let response = await ctx.client.send({
    method: "GET",
    path: endpoint,
    query: { ...query, startIndex: start },
  });
  for (let page = 0; page < maxPages; page += 1) {
    if (response.status !== 200 || !isObject(response.body)) break;
    const items = getCi(response.body, "Resources");
    const list = (Array.isArray(items) ? items : []).filter(isObject);
    resources.push(...list);
    const total = getCi(response.body, "totalResults");
    if (list.length === 0 || typeof total !== "number" || resources.length >= total) break;
    start += list.length;
    response = await ctx.client.send({
      method: "GET",
      path: endpoint,
      query: { ...query, startIndex: start },
    });
  }
  return {
    status: response.status,
    response,
    resources,
    ids: resources.map(idOf).filter((id): id is string => id !== undefined),
  };
}
