// What the datastore indexes and keeps unique under a PingFederate mapping (datastore.ts `ResourcePlan`),
// derived from the read layout so that it always follows what is really mapped. It mirrors the direct
// plan (direct-plan.ts): the lookup attributes IdP clients use (userName, externalId, displayName,
// emails.value, meta.lastModified, members.value), each where it is mapped directly, plus every attribute
// that must stay unique (RFC 7643 §2.2); an attribute with no direct mapping has nothing to index.
import type { ResourcePlan, StoreAttribute } from "../../datastore/datastore.js";
import { sameAttribute } from "../../datastore/entry-values.js";
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import type { ResourceTypeDefinition } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import { directDisplayAttributes, directIndexedPaths } from "../direct/direct-plan.js";
import type { MappedFilterTranslator } from "./translate-mapped-filter.js";

function resolvePath(registry: SchemaRegistry, rt: ResourceTypeDefinition, path: string) {
  const [name = "", subAttr] = path.split(".");
  const resolved = registry.resolve(rt, { kind: "attrPath", schema: undefined, name, subAttr });
  return resolved?.kind === "attribute" ? resolved : undefined;
}

function* everyAttribute(registry: SchemaRegistry, rt: ResourceTypeDefinition): Generator<ResolvedAttribute> {
  for (const urn of registry.schemaUrnsOf(rt)) {
    const own = urn.toLowerCase() === rt.schema.toLowerCase();
    const defs = own ? registry.baseAttributes(rt) : (registry.schema(urn)?.attributes ?? []);
    for (const def of defs) {
      const top = registry.resolve(rt, { kind: "attrPath", schema: urn, name: def.name, subAttr: undefined });
      if (top?.kind !== "attribute") continue;
      yield top;
      for (const sub of def.subAttributes ?? []) {
        const resolved = registry.resolveSub(top, sub.name);
        if (resolved !== undefined) yield resolved;
      }
    }
  }
}

function add(list: StoreAttribute[], attribute: StoreAttribute | undefined): void {
  if (attribute !== undefined && !list.some((a) => sameAttribute(a, attribute))) list.push(attribute);
}

export function mappedPlan(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  translator: MappedFilterTranslator,
): ResourcePlan {
  const unique: StoreAttribute[] = [];
  for (const attribute of everyAttribute(registry, rt)) {
    if (attribute.leaf.uniqueness === "none") continue;
    const store = translator.leaf(attribute);
    if (store?.source === "entry") add(unique, store);
  }
  const indexed: StoreAttribute[] = [];
  for (const path of directIndexedPaths) {
    const resolved = resolvePath(registry, rt, path);
    if (resolved !== undefined) add(indexed, translator.leaf(resolved));
  }
  for (const attribute of unique) add(indexed, attribute);
  const baseNames = (registry.schema(rt.schema)?.attributes ?? []).map((a) => a.name);
  const display: string[] = [];
  for (const name of directDisplayAttributes) {
    const resolved = baseNames.includes(name) ? resolvePath(registry, rt, name) : undefined;
    const store = resolved === undefined ? undefined : translator.leaf(resolved);
    if (store?.source === "entry" && !store.multiValued && store.subPath === undefined)
      display.push(store.name);
  }
  return Object.freeze({
    indexed: Object.freeze(indexed),
    unique: Object.freeze(unique),
    // RFC 7643 §4.2: a resource type whose base schema defines `members` carries members (Groups).
    hasMembers: baseNames.includes("members"),
    displayAttributes: Object.freeze(display),
  });
}
