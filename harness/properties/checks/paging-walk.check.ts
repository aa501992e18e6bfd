// Property: paging walks (issue "property-based round trips", property 5). Over a generated set the
// check created and scopes to, walks with generated page sizes (and, when the target advertises
// sorting, a generated sortBy/sortOrder) must return each resource exactly once, in the requested order:
// index walks advance startIndex by the page length (RFC 7644 §3.4.2.4), cursor walks follow nextCursor
// until it is absent (RFC 9865 §2). Order is judged by the sort oracle (RFC 7644 §3.4.2.3).
import fc from "fast-check";
import type { CheckContext } from "../../checks/check-context.js";
import { describeResponse } from "../../checks/expect.js";
import { need, scimCheck } from "../../checks/support/scim-check.js";
import type { JsonObject } from "../json/json.js";
import { getCi, isObject } from "../json/json.js";
import { scoped } from "../oracle/filter/filter-arbitrary.js";
import { filterLeaves } from "../oracle/filter/filter-leaves.js";
import { printFilter } from "../oracle/filter/print-filter.js";
import type { SortOrder } from "../oracle/sort/sort-oracle.js";
import { orderViolations } from "../oracle/sort/sort-oracle.js";
import { propertySettings } from "../runner/property-settings.js";
import { CaseFailure, propertyOutcome, runProperty } from "../runner/run-property.js";
import type { ResourceTypeModel } from "../schema-model/resource-type-model.js";
import { CaseLog, idOf, logged, referencePool, schemaModel } from "./live-support.js";
import type { Population } from "./scoped-population.js";
import { createPopulation } from "./scoped-population.js";

type Mode = "index" | "cursor";

interface WalkCase {
  readonly count: number;
  readonly sortBy: string | undefined;
  readonly sortOrder: SortOrder | undefined;
}

const sortRequirements: Record<SortOrder, string[]> = {
  ascending: ["rfc7644.sort.ascending-default", "rfc7644.sort.missing-values"],
  descending: ["rfc7644.sort.descending", "rfc7644.sort.missing-values"],
};

/** Paths worth sorting by: single-valued orderable leaves (multi-valued ones sort by a primary rule). */
function sortPaths(type: ResourceTypeModel, resources: readonly JsonObject[]): string[] {
  return filterLeaves(type, resources)
    .filter(
      (l) =>
        !l.resolved.attribute.multiValued &&
        ["string", "integer", "decimal", "dateTime"].includes(l.attr.type),
    )
    .map((l) => l.attr.path);
}

async function walk(ctx: CheckContext, mode: Mode, population: Population, c: WalkCase): Promise<void> {
  const { type, resources } = population;
  const filter = printFilter(
    scoped(population.scope, population.prefix, { kind: "present", path: population.scope }),
  );
  const base: Record<string, string | number> = {
    filter,
    count: c.count,
    ...(c.sortBy ? { sortBy: c.sortBy } : {}),
    ...(c.sortOrder ? { sortOrder: c.sortOrder } : {}),
  };
  const seen: JsonObject[] = [];
  const pages: string[] = [];
  let start = 1;
  let cursor: string | undefined = "";
  const limit = resources.length + 3;
  for (let page = 0; page < limit; page += 1) {
    const query = mode === "index" ? { ...base, startIndex: start } : { ...base, cursor: cursor ?? "" };
    const res = await ctx.client.send({ method: "GET", path: type.endpoint, query });
    if (res.status !== 200 || !isObject(res.body)) {
      throw new CaseFailure(`page ${page + 1} of the walk answered ${describeResponse(res)}`, {
        requirements: [mode === "cursor" ? "rfc9865.cursor.complete-walk" : "rfc7644.paging.complete-walk"],
        evidence: { query, pages },
      });
    }
    const items = getCi(res.body, "Resources");
    const list = (Array.isArray(items) ? items : []).filter(isObject);
    seen.push(...list);
    pages.push(list.map((r) => idOf(r) ?? "?").join(","));
    if (mode === "index") {
      const total = getCi(res.body, "totalResults");
      if (list.length === 0 || (typeof total === "number" && seen.length >= total)) break;
      start += list.length;
    } else {
      const next = getCi(res.body, "nextCursor");
      if (typeof next !== "string" || next.length === 0) break;
      cursor = next;
    }
  }
  const ids = seen.map((r) => idOf(r) ?? "?");
  const want = new Set(resources.map((r) => idOf(r)));
  const missing = [...want].filter((x) => x !== undefined && !ids.includes(x));
  const twice = ids.filter((x, i) => ids.indexOf(x) !== i);
  const foreign = ids.filter((x) => !want.has(x));
  if (missing.length > 0 || twice.length > 0 || foreign.length > 0) {
    throw new CaseFailure(
      `the ${mode} walk with count=${c.count} did not return each of the ${want.size} resources exactly once: ` +
        `${missing.length} missing, ${twice.length} repeated, ${foreign.length} unexpected`,
      {
        requirements: [mode === "cursor" ? "rfc9865.cursor.complete-walk" : "rfc7644.paging.complete-walk"],
        evidence: { query: base, pages, missing, repeated: twice, unexpected: foreign },
      },
    );
  }
  if (c.sortBy !== undefined) {
    const resolved = type.resolve(c.sortBy);
    const order = c.sortOrder ?? "ascending";
    const violations = resolved ? orderViolations(seen, resolved, order) : [];
    const first = violations[0];
    if (first !== undefined) {
      throw new CaseFailure(
        `the ${mode} walk is not in ${order} order of ${c.sortBy}: position ${first.earlier + 1} ${JSON.stringify(first.earlierKey)} before position ${first.later + 1} ${JSON.stringify(first.laterKey)}`,
        {
          requirements: mode === "cursor" ? ["rfc9865.cursor.sorted"] : sortRequirements[order],
          evidence: { query: base, pages, violations: violations.slice(0, 5) },
        },
      );
    }
  }
}

function walkCheck(mode: Mode) {
  const id = mode === "index" ? "paging.property.index-walk" : "cursor.property.cursor-walk";
  const expectation =
    mode === "index"
      ? "Walking startIndex pages of generated sizes over the harness's own resources returns each exactly once, in the requested sort order"
      : "Following nextCursor with generated page sizes over the harness's own resources returns each exactly once, in the requested sort order";
  return scimCheck({
    id,
    title:
      mode === "index"
        ? "Index paging walks return each resource exactly once, in order"
        : "Cursor walks return each resource exactly once, in order",
    area: mode === "index" ? "paging" : "cursor",
    gate: mode === "index" ? "core" : "cursor",
    requirements:
      mode === "index"
        ? [
            "rfc7644.paging.complete-walk",
            "rfc7644.sort.ascending-default",
            "rfc7644.sort.descending",
            "rfc7644.sort.missing-values",
          ]
        : ["rfc9865.cursor.complete-walk", "rfc9865.cursor.sorted"],
    expectation,
    async run(ctx) {
      const model = schemaModel(ctx);
      const type = model.resourceType("User") ?? model.resourceTypes[0];
      need(type !== undefined, "no resource type to page through");
      const population = await createPopulation(ctx, type, 7, await referencePool(ctx, model));
      const sortable =
        ctx.discovery.feature("sort") === "advertised" ? sortPaths(type, population.resources) : [];
      const arbitrary = fc.record({
        count: fc.integer({ min: 1, max: population.resources.length + 1 }),
        sortBy:
          sortable.length > 0
            ? fc.option(fc.constantFrom(...sortable), { nil: undefined })
            : fc.constant(undefined),
        sortOrder: fc.option(fc.constantFrom<SortOrder>("ascending", "descending"), { nil: undefined }),
      });
      const log = new CaseLog(ctx);
      const result = await runProperty(ctx, propertySettings(ctx.run, { runs: 25 }), arbitrary, (c) =>
        logged(log, () => walk(ctx, mode, population, c)),
      );
      return propertyOutcome(ctx, id, expectation, result);
    },
  });
}

export const indexWalk = walkCheck("index");
export const cursorWalk = walkCheck("cursor");
