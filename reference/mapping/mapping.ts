// The mapping contract: PingFederate's "dual mapping" between SCIM and a datastore. The write mapping
// (SCIM → entry, PingFederate `writeUsers.attributeFulfillment`) runs on create and update; the read
// mapping (entry → SCIM, `readUsers.attributeFulfillment`) builds every response. Filters and sorting
// are translated through the same mapping so that directly mapped attributes are pushed down to the
// datastore and only expression-derived ones are evaluated over mapped results.
import type {
  EntryAttributes,
  ResourcePlan,
  StoreAttribute,
  StoredEntry,
  StoreFilter,
} from "../datastore/datastore.js";
import type { FilterNode } from "../protocol/filter/filter-node.js";
import type { JsonObject } from "../protocol/resource/json.js";
import type { ServedPath } from "../protocol/schema/advertised-schemas.js";
import type { ResolvedAttribute } from "../protocol/schema/resolved-attribute.js";

/** Facts about the request that PingFederate's CONTEXT source type exposes to a mapping. */
export interface MappingContext {
  readonly connectionId: string;
  readonly clientAddress: string | undefined;
  readonly requestId: string | undefined;
}

/**
 * How a resolved SCIM filter splits: `pushed` runs in the datastore, `residual` (if any) must be
 * evaluated over read-mapped results. A residual is only ever a conjunct of the whole filter, so the
 * pushed part never excludes a resource the full filter would match.
 */
export interface FilterTranslation {
  readonly pushed: StoreFilter | undefined;
  readonly residual: FilterNode<ResolvedAttribute> | undefined;
}

export interface ResourceMapping {
  /** What the datastore must index and keep unique for this resource type. */
  readonly plan: ResourcePlan;
  /**
   * SCIM → entry attributes. `resource` holds only client-owned attributes in canonical spelling
   * (extension values under their URN key); engine-owned fields (`id`, `meta`, `password`, `members`,
   * `groups`) never reach a mapping.
   */
  write(resource: JsonObject, context: MappingContext): Promise<EntryAttributes>;
  /** Entry → SCIM attributes (client-owned ones only; the engine adds `id`, `meta`, members, groups). */
  read(entry: StoredEntry, context: MappingContext): Promise<JsonObject>;
  translateFilter(filter: FilterNode<ResolvedAttribute>): FilterTranslation;
  /** The datastore attribute a sort key maps to, or undefined when it can only be sorted in memory. */
  translateAttribute(attribute: ResolvedAttribute): StoreAttribute | undefined;
  /**
   * The SCIM paths this mapping serves (PingFederate's read attribute contract, D-rcon, and the attributes
   * the engine keeps itself), which discovery advertises; undefined when it keeps the whole resource.
   */
  readonly servedPaths?: readonly ServedPath[] | undefined;
}
