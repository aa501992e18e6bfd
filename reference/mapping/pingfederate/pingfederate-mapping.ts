// PingFederate's dual mapping as a ResourceMapping (mapping.ts): the write mapping fills datastore
// attributes from the SCIM request, the read mapping builds the SCIM attributes from the stored entry,
// and filters and sorts go through the read layout (translate-mapped-filter.ts). Built once per
// connection configuration from a CompiledResourceMapping; expressions are already compiled and cached.
import type {
  EntryAttributes,
  EntryValue,
  ResourcePlan,
  StoreAttribute,
  StoredEntry,
} from "../../datastore/datastore.js";
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { FilterNode } from "../../protocol/filter/filter-node.js";
import type { JsonObject, JsonValue } from "../../protocol/resource/json.js";
import type { ServedPath } from "../../protocol/schema/advertised-schemas.js";
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import { copyJson } from "../copy-json.js";
import type { FilterTranslation, MappingContext, ResourceMapping } from "../mapping.js";
import { ExpressionError } from "./expression-error.js";
import type { CompiledExpression } from "./expression-sandbox.js";
import { mappedPlan } from "./mapping-plan.js";
import { assembleResource, isUnassigned, valueAtPath } from "./path-values.js";
import { type ReadLayout, readLayout } from "./read-layout.js";
import type { CompiledResourceMapping, ReadSlot, WriteSlot } from "./resource-mapping.js";
import { servedPaths } from "./served-paths.js";
import { splitFilter } from "./split-filter.js";
import { MappedFilterTranslator } from "./translate-mapped-filter.js";

/** The log calls a mapping makes (pino satisfies it); values are never logged, only paths and codes. */
export interface MappingLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export class PingFederateMapping implements ResourceMapping {
  readonly plan: ResourcePlan;
  readonly compiled: CompiledResourceMapping;
  readonly servedPaths: readonly ServedPath[];
  readonly #layout: ReadLayout;
  readonly #translator: MappedFilterTranslator;
  readonly #log: MappingLog;
  readonly #label: { readonly connectionId: string; readonly resourceType: string };

  constructor(
    compiled: CompiledResourceMapping,
    options: { readonly connectionId: string; readonly log: MappingLog },
  ) {
    this.compiled = compiled;
    this.servedPaths = servedPaths(compiled);
    this.#layout = readLayout(compiled.read);
    this.#translator = new MappedFilterTranslator(this.#layout);
    this.plan = mappedPlan(compiled.registry, compiled.resourceType, this.#translator);
    this.#log = options.log;
    this.#label = Object.freeze({
      connectionId: options.connectionId,
      resourceType: compiled.resourceType.id,
    });
  }

  /** SCIM paths whose values must be masked in logs (PingFederate "Mask Values in Log"). */
  get maskedPaths(): readonly string[] {
    return this.compiled.read.filter((s) => s.masked).map((s) => s.path.text);
  }

  async write(resource: JsonObject, context: MappingContext): Promise<EntryAttributes> {
    const entries: [string, EntryValue][] = [];
    for (const slot of this.compiled.write) {
      // Only expressions that really run are awaited; awaiting the other slots' values cost a microtask
      // each (the demo connection has about 40 slots, 20 of them expressions).
      const source = slot.source;
      let value: JsonValue | undefined;
      if (source.kind !== "expression") value = this.#writeValue(slot, resource, context);
      else {
        const now = source.expression.immediate(resource);
        value =
          now !== undefined
            ? now.value
            : await this.#writeExpression(slot, source.expression, resource, context);
      }
      if (!isUnassigned(value)) entries.push([slot.storeAttribute, value as EntryValue]);
    }
    return Object.freeze(Object.fromEntries(entries));
  }

  #writeValue(slot: WriteSlot, resource: JsonObject, context: MappingContext): JsonValue | undefined {
    const source = slot.source;
    switch (source.kind) {
      case "scim":
        return valueAtPath(resource, source.path, slot.compact);
      case "text":
        return source.value;
      case "context":
        return context[source.field];
      case "none":
      case "expression":
        return undefined;
    }
  }

  async #writeExpression(
    slot: WriteSlot,
    expression: CompiledExpression,
    resource: JsonObject,
    context: MappingContext,
  ): Promise<JsonValue | undefined> {
    try {
      return await expression.evaluate(resource, context);
    } catch (error) {
      const reason = error instanceof ExpressionError ? error.message : "the expression failed";
      this.#log.warn(
        { ...this.#label, storeAttribute: slot.storeAttribute, code: codeOf(error) },
        "write mapping expression failed",
      );
      // The request's values made the administrator's expression fail: the request is what cannot be
      // stored, so the client gets 400 invalidValue (RFC 7644 §3.12) naming the mapped attribute.
      throw badRequest(
        "invalidValue",
        `The write mapping could not compute datastore attribute "${slot.storeAttribute}" from this ${this.compiled.resourceType.name}: ${reason}`,
      );
    }
  }

  async read(entry: StoredEntry, context: MappingContext): Promise<JsonObject> {
    const values = new Map<ReadSlot, JsonValue>();
    for (const slot of this.compiled.read) {
      // As in write: only expressions that really run are awaited.
      const source = slot.source;
      let value: JsonValue | undefined;
      if (source.kind !== "expression") value = this.#readValue(slot, entry, context);
      else {
        const now = source.expression.immediate(entry.attributes);
        value =
          now !== undefined ? now.value : await this.#readExpression(slot, source.expression, entry, context);
      }
      if (value !== undefined) values.set(slot, value);
    }
    return assembleResource(this.#layout, values);
  }

  #readValue(slot: ReadSlot, entry: StoredEntry, context: MappingContext): JsonValue | undefined {
    const source = slot.source;
    switch (source.kind) {
      case "store": {
        const value = Object.hasOwn(entry.attributes, source.attribute)
          ? entry.attributes[source.attribute]
          : undefined;
        // Strings, numbers and booleans cannot be changed through a reference; only objects are copied
        // (a memory store hands out its own frozen state).
        return value === undefined ? undefined : (copyJson(value) as JsonValue);
      }
      case "text":
        return source.value;
      case "context":
        return context[source.field];
      case "none":
      case "expression":
        return undefined;
    }
  }

  async #readExpression(
    slot: ReadSlot,
    expression: CompiledExpression,
    entry: StoredEntry,
    context: MappingContext,
  ): Promise<JsonValue | undefined> {
    try {
      return await expression.evaluate(entry.attributes, context);
    } catch (error) {
      // A read expression failing is a configuration fault, not the client's: the attribute is left
      // out and the failure logged, so one entry cannot make every list page that holds it fail.
      this.#log.warn(
        { ...this.#label, id: entry.id, path: slot.path.text, code: codeOf(error) },
        "read mapping expression failed; attribute left out of the response",
      );
      return undefined;
    }
  }

  translateFilter(filter: FilterNode<ResolvedAttribute>): FilterTranslation {
    const translation = splitFilter(filter, (node) => this.#translator.translate(node));
    if (translation.residual !== undefined) {
      this.#log.info(
        {
          ...this.#label,
          residual: residualPaths(translation.residual),
          pushed: translation.pushed !== undefined,
        },
        "filter part evaluated over read-mapped results (bounded scan): it names attributes without a direct mapping",
      );
    }
    return translation;
  }

  translateAttribute(attribute: ResolvedAttribute): StoreAttribute | undefined {
    return this.#translator.sortAttribute(attribute);
  }
}

function codeOf(error: unknown): string {
  return error instanceof ExpressionError ? error.code : "M0000";
}

function residualPaths(node: FilterNode<ResolvedAttribute>): string[] {
  const paths = new Set<string>();
  const walk = (n: FilterNode<ResolvedAttribute>): void => {
    if (n.kind === "and" || n.kind === "or") {
      walk(n.left);
      walk(n.right);
    } else if (n.kind === "not") walk(n.operand);
    else if (n.kind === "valuePath") {
      paths.add(n.attr.path);
      walk(n.filter);
    } else paths.add(n.attr.path);
  };
  walk(node);
  return [...paths];
}
