// The live schema registry: every schema and resource type the server serves, with case-insensitive
// lookup of schema URNs and attribute names (RFC 7643 §2.1: attribute names are case insensitive;
// RFC 7644 §3.10: URN-qualified names). Discovery (/Schemas, /ResourceTypes) is generated from it.
import type { AttrPath } from "../path/attr-path.js";
import { attributeNamed } from "./attribute-lookup.js";
import { commonAttributes } from "./common-attributes.js";
import type { ResolvedAttribute, ResolvedSchemaRef } from "./resolved-attribute.js";
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from "./schema-definition.js";

const lower = (s: string) => s.toLowerCase();

/**
 * Resolutions remembered per resource type. Paths come from clients, so the memo is bounded: past this
 * many distinct spellings new ones are resolved each time (still correct, only not remembered).
 */
const resolutionMemoSize = 1024;

type Resolution = ResolvedAttribute | ResolvedSchemaRef | undefined;

export class SchemaRegistry {
  readonly #schemas = new Map<string, SchemaDefinition>();
  readonly #resourceTypes: readonly ResourceTypeDefinition[];
  readonly #base = new Map<ResourceTypeDefinition, readonly AttributeDefinition[]>();
  readonly #resolved = new Map<ResourceTypeDefinition, Map<string, Resolution>>();

  constructor(schemas: readonly SchemaDefinition[], resourceTypes: readonly ResourceTypeDefinition[]) {
    for (const s of schemas) this.#schemas.set(lower(s.id), s);
    for (const rt of resourceTypes) {
      for (const urn of [rt.schema, ...rt.schemaExtensions.map((e) => e.schema)]) {
        if (!this.#schemas.has(lower(urn))) {
          throw new Error(`resource type ${rt.id} names schema ${urn}, which is not registered`);
        }
      }
    }
    this.#resourceTypes = Object.freeze([...resourceTypes]);
  }

  schemas(): SchemaDefinition[] {
    return [...this.#schemas.values()];
  }

  schema(urn: string): SchemaDefinition | undefined {
    return this.#schemas.get(lower(urn));
  }

  resourceTypes(): readonly ResourceTypeDefinition[] {
    return this.#resourceTypes;
  }

  /** By id or name, case-insensitively ("User", "user"). */
  resourceType(idOrName: string): ResourceTypeDefinition | undefined {
    const wanted = lower(idOrName);
    return this.#resourceTypes.find((rt) => lower(rt.id) === wanted || lower(rt.name) === wanted);
  }

  /** By endpoint segment, case-insensitively ("Users", "/Users"). */
  resourceTypeByEndpoint(endpoint: string): ResourceTypeDefinition | undefined {
    const wanted = lower(endpoint.startsWith("/") ? endpoint : `/${endpoint}`);
    return this.#resourceTypes.find((rt) => lower(rt.endpoint) === wanted);
  }

  /** The base schema URN first, then the extension URNs, as they belong in `schemas`. */
  schemaUrnsOf(rt: ResourceTypeDefinition): string[] {
    return [rt.schema, ...rt.schemaExtensions.map((e) => e.schema)];
  }

  /** The base schema's attributes preceded by the common attributes (RFC 7643 §3.1). */
  baseAttributes(rt: ResourceTypeDefinition): readonly AttributeDefinition[] {
    // One frozen list per resource type: it is looked up on every body key (attribute-lookup.ts indexes it).
    let base = this.#base.get(rt);
    if (base === undefined) {
      base = Object.freeze([...commonAttributes, ...(this.schema(rt.schema)?.attributes ?? [])]);
      this.#base.set(rt, base);
    }
    return base;
  }

  /**
   * Resolves a parsed path for a resource type. An unqualified name is looked up in the base schema and
   * the common attributes first; RFC 7644 §3.10 lets clients omit only the core URN, but names that are
   * unique to one extension are accepted too because clients in the wild send them that way.
   * Returns undefined when the path names nothing.
   */
  resolve(rt: ResourceTypeDefinition, path: AttrPath): Resolution {
    // Results are frozen and the registry never changes, so a resolution can be handed out again.
    let memo = this.#resolved.get(rt);
    if (memo === undefined) {
      memo = new Map();
      this.#resolved.set(rt, memo);
    }
    const key = `${path.schema ?? ""}\u0000${path.name}\u0000${path.subAttr ?? ""}`;
    if (memo.has(key)) return memo.get(key);
    const resolution = this.#resolve(rt, path);
    if (memo.size < resolutionMemoSize) memo.set(key, resolution);
    return resolution;
  }

  #resolve(rt: ResourceTypeDefinition, path: AttrPath): Resolution {
    if (path.schema !== undefined) {
      // `urn:…:enterprise:2.0:User` parses as schema `urn:…:enterprise:2.0` + name `User`: recognise the
      // whole extension URN before treating the last segment as an attribute name.
      const whole = this.#ownSchema(rt, `${path.schema}:${path.name}`);
      if (whole !== undefined && path.subAttr === undefined) {
        return Object.freeze({ kind: "schema", schema: whole, extension: lower(whole) !== lower(rt.schema) });
      }
      const urn = this.#ownSchema(rt, path.schema);
      if (urn === undefined) return undefined;
      return this.#resolveIn(rt, urn, path.name, path.subAttr);
    }
    const inBase = this.#resolveIn(rt, rt.schema, path.name, path.subAttr);
    if (inBase !== undefined) return inBase;
    const hits = rt.schemaExtensions
      .map((e) => this.#resolveIn(rt, e.schema, path.name, path.subAttr))
      .filter((r): r is ResolvedAttribute => r !== undefined);
    return hits.length === 1 ? hits[0] : undefined;
  }

  /** Resolves `name` as a sub-attribute of a complex attribute (inside a value filter `emails[type eq …]`). */
  resolveSub(parent: ResolvedAttribute, name: string): ResolvedAttribute | undefined {
    if (parent.subAttribute !== undefined) return undefined;
    const sub = attributeNamed(parent.attribute.subAttributes, name);
    if (sub === undefined) return undefined;
    return this.#make(parent.schema, parent.extension, parent.attribute, sub);
  }

  #ownSchema(rt: ResourceTypeDefinition, urn: string): string | undefined {
    return this.schemaUrnsOf(rt).find((u) => lower(u) === lower(urn));
  }

  #resolveIn(rt: ResourceTypeDefinition, urn: string, name: string, subAttr: string | undefined) {
    const extension = lower(urn) !== lower(rt.schema);
    const attributes = extension ? this.schema(urn)?.attributes : this.baseAttributes(rt);
    const attribute = attributeNamed(attributes, name);
    if (attribute === undefined) return undefined;
    if (subAttr === undefined) return this.#make(urn, extension, attribute, undefined);
    const sub = attributeNamed(attribute.subAttributes, subAttr);
    return sub === undefined ? undefined : this.#make(urn, extension, attribute, sub);
  }

  #make(
    schema: string,
    extension: boolean,
    attribute: AttributeDefinition,
    subAttribute: AttributeDefinition | undefined,
  ): ResolvedAttribute {
    const local = subAttribute === undefined ? attribute.name : `${attribute.name}.${subAttribute.name}`;
    return Object.freeze({
      kind: "attribute",
      schema,
      extension,
      attribute,
      subAttribute,
      leaf: subAttribute ?? attribute,
      path: extension ? `${schema}:${local}` : local,
    });
  }
}
