// Property: replace (PUT) → read → compare (issue "property-based round trips", property 2). A
// generated resource is created, then replaced by another generated body of the same type (immutable
// values carried over, RFC 7644 §3.5.1 "immutable: ... the input values MUST match"), read back and
// compared with the PUT body. Values supplied must replace the stored ones, multi-valued attributes as
// a whole (RFC 7644 §3.5.1 "Any values provided SHALL replace the existing attribute values"); what
// the body left out may be cleared, defaulted or kept (MAY), which the comparison tolerates.
import fc from "fast-check";
import type { CheckContext } from "../../checks/check-context.js";
import { describeResponse } from "../../checks/expect.js";
import { scimCheck } from "../../checks/support/scim-check.js";
import type { ResourceDraft } from "../arbitraries/resource-arbitrary.js";
import { finalizeDraft, resourceArbitrary } from "../arbitraries/resource-arbitrary.js";
import { compareResource } from "../compare/compare-resource.js";
import { defects, describeField } from "../compare/resource-diff.js";
import type { JsonObject } from "../json/json.js";
import { getCi, isUnassigned } from "../json/json.js";
import { propertySettings } from "../runner/property-settings.js";
import { CaseFailure, discard, propertyOutcome, runProperty } from "../runner/run-property.js";
import type { SchemaModel } from "../schema-model/build-schema-model.js";
import type { ResourceTypeModel } from "../schema-model/resource-type-model.js";
import { caseExactPreserved, creatableTypes, roundTrip } from "./create-round-trip.check.js";
import { CaseLog, logged, readBack, referencePool, resourcePath, schemaModel } from "./live-support.js";
import { redactSecrets } from "./secrets.js";

const id = "put.property.round-trip";
const expectation =
  "After PUT of a body generated from the target's own schema, GET returns every supplied value (multi-valued " +
  "attributes replaced as a whole), allowing for case changes of caseExact=false values and server defaults";
const replaces = "rfc7644.put.replaces-supplied-values";
const put200 = "rfc7644.put.status-200-with-resource";

interface PutCase {
  readonly type: string;
  readonly create: ResourceDraft;
  readonly replace: ResourceDraft;
}

/** The PUT body: the replacement plus the created resource's immutable values and its id. */
function replacementBody(
  type: ResourceTypeModel,
  created: JsonObject,
  replacement: JsonObject,
  id: string,
): JsonObject {
  const body: JsonObject = { ...replacement, id };
  for (const { attribute, schema, extension } of type.topLevel()) {
    if (attribute.mutability !== "immutable") continue;
    const source = extension ? getCi(created, schema.id) : created;
    const value = getCi(source, attribute.name);
    if (isUnassigned(value)) continue;
    if (!extension) body[attribute.name] = value;
    else {
      const ext = { ...((getCi(body, schema.id) as JsonObject | undefined) ?? {}), [attribute.name]: value };
      body[schema.id] = ext;
      const schemas = (body.schemas as string[] | undefined) ?? [type.base.id];
      if (!schemas.includes(schema.id)) body.schemas = [...schemas, schema.id];
    }
  }
  return body;
}

async function putCase(ctx: CheckContext, model: SchemaModel, c: PutCase, log: CaseLog): Promise<void> {
  const type = model.resourceType(c.type);
  if (type === undefined) throw new Error(`no resource type ${c.type}`);
  const unique = (label: string): string => ctx.unique.name(label);
  const first = finalizeDraft(c.create, unique);
  const created = await ctx.resources.create(type.endpoint, first);
  // A refused create is the create property's finding, not this one's.
  if (!created.ok || created.id === undefined) discard();
  const path = resourcePath(type, created.id);
  const body = replacementBody(type, first, finalizeDraft(c.replace, unique), created.id);
  const sent = redactSecrets(type, body);
  const res = await ctx.client.send({ method: "PUT", path, body });
  if (res.status < 200 || res.status > 299) {
    throw new CaseFailure(
      `PUT ${path} refused a ${type.name} generated from its own schema: ${describeResponse(res)}`,
      {
        requirements: [put200],
        evidence: {
          resourceType: type.name,
          created: redactSecrets(type, first),
          sent,
          status: res.status,
          response: res.body,
        },
      },
    );
  }
  const got = await readBack(ctx, path, [replaces]);
  const diff = compareResource(type, body, got, {
    defaultReason: "kept or defaulted for a value the PUT body left out (RFC 7644 §3.5.1 MAY)",
  });
  log.record(type, diff);
  const bad = defects(diff);
  if (bad.length > 0) {
    const requirements = new Set<string>();
    for (const f of bad) {
      if (f.verdict === "altered") requirements.add(f.caseExact ? caseExactPreserved : roundTrip);
      else requirements.add(replaces);
    }
    throw new CaseFailure(
      `the ${type.name} read back after PUT differs: ${bad.slice(0, 6).map(describeField).join("; ")}`,
      {
        requirements: [...requirements],
        evidence: {
          resourceType: type.name,
          created: redactSecrets(type, first),
          sent,
          got,
          differences: bad.map(describeField),
        },
      },
    );
  }
}

export const putRoundTrip = scimCheck({
  id,
  title: "Generated replacements read back as they were PUT",
  area: "put",
  gate: "core",
  requirements: [replaces, put200, roundTrip, caseExactPreserved],
  expectation,
  async run(ctx) {
    const model = schemaModel(ctx);
    const pool = await referencePool(ctx, model);
    const log = new CaseLog(ctx);
    const arbitrary = fc
      .constantFrom(...creatableTypes(model))
      .chain((type) =>
        fc
          .tuple(
            resourceArbitrary(type, { mode: "create", pool }),
            resourceArbitrary(type, { mode: "replace", pool }),
          )
          .map(([create, replace]) => ({ type: type.name, create, replace })),
      );
    const result = await runProperty(ctx, propertySettings(ctx.run, { runs: 75 }), arbitrary, (c) =>
      logged(log, () => putCase(ctx, model, c, log)),
    );
    return propertyOutcome(ctx, id, expectation, result);
  },
});
