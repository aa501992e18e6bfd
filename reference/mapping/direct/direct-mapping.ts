// The direct mapping (reference-core issue): every SCIM attribute is stored under the entry attribute of
// the same canonical name, so write and read are inverse copies and every filter and sort pushes down.
// Extension attributes are stored one entry attribute per top-level attribute, named by the URN-qualified
// path (RFC 7644 §3.10); reading groups them back under their schema URN key (RFC 7643 §3.3). This is the
// seam where PingFederate's dual mapping (the connections issue) plugs in with expressions instead.
import type {
  EntryAttributes,
  EntryValue,
  ResourcePlan,
  StoreAttribute,
  StoredEntry,
} from "../../datastore/datastore.js";
import type { FilterNode } from "../../protocol/filter/filter-node.js";
import type { JsonObject, JsonValue } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import type { ResourceTypeDefinition } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import { copyJson } from "../copy-json.js";
import type { FilterTranslation, MappingContext, ResourceMapping } from "../mapping.js";
import { directPlan } from "./direct-plan.js";
import { directStoreAttribute } from "./direct-store-attribute.js";
import { translateFilterWith } from "./translate-filter.js";

/** Fields the engine owns (datastore.ts): a mapping never stores them, even if a caller passes them. */
const engineKeys = new Set(["schemas", "id", "meta", "password", "members", "groups"]);

/** RFC 7643 §2.5: null, [] and {} all mean "unassigned", so nothing of the kind is stored. */
function isUnassigned(value: JsonValue | EntryValue): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

function copy(value: JsonValue | EntryValue): JsonValue {
  // A read hands out a resource the pipeline may reshape; the entry may be the datastore's own state.
  return copyJson(value) as JsonValue;
}

export class DirectMapping implements ResourceMapping {
  readonly plan: ResourcePlan;
  /** Extension URNs of the resource type, longest first so that one URN prefixing another cannot capture it. */
  readonly #extensions: readonly string[];

  constructor(registry: SchemaRegistry, resourceType: ResourceTypeDefinition) {
    this.plan = directPlan(registry, resourceType);
    this.#extensions = resourceType.schemaExtensions.map((e) => e.schema).sort((a, b) => b.length - a.length);
  }

  async write(resource: JsonObject, _context: MappingContext): Promise<EntryAttributes> {
    const entry: Record<string, EntryValue> = {};
    for (const [key, value] of Object.entries(resource)) {
      if (engineKeys.has(key) || isUnassigned(value)) continue;
      const urn = this.#extensionOf(key);
      // Values are shared with the resource, not copied: entries are read-only data (datastore.ts), and
      // every datastore serialises or clones what it keeps. Copying here cost a deep clone per write.
      if (urn === undefined) {
        entry[key] = value;
        continue;
      }
      if (!isJsonObject(value)) continue;
      for (const [name, inner] of Object.entries(value)) {
        if (!isUnassigned(inner)) entry[`${urn}:${name}`] = inner;
      }
    }
    return entry;
  }

  async read(entry: StoredEntry, _context: MappingContext): Promise<JsonObject> {
    const resource: JsonObject = {};
    for (const [key, value] of Object.entries(entry.attributes)) {
      if (engineKeys.has(key) || isUnassigned(value)) continue;
      const urn = this.#extensions.find((u) => key.length > u.length + 1 && key.startsWith(`${u}:`));
      if (urn === undefined) {
        resource[key] = copy(value);
        continue;
      }
      const bucket = resource[urn];
      const target: JsonObject = isJsonObject(bucket) ? bucket : {};
      target[key.slice(urn.length + 1)] = copy(value);
      resource[urn] = target;
    }
    return resource;
  }

  translateFilter(filter: FilterNode<ResolvedAttribute>): FilterTranslation {
    return translateFilterWith(filter, directStoreAttribute);
  }

  translateAttribute(attribute: ResolvedAttribute): StoreAttribute | undefined {
    return directStoreAttribute(attribute);
  }

  #extensionOf(key: string): string | undefined {
    const wanted = key.toLowerCase();
    return this.#extensions.find((u) => u.toLowerCase() === wanted);
  }
}

export function createDirectMapping(
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
): DirectMapping {
  return new DirectMapping(registry, resourceType);
}
