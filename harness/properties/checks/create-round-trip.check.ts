// Property: create → read → compare (issue "property-based round trips", property 1). Bodies are
// generated from the target's own /Schemas for every discovered resource type, POSTed, read back, and
// compared attribute path by attribute path (compare/). A value lost or altered beyond what RFC 7643
// allows breaks RFC 7644 §3.3's round trip (SHOULD); an altered caseExact value breaks RFC 7643 §7
// "the server SHALL preserve case" (MUST); a never-returned value in a response breaks RFC 7643 §7.
import fc from "fast-check";
import type { CheckContext } from "../../checks/check-context.js";
import { describeResponse } from "../../checks/expect.js";
import { scimCheck } from "../../checks/support/scim-check.js";
import type { ReferencePool } from "../arbitraries/reference-pool.js";
import { finalizeDraft, resourceArbitrary } from "../arbitraries/resource-arbitrary.js";
import { compareResource } from "../compare/compare-resource.js";
import { defects, describeField } from "../compare/resource-diff.js";
import { propertySettings } from "../runner/property-settings.js";
import { CaseFailure, propertyOutcome, runProperty } from "../runner/run-property.js";
import type { SchemaModel } from "../schema-model/build-schema-model.js";
import { CaseLog, logged, readBack, referencePool, resourcePath, schemaModel } from "./live-support.js";
import { leakedPaths, redactSecrets } from "./secrets.js";

const id = "create.property.round-trip";
const expectation =
  "Every resource generated from the target's own schemas is accepted by POST and reads back equal on " +
  "GET, allowing for case changes of caseExact=false values, server defaults and readOnly attributes, and " +
  "no never-returned value is ever returned";

export const roundTrip = "rfc7644.create.round-trip";
export const caseExactPreserved = "rfc7643.schema.case-exact-preserved";
export const neverReturned = "rfc7643.schema.never-returned";

interface CreateCase {
  readonly type: string;
  readonly draft: Parameters<typeof finalizeDraft>[0];
}

export function creatableTypes(model: SchemaModel): SchemaModel["resourceTypes"] {
  return model.resourceTypes.filter((t) =>
    t.topLevel().some(({ attribute }) => attribute.mutability !== "readOnly"),
  );
}

export function createArbitrary(model: SchemaModel, pool: ReferencePool): fc.Arbitrary<CreateCase> {
  return fc
    .constantFrom(...creatableTypes(model))
    .chain((type) =>
      resourceArbitrary(type, { mode: "create", pool }).map((draft) => ({ type: type.name, draft })),
    );
}

async function createCase(ctx: CheckContext, model: SchemaModel, c: CreateCase, log: CaseLog): Promise<void> {
  const type = model.resourceType(c.type);
  if (type === undefined) throw new Error(`no resource type ${c.type}`);
  const body = finalizeDraft(c.draft, (label) => ctx.unique.name(label));
  const sent = redactSecrets(type, body);
  const created = await ctx.resources.create(type.endpoint, body);
  if (!created.ok || created.id === undefined) {
    throw new CaseFailure(
      `POST ${type.endpoint} refused a ${type.name} generated from its own schema: ${describeResponse(created.response)}`,
      {
        requirements: [roundTrip],
        evidence: {
          resourceType: type.name,
          sent,
          status: created.response.status,
          response: created.response.body,
        },
      },
    );
  }
  const got = await readBack(ctx, resourcePath(type, created.id), [roundTrip]);
  const leaked = [...new Set([...leakedPaths(type, created.resource), ...leakedPaths(type, got)])];
  if (leaked.length > 0) {
    throw new CaseFailure(`a never-returned attribute came back: ${leaked.join(", ")}`, {
      requirements: [neverReturned],
      evidence: { resourceType: type.name, sent, leaked },
    });
  }
  const diff = compareResource(type, body, got);
  log.record(type, diff);
  const bad = defects(diff);
  if (bad.length > 0) {
    const caseExact = bad.some((f) => f.verdict === "altered" && f.caseExact);
    throw new CaseFailure(
      `the ${type.name} read back differs: ${bad.slice(0, 6).map(describeField).join("; ")}`,
      {
        requirements: caseExact ? [roundTrip, caseExactPreserved] : [roundTrip],
        evidence: { resourceType: type.name, sent, got, differences: bad.map(describeField) },
      },
    );
  }
}

export const createRoundTrip = scimCheck({
  id,
  title: "Generated resources of every discovered type read back as they were created",
  area: "create",
  gate: "core",
  requirements: [roundTrip, caseExactPreserved, neverReturned],
  expectation,
  async run(ctx) {
    const model = schemaModel(ctx);
    const pool = await referencePool(ctx, model);
    const log = new CaseLog(ctx);
    const result = await runProperty(
      ctx,
      propertySettings(ctx.run, { runs: 100 }),
      createArbitrary(model, pool),
      (c) => logged(log, () => createCase(ctx, model, c, log)),
    );
    return propertyOutcome(ctx, id, expectation, result);
  },
});
