// Property: projection (issue "property-based round trips", property 6). For generated `attributes`
// and `excludedAttributes` over resources the check created with every writable attribute, the
// representation must carry exactly what RFC 7644 §3.9 and each attribute's RFC 7643 §7 `returned`
// say (oracle/projection/): always-returned ones always, never-returned ones never, request-returned
// ones only when named, the rest by the parameters — on GET of the resource and in a list response.
import fc from "fast-check";
import type { CheckContext } from "../../checks/check-context.js";
import { describeResponse } from "../../checks/expect.js";
import { need, scimCheck } from "../../checks/support/scim-check.js";
import type { JsonObject } from "../json/json.js";
import { cloneJson, getCi, isObject, isUnassigned } from "../json/json.js";
import { scoped } from "../oracle/filter/filter-arbitrary.js";
import { printFilter } from "../oracle/filter/print-filter.js";
import { projectionArbitrary } from "../oracle/projection/projection-arbitrary.js";
import type { ProjectionParams } from "../oracle/projection/projection-oracle.js";
import { projectionViolations } from "../oracle/projection/projection-oracle.js";
import { propertySettings } from "../runner/property-settings.js";
import { CaseFailure, propertyOutcome, runProperty } from "../runner/run-property.js";
import { attributeValue } from "../schema-model/resource-access.js";
import { CaseLog, idOf, logged, referencePool, resourcePath, schemaModel } from "./live-support.js";
import type { Population } from "./scoped-population.js";
import { createPopulation, listAll } from "./scoped-population.js";
import { redactSecrets } from "./secrets.js";

const id = "read.property.projection";
const expectation =
  "With generated attributes/excludedAttributes, GET of a resource and a filtered list return exactly the " +
  "attributes RFC 7644 §3.9 and each attribute's returned characteristic (RFC 7643 §7) call for";

interface ProjectionCase {
  readonly index: number;
  readonly params: ProjectionParams;
  readonly via: "get" | "list";
}

/** The full state: the default representation plus returned=request values the create sent. */
function fullState(population: Population, resource: JsonObject): JsonObject {
  const full = cloneJson(resource);
  const sent = population.sent.get(idOf(resource) ?? "");
  if (sent === undefined) return full;
  for (const { attribute, schema, extension } of population.type.topLevel()) {
    if (attribute.returned !== "request") continue;
    const resolved = { schema, extension, attribute, sub: undefined, target: attribute };
    const value = attributeValue(sent, resolved);
    if (isUnassigned(value)) continue;
    if (!extension) full[attribute.name] = value;
    else
      full[schema.id] = {
        ...((getCi(full, schema.id) as JsonObject | undefined) ?? {}),
        [attribute.name]: value,
      };
  }
  return full;
}

async function projectionCase(
  ctx: CheckContext,
  population: Population,
  filterOk: boolean,
  c: ProjectionCase,
): Promise<void> {
  const { type } = population;
  const resource = population.resources[c.index % population.resources.length] as JsonObject;
  const rid = idOf(resource) ?? "";
  const query: Record<string, string> = {};
  if (c.params.attributes) query.attributes = c.params.attributes.join(",");
  if (c.params.excludedAttributes) query.excludedAttributes = c.params.excludedAttributes.join(",");
  const via = c.via === "list" && filterOk ? "list" : "get";
  let projected: JsonObject | undefined;
  if (via === "get") {
    const res = await ctx.client.send({ method: "GET", path: resourcePath(type, rid), query });
    if (res.status !== 200 || !isObject(res.body)) {
      throw new CaseFailure(`GET with ${JSON.stringify(query)} answered ${describeResponse(res)}`, {
        evidence: { query },
      });
    }
    projected = res.body;
  } else {
    const filter = printFilter(
      scoped(population.scope, population.prefix, { kind: "present", path: population.scope }),
    );
    const listing = await listAll(ctx, type.endpoint, { ...query, filter });
    if (listing.status !== 200) {
      throw new CaseFailure(
        `GET ${type.endpoint} with ${JSON.stringify(query)} answered ${describeResponse(listing.response)}`,
        {
          requirements: ["rfc7644.read.projection-on-list"],
          evidence: { query },
        },
      );
    }
    projected = listing.resources.find((r) => idOf(r) === rid);
    if (projected === undefined) {
      throw new CaseFailure(
        `the projected list lacks resource ${rid} (id is returned always, RFC 7643 §3.1)`,
        {
          requirements: ["rfc7644.read.projection-on-list"],
          evidence: { query, returned: listing.ids },
        },
      );
    }
  }
  const violations = projectionViolations(type, c.params, fullState(population, resource), projected);
  if (violations.length === 0) return;
  const requirements = new Set<string>();
  for (const v of violations) {
    const target = type.resolve(v.path)?.target;
    if (target?.returned === "never" || target?.mutability === "writeOnly")
      requirements.add("rfc7643.schema.never-returned");
    else if (target?.returned === "request") requirements.add("rfc7643.schema.returned-request");
    else
      requirements.add(
        c.params.attributes
          ? "rfc7644.read.attributes-parameter"
          : "rfc7644.read.excluded-attributes-parameter",
      );
    if (v.path.includes(".")) requirements.add("rfc7644.read.sub-attribute-projection");
  }
  if (via === "list") requirements.add("rfc7644.read.projection-on-list");
  throw new CaseFailure(
    `${via === "get" ? "GET" : "the list"} with ${JSON.stringify(query)}: ${violations
      .slice(0, 6)
      .map(
        (v) =>
          `${v.path} ${v.presence === "must" ? `missing (${v.got} of ${v.expected})` : "present though it must not be"}`,
      )
      .join("; ")}`,
    {
      requirements: [...requirements],
      evidence: {
        query,
        full: redactSecrets(type, resource),
        projected: redactSecrets(type, projected),
        violations,
      },
    },
  );
}

export const projection = scimCheck({
  id,
  title: "Generated attributes/excludedAttributes project exactly what RFC 7644 §3.9 says",
  area: "read",
  gate: "core",
  requirements: [
    "rfc7644.read.attributes-parameter",
    "rfc7644.read.excluded-attributes-parameter",
    "rfc7644.read.sub-attribute-projection",
    "rfc7644.read.urn-qualified-projection",
    "rfc7644.read.projection-case-insensitive",
    "rfc7644.read.projection-on-list",
    "rfc7643.schema.never-returned",
    "rfc7643.schema.returned-request",
  ],
  expectation,
  async run(ctx) {
    const model = schemaModel(ctx);
    const type = model.resourceType("User") ?? model.resourceTypes[0];
    need(type !== undefined, "no resource type to project");
    const population = await createPopulation(ctx, type, 3, await referencePool(ctx, model), {
      allAttributes: true,
    });
    const filterOk = ctx.discovery.feature("filter") !== "not-advertised";
    const arbitrary = fc.record({
      index: fc.nat({ max: population.resources.length - 1 }),
      params: projectionArbitrary(type),
      via: fc.constantFrom<"get" | "list">("get", "list"),
    });
    const log = new CaseLog(ctx);
    const result = await runProperty(ctx, propertySettings(ctx.run, { runs: 60 }), arbitrary, (c) =>
      logged(log, () => projectionCase(ctx, population, filterOk, c)),
    );
    return propertyOutcome(ctx, id, expectation, result);
  },
});
