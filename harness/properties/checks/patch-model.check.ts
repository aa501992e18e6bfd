// Property: PATCH, server against model (issue "property-based round trips", property 3). A generated
// resource is created and read back; a generated operation list is sent to the target and applied by
// the harness's own PATCH model (oracle/patch/) to the read-back state. The target must end in a state
// the model allows (RFC 7644 §3.5.2 semantics, operations in order), or, when the model says refusing
// is required or allowed, refuse the whole request and leave the resource exactly as it was ("If a
// single operation encounters an error condition, the original SCIM resource MUST be restored").
import fc from "fast-check";
import type { CheckContext } from "../../checks/check-context.js";
import { describeResponse } from "../../checks/expect.js";
import { scimCheck } from "../../checks/support/scim-check.js";
import type { ResourceDraft } from "../arbitraries/resource-arbitrary.js";
import { finalizeDraft, resourceArbitrary } from "../arbitraries/resource-arbitrary.js";
import { compareResource } from "../compare/compare-resource.js";
import type { ResourceDiff } from "../compare/resource-diff.js";
import { defects, describeField } from "../compare/resource-diff.js";
import { getCi } from "../json/json.js";
import type { PatchOutcome } from "../oracle/patch/apply-patch.js";
import { applyPatch } from "../oracle/patch/apply-patch.js";
import { patchArbitrary } from "../oracle/patch/patch-arbitrary.js";
import type { PatchOperation } from "../oracle/patch/patch-ast.js";
import { patchBody } from "../oracle/patch/patch-ast.js";
import { PatchModelGap } from "../oracle/patch/patch-state.js";
import { propertySettings } from "../runner/property-settings.js";
import { CaseFailure, discard, propertyOutcome, runProperty } from "../runner/run-property.js";
import type { SchemaModel } from "../schema-model/build-schema-model.js";
import { creatableTypes } from "./create-round-trip.check.js";
import { CaseLog, logged, readBack, referencePool, resourcePath, schemaModel } from "./live-support.js";
import { redactSecrets } from "./secrets.js";

const id = "patch.property.model";
const expectation =
  "Every generated PATCH request leaves the resource in a state the RFC 7644 §3.5.2 model allows, or is refused " +
  "as a whole with the resource unchanged exactly when the model says a refusal is required or allowed";

const atomic = "rfc7644.patch.atomic";
const successResponse = "rfc7644.patch.success-response";
const semantics = [
  "rfc7644.patch.sequential",
  "rfc7644.patch.add-with-path",
  "rfc7644.patch.add-without-path",
  "rfc7644.patch.replace-single-valued",
  "rfc7644.patch.replace-complex",
  "rfc7644.patch.replace-multi-valued",
  "rfc7644.patch.replace-without-path",
  "rfc7644.patch.replace-value-path",
  "rfc7644.patch.replace-value-path-no-target",
  "rfc7644.patch.remove-attribute",
  "rfc7644.patch.remove-value-path",
  "rfc7644.patch.remove-requires-path",
  "rfc7644.patch.remove-required-or-read-only",
  "rfc7644.patch.mutability-error",
  "rfc7644.patch.primary-exclusive",
  "rfc7644.patch.path-notation",
];

interface PatchCase {
  readonly type: string;
  readonly draft: ResourceDraft;
  readonly operations: readonly PatchOperation[];
}

/** The model state closest to what the target holds: the one with fewest differences. */
function closest(
  outcome: PatchOutcome,
  diffOf: (state: (typeof outcome.states)[number]) => ResourceDiff,
): ResourceDiff | undefined {
  let best: ResourceDiff | undefined;
  for (const s of outcome.states) {
    const d = diffOf(s);
    if (best === undefined || defects(d).length < defects(best).length) best = d;
  }
  return best;
}

async function patchCase(ctx: CheckContext, model: SchemaModel, c: PatchCase, log: CaseLog): Promise<void> {
  const type = model.resourceType(c.type);
  if (type === undefined) throw new Error(`no resource type ${c.type}`);
  const created = await ctx.resources.create(
    type.endpoint,
    finalizeDraft(c.draft, (label) => ctx.unique.name(label)),
  );
  if (!created.ok || created.id === undefined) discard();
  const path = resourcePath(type, created.id);
  const before = await readBack(ctx, path);
  let outcome: PatchOutcome;
  try {
    outcome = applyPatch(type, before, c.operations);
  } catch (error) {
    // The RFC does not decide this case (e.g. a value filter whose answer depends on case mapping).
    if (error instanceof PatchModelGap) discard();
    throw error;
  }
  const request = patchBody(c.operations);
  const res = await ctx.client.send({ method: "PATCH", path, body: request });
  const after = await readBack(ctx, path);
  const evidence = (extra: Record<string, unknown>) => ({
    resourceType: type.name,
    before: redactSecrets(type, before),
    request,
    status: res.status,
    ...extra,
  });
  const strict = { absentMeans: "defect" as const };
  if (res.status >= 200 && res.status < 300) {
    if (res.status !== 200 && res.status !== 204) {
      throw new CaseFailure(`PATCH answered ${res.status}; RFC 7644 §3.5.2 allows 200 or 204`, {
        requirements: [successResponse],
        evidence: evidence({}),
      });
    }
    if (outcome.refusal?.required) {
      throw new CaseFailure(
        `PATCH succeeded, but it must be refused (${outcome.refusal.scimTypes.join(" or ")}): ${outcome.refusal.reasons[0] ?? ""}`,
        { evidence: evidence({ after }) },
      );
    }
    const diff = closest(outcome, (s) => compareResource(type, s, after, strict));
    if (diff === undefined) throw new Error("the model allowed neither a state nor a refusal");
    log.record(type, diff);
    const bad = defects(diff);
    if (bad.length > 0) {
      throw new CaseFailure(
        `after PATCH the resource differs from the model: ${bad.slice(0, 6).map(describeField).join("; ")}`,
        {
          evidence: evidence({ after, differences: bad.map(describeField) }),
        },
      );
    }
    return;
  }
  if (res.status >= 500 || res.status < 400) {
    throw new CaseFailure(`PATCH answered ${describeResponse(res)}`, {
      evidence: evidence({ response: res.body }),
    });
  }
  if (outcome.refusal === undefined) {
    throw new CaseFailure(`PATCH was refused, but the model applies it: ${describeResponse(res)}`, {
      evidence: evidence({ response: res.body }),
    });
  }
  const changed = defects(compareResource(type, before, after, strict));
  if (changed.length > 0) {
    throw new CaseFailure(
      `PATCH was refused (${res.status} ${String(getCi(res.body, "scimType") ?? "")}) but changed the resource: ${changed.slice(0, 6).map(describeField).join("; ")}`,
      { requirements: [atomic], evidence: evidence({ after, response: res.body }) },
    );
  }
}

export const patchModel = scimCheck({
  id,
  title: "Generated PATCH requests end where the harness's PATCH model says, or are refused atomically",
  area: "patch",
  gate: "patch",
  requirements: [...semantics, atomic, successResponse],
  expectation,
  async run(ctx) {
    const model = schemaModel(ctx);
    const pool = await referencePool(ctx, model);
    const log = new CaseLog(ctx);
    const arbitrary = fc.constantFrom(...creatableTypes(model)).chain((type) =>
      resourceArbitrary(type, { mode: "create", pool }).chain((draft) =>
        // Operations are generated from the body as sent; the model applies them to the state read back.
        patchArbitrary(type, draft.body, { pool }).map((operations) => ({
          type: type.name,
          draft,
          operations,
        })),
      ),
    );
    const result = await runProperty(ctx, propertySettings(ctx.run, { runs: 100 }), arbitrary, (c) =>
      logged(log, () => patchCase(ctx, model, c, log)),
    );
    return propertyOutcome(ctx, id, expectation, result);
  },
});
