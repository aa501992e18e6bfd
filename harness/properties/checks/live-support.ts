// What the property checks share: the schema model built from the target's discovery (once per run),
// the pool of resources references may point at, reading resources back, and a log that feeds the
// attribute fidelity table from the generated cases (not from shrink steps, which replay failures).
import type { CheckContext } from "../../checks/check-context.js";
import { describeResponse } from "../../checks/expect.js";
import { need } from "../../checks/support/scim-check.js";
import type { Discovery } from "../../engine/discovery.js";
import { CreatedPool } from "../arbitraries/reference-pool.js";
import type { ResourceDiff } from "../compare/resource-diff.js";
import type { JsonObject } from "../json/json.js";
import { getCi, isObject } from "../json/json.js";
import { fidelityRecorder } from "../runner/fidelity-registry.js";
import { CaseFailure } from "../runner/run-property.js";
import type { SchemaModel } from "../schema-model/build-schema-model.js";
import { schemaModelFromDiscovery } from "../schema-model/from-discovery.js";
import type { ResourceTypeModel } from "../schema-model/resource-type-model.js";

const models = new WeakMap<Discovery, SchemaModel>();

/** The schema model of the target (built once per discovery), noting its defects in the result. */
export function schemaModel(ctx: CheckContext): SchemaModel {
  let model = models.get(ctx.discovery);
  if (model === undefined) {
    model = schemaModelFromDiscovery(ctx.discovery);
    models.set(ctx.discovery, model);
  }
  const defects = model.findings.filter((f) => f.severity === "defect");
  if (defects.length > 0) {
    ctx.note(
      `the target's /Schemas or /ResourceTypes has ${defects.length} defect(s) the model worked around, e.g. ${defects
        .slice(0, 3)
        .map((f) => `${f.where}: ${f.message}`)
        .join("; ")}`,
    );
  }
  need(
    model.resourceTypes.length > 0,
    "the target's /ResourceTypes and /Schemas describe no usable resource type",
  );
  return model;
}

export function resourcePath(type: ResourceTypeModel, id: string): string {
  return `${type.endpoint}/${encodeURIComponent(id)}`;
}

/**
 * Creates the resources generated references may name (two Users, one Group, when the target has
 * those types). A type the target cannot create simply stays out of the pool.
 */
export async function referencePool(ctx: CheckContext, model: SchemaModel): Promise<CreatedPool> {
  const pool = new CreatedPool();
  if (model.resourceType("User") !== undefined) {
    for (let i = 0; i < 2; i += 1) {
      const made = await ctx.resources.createUser();
      if (made.ok && made.id !== undefined) pool.add("User", made.id);
    }
  }
  if (model.resourceType("Group") !== undefined) {
    const made = await ctx.resources.createGroup();
    if (made.ok && made.id !== undefined) pool.add("Group", made.id);
  }
  return pool;
}

/** GET of a resource this property created; anything but 200 with an object fails the case. */
export async function readBack(
  ctx: CheckContext,
  path: string,
  requirements?: readonly string[],
): Promise<JsonObject> {
  const res = await ctx.client.send({ method: "GET", path });
  if (res.status !== 200 || !isObject(res.body)) {
    throw new CaseFailure(`GET ${path} after the write answered ${describeResponse(res)}`, {
      ...(requirements ? { requirements } : {}),
    });
  }
  return res.body;
}

export function idOf(resource: unknown): string | undefined {
  const id = getCi(resource, "id");
  return typeof id === "string" && id.length > 0 ? id : undefined;
}

/**
 * Feeds the run's fidelity table. Only generated cases count: once a case failed, fast-check replays
 * variants of it while shrinking, which would make every loss look more frequent than it is.
 */
export class CaseLog {
  readonly #ctx: CheckContext;
  #failed = false;
  cases = 0;

  constructor(ctx: CheckContext) {
    this.#ctx = ctx;
  }

  record(type: ResourceTypeModel, diff: ResourceDiff): void {
    if (this.#failed) return;
    fidelityRecorder(this.#ctx.run.id).record(type.name, diff);
  }

  /** Call when a case fails: later cases are shrink steps. */
  failed(): void {
    this.#failed = true;
  }

  get shrinking(): boolean {
    return this.#failed;
  }
}

/** Runs a case, marking the log on failure. */
export async function logged<T>(log: CaseLog, body: () => Promise<T>): Promise<T> {
  log.cases += 1;
  try {
    return await body();
  } catch (error) {
    if (error instanceof CaseFailure) log.failed();
    throw error;
  }
}
