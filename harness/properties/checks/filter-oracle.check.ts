// Property: filters against the harness's own oracle (issue "property-based round trips", property
// 4). Generated resources are created and read back; generated filters over their own values (every
// operator, and/or/not, grouping, value paths, sub-attributes, URN paths, escapes) are conjoined with
// the population's scope and sent as GET ?filter=; the target must return exactly the set the oracle
// computes (RFC 7644 §3.4.2.2 "only those resources matching the filter expression SHALL be returned")
// — every resource the oracle requires, none it rules out. A 400 invalidFilter is accepted: RFC 7644
// §3.12 lets a target decline "the specified attribute and filter comparison combination".
import fc from "fast-check";
import type { CheckContext } from "../../checks/check-context.js";
import { describeResponse } from "../../checks/expect.js";
import { need, scimCheck } from "../../checks/support/scim-check.js";
import { getCi } from "../json/json.js";
import { expectedSet, InvalidFilter } from "../oracle/filter/evaluate-filter.js";
import { filterArbitrary, scoped } from "../oracle/filter/filter-arbitrary.js";
import type { FilterNode } from "../oracle/filter/filter-ast.js";
import { filterLeaves } from "../oracle/filter/filter-leaves.js";
import { printFilter } from "../oracle/filter/print-filter.js";
import { propertySettings } from "../runner/property-settings.js";
import { CaseFailure, discard, propertyOutcome, runProperty } from "../runner/run-property.js";
import { CaseLog, idOf, logged, referencePool, schemaModel } from "./live-support.js";
import type { Population } from "./scoped-population.js";
import { createPopulation, listAll, scopeAttribute } from "./scoped-population.js";
import { redactSecrets } from "./secrets.js";

const id = "filter.property.oracle";
const expectation =
  "GET ?filter= with generated filters over the harness's own resources returns exactly the resources the " +
  "harness's RFC 7644 §3.4.2.2 oracle selects (or 400 invalidFilter for a combination the target does not support)";

const requirements = [
  "rfc7644.filter.eq",
  "rfc7644.filter.string-operators",
  "rfc7644.filter.pr",
  "rfc7644.filter.ordering-operators",
  "rfc7644.filter.logical-operators",
  "rfc7644.filter.precedence",
  "rfc7644.filter.attribute-paths",
  "rfc7644.filter.multi-valued-any",
  "rfc7644.filter.value-path-same-value",
  "rfc7644.filter.case-exact-false",
  "rfc7644.filter.case-exact-true",
  "rfc7644.filter.case-insensitive-attribute-names",
  "rfc7644.filter.comparison-values",
];

interface FilterCase {
  readonly type: string;
  readonly filter: FilterNode;
  readonly operatorCase: "lower" | "upper";
}

async function filterCase(
  ctx: CheckContext,
  populations: ReadonlyMap<string, Population>,
  c: FilterCase,
  stats: { unsupported: number },
): Promise<void> {
  const population = populations.get(c.type);
  if (population === undefined) throw new Error(`no population of ${c.type}`);
  const { type, resources } = population;
  const node = scoped(population.scope, population.prefix, c.filter);
  let expected: ReturnType<typeof expectedSet>;
  try {
    expected = expectedSet(node, resources, type);
  } catch (error) {
    if (error instanceof InvalidFilter) discard();
    throw error;
  }
  const text = printFilter(node, { operatorCase: c.operatorCase });
  const listing = await listAll(ctx, type.endpoint, { filter: text, count: resources.length + 5 });
  if (listing.status === 400 && getCi(listing.response.body, "scimType") === "invalidFilter") {
    stats.unsupported += 1;
    return;
  }
  if (listing.status !== 200) {
    throw new CaseFailure(
      `GET ${type.endpoint}?filter=${text} answered ${describeResponse(listing.response)}`,
      {
        evidence: {
          resourceType: type.name,
          filter: text,
          status: listing.status,
          response: listing.response.body,
        },
      },
    );
  }
  const got = new Set(listing.ids);
  const missing = [...expected.required].filter((x) => !got.has(x));
  const extra = [...got].filter((x) => !expected.allowed.has(x));
  if (missing.length === 0 && extra.length === 0 && listing.ids.length === got.size) return;
  const show = (ids: readonly string[]) =>
    ids.slice(0, 3).map((x) => redactSecrets(type, resources.find((r) => idOf(r) === x) ?? { id: x }));
  throw new CaseFailure(
    `filter ${text} returned ${listing.ids.length} resource(s): ${missing.length} the oracle requires are missing, ` +
      `${extra.length} it rules out are present${listing.ids.length !== got.size ? ", and some came twice" : ""}`,
    {
      evidence: {
        resourceType: type.name,
        filter: text,
        expected: [...expected.required],
        allowedToo: [...expected.allowed].filter((x) => !expected.required.has(x)),
        returned: listing.ids,
        missing: show(missing),
        extra: show(extra),
      },
    },
  );
}

export const filterOracle = scimCheck({
  id,
  title: "Generated filters select exactly what the harness's filter oracle selects",
  area: "filter",
  gate: "filter",
  requirements,
  expectation,
  async run(ctx) {
    const model = schemaModel(ctx);
    const pool = await referencePool(ctx, model);
    const populations = new Map<string, Population>();
    for (const type of model.resourceTypes) {
      if (scopeAttribute(type) === undefined) continue;
      const population = await createPopulation(ctx, type, 8, pool);
      // The scope itself must work, or nothing here can be judged (the filter checks report it).
      const scope = await listAll(ctx, type.endpoint, {
        filter: printFilter(
          scoped(population.scope, population.prefix, { kind: "present", path: population.scope }),
        ),
      });
      need(
        scope.status === 200 && scope.ids.length === population.resources.length,
        `the scope query on ${type.endpoint} did not return the ${population.resources.length} resources created: ${describeResponse(scope.response)}`,
      );
      if (filterLeaves(type, population.resources).length > 0) populations.set(type.name, population);
    }
    need(populations.size > 0, "no resource type could be populated for filtering");
    const stats = { unsupported: 0 };
    const log = new CaseLog(ctx);
    const arbitrary = fc
      .constantFrom(...populations.values())
      .chain((p) =>
        fc
          .tuple(filterArbitrary(p.type, p.resources), fc.constantFrom("lower" as const, "upper" as const))
          .map(([filter, operatorCase]) => ({ type: p.type.name, filter, operatorCase })),
      );
    const result = await runProperty(ctx, propertySettings(ctx.run, { runs: 100 }), arbitrary, (c) =>
      logged(log, () => filterCase(ctx, populations, c, stats)),
    );
    if (stats.unsupported > 0) {
      ctx.note(
        `${stats.unsupported} of ${log.cases} generated filter(s) were declined with 400 invalidFilter (RFC 7644 §3.12)`,
      );
    }
    return propertyOutcome(ctx, id, expectation, result);
  },
});
