// POST /Bulk (RFC 7644 §3.7). SQLite has one writer, so the whole request runs in one datastore
// transaction — one commit for up to maxOperations writes keeps imports fast — and every operation runs in
// its own savepoint inside it, so a failed operation leaves nothing behind while the others stand
// ("each operation atomic"). Operations run in dependency order (bulk-plan.ts); bulkId references are
// replaced by the ids their POSTs created (§3.7.2). Circular references (§3.7.1, "MUST try to resolve"):
// each POST of the cycle is first created without the references that cannot resolve yet, then completed
// with a replace once every member of the cycle exists; if completing fails, the half-made resource is
// removed and the operation answers 409, as §3.7.1 allows ("MAY stop after a failed attempt and instead
// return HTTP status code 409"). After `failOnErrors` errors the remaining operations are not run and not
// reported (§3.7.3); without it every operation is attempted ("MUST continue performing as many changes as
// possible"). The response lists the processed operations in the client's order.
import { badRequest, ScimError } from "../../protocol/errors/scim-error.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import { messageUrns } from "../../protocol/schema/schema-definition.js";
import type { OperationContext } from "../operation-context.js";
import type { PipelineServices } from "../pipeline-services.js";
import { deleteResource } from "../resources/delete-resource.js";
import { replaceResource } from "../resources/replace-resource.js";
import {
  asScimError,
  type BulkOutcome,
  dataOf,
  executeOperation,
  failure,
  responseOperation,
  targetOf,
} from "./bulk-operation.js";
import { type BulkPlan, planBulk } from "./bulk-plan.js";
import { substitute, substitutePath, withoutUnresolved } from "./bulk-references.js";
import { type BulkOperation, parseBulkRequest } from "./bulk-request.js";

class BulkRun {
  readonly #services: PipelineServices;
  readonly #ctx: OperationContext;
  readonly #plan: BulkPlan;
  /** bulkId → the id its POST created. */
  readonly ids = new Map<string, string>();
  readonly outcomes = new Map<number, BulkOutcome>();
  errors = 0;

  constructor(services: PipelineServices, ctx: OperationContext, plan: BulkPlan) {
    this.#services = services;
    this.#ctx = ctx;
    this.#plan = plan;
  }

  record(op: BulkOperation, outcome: BulkOutcome): void {
    this.outcomes.set(op.index, outcome);
    if (outcome.error !== undefined) this.errors += 1;
  }

  /** Why an operation cannot run: a reference to a bulkId no POST defined, or whose POST failed. */
  unresolvable(op: BulkOperation): ScimError | undefined {
    for (const ref of this.#plan.references.get(op.index) ?? []) {
      if (this.ids.has(ref)) continue;
      return badRequest(
        "invalidValue",
        this.#plan.defined.has(ref)
          ? `"bulkId:${ref}" cannot be resolved: the operation that defines it failed.`
          : `"bulkId:${ref}" does not name a POST of this request (RFC 7644 §3.7.2).`,
      );
    }
    return undefined;
  }

  locationGuess(op: BulkOperation): string | undefined {
    // RFC 7644 §3.7.3: every response carries a location except a failed POST.
    if (op.method === "POST" || op.path === undefined) return undefined;
    return `${this.#ctx.baseUrl}${substitutePath(op.path, this.ids)}`;
  }

  /** Runs `work` in a savepoint; a ScimError becomes the operation's failure, anything else is a fault. */
  inSavepoint(
    op: BulkOperation,
    work: (ctx: OperationContext) => Promise<BulkOutcome>,
  ): Promise<BulkOutcome> {
    return this.attempt(op, () => this.#ctx.store.transaction((store) => work({ ...this.#ctx, store })));
  }

  /**
   * Runs `work` directly in the request's transaction. Only for work that makes a single datastore
   * write, which the datastore makes atomic on its own (datastore.ts), so a failure leaves nothing behind
   * without a savepoint: a POST. Savepoints were about a twentieth of a Bulk import's cost.
   */
  inTransaction(
    op: BulkOperation,
    work: (ctx: OperationContext) => Promise<BulkOutcome>,
  ): Promise<BulkOutcome> {
    return this.attempt(op, () => work(this.#ctx));
  }

  /** A ScimError becomes the operation's failure, anything else is a fault (500) of this operation. */
  async attempt(op: BulkOperation, work: () => Promise<BulkOutcome>): Promise<BulkOutcome> {
    try {
      return await work();
    } catch (error) {
      const scim = asScimError(error);
      if (scim !== undefined) return failure(scim, this.locationGuess(op));
      this.#ctx.log.warn({ err: error, operation: op.index }, "bulk operation failed unexpectedly");
      return failure(
        new ScimError(500, undefined, "Internal server error in this operation."),
        this.locationGuess(op),
      );
    }
  }

  async single(op: BulkOperation): Promise<void> {
    if (op.invalid !== undefined) return this.record(op, failure(op.invalid, undefined));
    const blocked = this.unresolvable(op);
    if (blocked !== undefined) return this.record(op, failure(blocked, this.locationGuess(op)));
    // Most operations refer to nothing; only those that do are copied with their references replaced.
    const referring = (this.#plan.references.get(op.index)?.length ?? 0) > 0;
    const path = referring ? substitutePath(op.path ?? "", this.ids) : (op.path ?? "");
    const data = dataOf(op);
    const resolved = data === undefined || !referring ? data : (substitute(data, this.ids) as JsonObject);
    // A POST creates (reads, then one write); PUT, PATCH and DELETE read, compare and write several times.
    const work = (ctx: OperationContext) => executeOperation(this.#services, ctx, op, path, resolved);
    const outcome =
      op.method === "POST" ? await this.inTransaction(op, work) : await this.inSavepoint(op, work);
    if (outcome.id !== undefined && op.bulkId !== undefined) this.ids.set(op.bulkId, outcome.id);
    this.record(op, outcome);
  }

  /** RFC 7644 §3.7.1: create each POST of the cycle without its pending references, then complete it. */
  async cycle(ops: readonly BulkOperation[], stop: () => boolean): Promise<void> {
    const created: BulkOperation[] = [];
    for (const op of ops) {
      if (stop()) return;
      if (op.invalid !== undefined) {
        this.record(op, failure(op.invalid, undefined));
        continue;
      }
      const data = dataOf(op) ?? {};
      const partial = withoutUnresolved(substitute(data, this.ids), this.ids) as JsonObject;
      const outcome = await this.inSavepoint(op, (ctx) =>
        executeOperation(this.#services, ctx, op, op.path ?? "", partial),
      );
      if (outcome.id === undefined || op.bulkId === undefined) {
        this.record(op, outcome);
        continue;
      }
      this.ids.set(op.bulkId, outcome.id);
      created.push(op);
    }
    for (const op of created) {
      const id = this.ids.get(op.bulkId ?? "") ?? "";
      const endpoint = targetOf("POST", op.path ?? "").endpoint;
      const full = substitute(dataOf(op) ?? {}, this.ids);
      const pending = this.unresolvable(op);
      const outcome =
        pending !== undefined
          ? failure(pending, undefined)
          : await this.inSavepoint(op, async (ctx) => {
              const r = await replaceResource(
                this.#services,
                ctx,
                endpoint,
                id,
                isJsonObject(full) ? full : {},
                {},
                {},
                { body: false },
              );
              return { status: 201, location: r.location, version: r.etag, id: r.id, error: undefined };
            });
      if (outcome.error === undefined) {
        this.record(op, outcome);
        continue;
      }
      // Leave nothing of a failed operation behind: the first pass created it in its own savepoint.
      await this.inSavepoint(op, async (ctx) => {
        await deleteResource(ctx, endpoint, id);
        return outcome;
      });
      this.ids.delete(op.bulkId ?? "");
      const detail = `The circular bulkId reference could not be completed: ${outcome.error.detail}`;
      this.record(op, failure(new ScimError(409, undefined, detail), undefined));
    }
  }
}

export async function runBulk(
  services: PipelineServices,
  ctx: OperationContext,
  body: JsonObject,
): Promise<JsonObject> {
  const request = parseBulkRequest(body, services.limits.bulkMaxOperations);
  const plan = planBulk(request.operations);
  const outcomes = await ctx.store.transaction(async (store) => {
    const run = new BulkRun(services, { ...ctx, store }, plan);
    const stopped = () => request.failOnErrors !== undefined && run.errors >= request.failOnErrors;
    for (const step of plan.steps) {
      if (stopped()) break;
      if (step.kind === "single") await run.single(step.operation);
      else await run.cycle(step.operations, stopped);
    }
    return run.outcomes;
  });
  const operations = request.operations.flatMap((op) => {
    const outcome = outcomes.get(op.index);
    return outcome === undefined ? [] : [responseOperation(op, outcome)];
  });
  return { schemas: [messageUrns.bulkResponse], Operations: operations };
}
