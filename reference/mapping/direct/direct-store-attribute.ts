// Which datastore attribute a resolved SCIM path names under the direct mapping. Each top-level SCIM
// attribute is one entry attribute of the same canonical name; an extension attribute is named by its
// URN-qualified path (RFC 7644 §3.10), e.g. "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
// so one entry attribute never mixes two schemas. Engine-owned fields (datastore.ts `StoreAttribute`) map
// to `source: "engine"`; what neither side stores (`meta.location`, `$ref`, the write-only password) has
// no datastore attribute and is evaluated over read-mapped results instead.
import type { StoreAttribute } from "../../datastore/datastore.js";
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";

/** The entry attribute name of a top-level attribute: canonical name, URN-qualified for extensions. */
export function entryAttributeName(attribute: ResolvedAttribute): string {
  return attribute.extension ? `${attribute.schema}:${attribute.attribute.name}` : attribute.attribute.name;
}

function store(
  source: StoreAttribute["source"],
  name: string,
  subPath: string | undefined,
  attribute: ResolvedAttribute,
): StoreAttribute {
  return Object.freeze({
    source,
    name,
    subPath,
    type: attribute.leaf.type,
    caseExact: attribute.leaf.caseExact,
    multiValued: attribute.attribute.multiValued,
  });
}

/** Sub-attributes of `members` and `groups` that the engine stores (RFC 7643 §4.1.2, §4.2); `$ref` is derived. */
const engineReferenceSubs = new Set(["value", "type", "display"]);

function engineAttribute(attribute: ResolvedAttribute): StoreAttribute | undefined {
  const name = attribute.attribute.name;
  const sub = attribute.subAttribute?.name;
  switch (name) {
    case "id":
      return store("engine", "id", undefined, attribute);
    case "meta":
      // RFC 7643 §3.1: only the instants are stored as such; resourceType, location and version are derived.
      return sub === "created" || sub === "lastModified"
        ? store("engine", `meta.${sub}`, undefined, attribute)
        : undefined;
    case "members":
    case "groups":
      if (sub === undefined || engineReferenceSubs.has(sub)) return store("engine", name, sub, attribute);
      return undefined;
    default:
      // `schemas` is rebuilt from the data on every read (RFC 7643 §3), never stored as such.
      // `password` is writeOnly (RFC 7643 §4.1): kept only as a hash, so nothing can compare against it.
      return undefined;
  }
}

const engineOwned = new Set(["id", "meta", "members", "groups", "password", "schemas"]);

export function directStoreAttribute(attribute: ResolvedAttribute): StoreAttribute | undefined {
  if (!attribute.extension && engineOwned.has(attribute.attribute.name)) return engineAttribute(attribute);
  return store("entry", entryAttributeName(attribute), attribute.subAttribute?.name, attribute);
}
