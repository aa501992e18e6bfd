// What a datastore must index and keep unique for one resource type under the direct mapping
// (datastore.ts `ResourcePlan`). The indexed set is the one the reference-core issue names: the
// attributes IdP clients look resources up by (Entra ID and Okta join on userName, externalId and
// displayName; emails.value and members.value for membership and e-mail lookups; meta.lastModified for
// delta queries), plus every attribute that must stay unique, since a uniqueness check is a lookup too.
import type { ResourcePlan, StoreAttribute } from "../../datastore/datastore.js";
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import { directStoreAttribute } from "./direct-store-attribute.js";

export const directIndexedPaths = [
  "userName",
  "externalId",
  "displayName",
  "emails.value",
  "meta.lastModified",
  "members.value",
] as const;

/** Entry attributes that give a member its `display` (RFC 7643 §4.2), first present wins. */
export const directDisplayAttributes = ["displayName", "userName"] as const;

function resolvePath(registry: SchemaRegistry, rt: ResourceTypeDefinition, path: string) {
  const dot = path.indexOf(".");
  const name = dot < 0 ? path : path.slice(0, dot);
  const subAttr = dot < 0 ? undefined : path.slice(dot + 1);
  const resolved = registry.resolve(rt, { kind: "attrPath", schema: undefined, name, subAttr });
  return resolved?.kind === "attribute" ? resolved : undefined;
}

/** Every attribute and sub-attribute of the resource type (common attributes, base schema, extensions). */
function* allAttributes(registry: SchemaRegistry, rt: ResourceTypeDefinition): Generator<ResolvedAttribute> {
  const sources: { urn: string; attributes: readonly AttributeDefinition[] }[] = [
    { urn: rt.schema, attributes: registry.baseAttributes(rt) },
    ...rt.schemaExtensions.map((e) => ({
      urn: e.schema,
      attributes: registry.schema(e.schema)?.attributes ?? [],
    })),
  ];
  for (const { urn, attributes } of sources) {
    for (const attribute of attributes) {
      const top = registry.resolve(rt, {
        kind: "attrPath",
        schema: urn,
        name: attribute.name,
        subAttr: undefined,
      });
      if (top?.kind !== "attribute") continue;
      yield top;
      for (const sub of attribute.subAttributes ?? []) {
        const resolved = registry.resolveSub(top, sub.name);
        if (resolved !== undefined) yield resolved;
      }
    }
  }
}

function sameStoreAttribute(a: StoreAttribute, b: StoreAttribute): boolean {
  return a.source === b.source && a.name === b.name && a.subPath === b.subPath;
}

function pushUnique(list: StoreAttribute[], attribute: StoreAttribute | undefined): void {
  if (attribute !== undefined && !list.some((a) => sameStoreAttribute(a, attribute))) list.push(attribute);
}

export function directPlan(registry: SchemaRegistry, rt: ResourceTypeDefinition): ResourcePlan {
  const unique: StoreAttribute[] = [];
  for (const attribute of allAttributes(registry, rt)) {
    // RFC 7643 §2.2: "server" and "global" both forbid a duplicate within this service provider; `id` is
    // the engine's own key and is unique by construction.
    if (attribute.leaf.uniqueness === "none") continue;
    const mapped = directStoreAttribute(attribute);
    if (mapped?.source === "entry") pushUnique(unique, mapped);
  }
  const indexed: StoreAttribute[] = [];
  for (const path of directIndexedPaths) {
    const resolved = resolvePath(registry, rt, path);
    if (resolved !== undefined) pushUnique(indexed, directStoreAttribute(resolved));
  }
  for (const attribute of unique) pushUnique(indexed, attribute);
  const baseNames = (registry.schema(rt.schema)?.attributes ?? []).map((a) => a.name);
  return Object.freeze({
    indexed: Object.freeze(indexed),
    unique: Object.freeze(unique),
    // RFC 7643 §4.2: a resource type whose base schema defines `members` carries members (Groups).
    hasMembers: baseNames.includes("members"),
    displayAttributes: Object.freeze(directDisplayAttributes.filter((name) => baseNames.includes(name))),
  });
}
