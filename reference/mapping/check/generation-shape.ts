// What the mapping check generates: the attributes a connection's read contract names (PingFederate's
// attribute contract is "the SCIM attributes that will be returned", D-rcon), in the detail the contract
// gives them. A whole attribute is generated in full; `name.givenName` only that sub-attribute; flattened
// `emails.work.value` only elements of type work carrying the sub-attributes its group maps. Required
// attributes are generated whether mapped or not, since no valid request lacks them (RFC 7643 §7).
// What the schema has and the contract does not is coverage information, reported separately.
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import type { CompiledResourceMapping } from "../pingfederate/resource-mapping.js";

export interface ElementGroupShape {
  /** Fixed element type of a flattened path, or undefined for paths across all elements. */
  readonly type: string | undefined;
  /** Canonical sub-attribute names the group carries. */
  readonly subs: readonly string[];
}

export interface AttributeShape {
  readonly def: AttributeDefinition;
  /** The schema URN the attribute belongs to; extension attributes sit under it. */
  readonly urn: string;
  readonly extension: boolean;
  readonly whole: boolean;
  /** Sub-attributes of a single-valued complex attribute. */
  readonly subs: readonly string[];
  readonly groups: readonly ElementGroupShape[];
}

export interface GenerationShape {
  readonly resourceType: ResourceTypeDefinition;
  readonly attributes: readonly AttributeShape[];
}

const engineOwned = new Set(["id", "meta", "schemas", "password", "members", "groups"]);

/** Every attribute a client can write (RFC 7643 §7 mutability), engine-owned ones aside. */
export function writableAttributes(registry: SchemaRegistry, rt: ResourceTypeDefinition) {
  const out: { urn: string; extension: boolean; def: AttributeDefinition }[] = [];
  for (const urn of registry.schemaUrnsOf(rt)) {
    const extension = urn.toLowerCase() !== rt.schema.toLowerCase();
    const defs = extension ? (registry.schema(urn)?.attributes ?? []) : registry.baseAttributes(rt);
    for (const def of defs) {
      if (def.mutability === "readOnly" || (!extension && engineOwned.has(def.name))) continue;
      out.push({ urn, extension, def });
    }
  }
  return out;
}

interface Draft {
  whole: boolean;
  subs: Set<string>;
  groups: Map<string, { type: string | undefined; subs: Set<string> }>;
}

function topKey(urn: string, name: string): string {
  return `${urn}:${name}`.toLowerCase();
}

export function generationShape(compiled: CompiledResourceMapping): GenerationShape {
  const { registry, resourceType } = compiled;
  const drafts = new Map<string, Draft>();
  const draftOf = (top: ResolvedAttribute): Draft => {
    const key = topKey(top.schema, top.attribute.name);
    let d = drafts.get(key);
    if (d === undefined) {
      d = { whole: false, subs: new Set(), groups: new Map() };
      drafts.set(key, d);
    }
    return d;
  };
  for (const slot of compiled.read) {
    const { path } = slot;
    const d = draftOf(path.top);
    const sub = path.leaf.subAttribute?.name;
    if (path.kind === "attribute" || sub === undefined) d.whole = true;
    else if (!path.top.attribute.multiValued) d.subs.add(sub);
    else {
      const groupKey = path.type?.toLowerCase() ?? "";
      const group = d.groups.get(groupKey) ?? { type: path.type, subs: new Set<string>() };
      group.subs.add(sub);
      d.groups.set(groupKey, group);
    }
  }
  const attributes: AttributeShape[] = [];
  for (const { urn, extension, def } of writableAttributes(registry, resourceType)) {
    const d = drafts.get(topKey(urn, def.name));
    const writable = (name: string) =>
      (def.subAttributes ?? []).some((s) => s.name === name && s.mutability !== "readOnly");
    if (d === undefined && !def.required) continue;
    attributes.push(
      Object.freeze({
        def,
        urn,
        extension,
        whole: d === undefined || d.whole,
        subs: Object.freeze([...(d?.subs ?? [])].filter(writable)),
        groups: Object.freeze(
          [...(d?.groups.values() ?? [])]
            .map((g) => Object.freeze({ type: g.type, subs: Object.freeze([...g.subs].filter(writable)) }))
            .filter((g) => g.subs.length > 0),
        ),
      }),
    );
  }
  return Object.freeze({ resourceType, attributes: Object.freeze(attributes) });
}

/**
 * Writable schema paths the shape never generates: the connection does not store them by design. A
 * partly covered multi-valued attribute is listed with what is covered, e.g. `emails (only type work)`.
 */
export function uncoveredPaths(registry: SchemaRegistry, shape: GenerationShape): string[] {
  const out: string[] = [];
  for (const { urn, extension, def } of writableAttributes(registry, shape.resourceType)) {
    const path = extension ? `${urn}:${def.name}` : def.name;
    const s = shape.attributes.find((a) => a.def === def);
    if (s === undefined) {
      out.push(path);
      continue;
    }
    if (s.whole || def.type !== "complex") continue;
    const subs = (def.subAttributes ?? [])
      .filter((sub) => sub.mutability !== "readOnly")
      .map((sub) => sub.name);
    if (!def.multiValued) {
      for (const sub of subs) if (!s.subs.includes(sub)) out.push(`${path}.${sub}`);
      continue;
    }
    const untyped = s.groups.find((g) => g.type === undefined);
    const typed = s.groups.filter((g) => g.type !== undefined);
    if (untyped === undefined) {
      out.push(`${path} (only elements of type ${typed.map((g) => g.type).join(", ")})`);
      continue;
    }
    for (const sub of subs) if (!untyped.subs.includes(sub)) out.push(`${path}.${sub}`);
  }
  return out;
}
