// One resource type's pair of mappings as the engine runs them (PingFederate `writeUsers` + `readUsers`, or
// `writeGroups` + `readGroups`), and what compiling them takes. compile-resource-mapping.ts builds them and
// read-contract.ts checks the read side against the write side: both use these shapes, so they live here,
// apart from either.
import type { ResourceTypeDefinition } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import type { ExpressionLimits } from "./expression-sandbox.js";
import type { MappedResource, ReadSource, WriteSource } from "./fulfillment-source.js";
import type { ContractAttribute } from "./inbound-provisioning.js";
import type { MappingPath } from "./mapping-path.js";

export interface WriteSlot {
  /** The datastore attribute written (the fulfillment key). */
  readonly storeAttribute: string;
  readonly source: WriteSource;
  /**
   * For a path across a multi-valued attribute (`emails.value`, `emails.work.value`): whether no other write
   * slot takes another sub-attribute of the same elements, so values are stored without null placeholders.
   */
  readonly compact: boolean;
}

export interface ReadSlot {
  readonly path: MappingPath;
  readonly source: ReadSource;
  readonly masked: boolean;
  /**
   * A direct mapping: the store attribute is written from exactly this SCIM path and read back into exactly
   * this path, so a filter or sort on the path can run on the store attribute.
   */
  readonly direct: boolean;
  /** The write slot of a direct mapping. */
  readonly written: WriteSlot | undefined;
}

export interface CompiledResourceMapping {
  readonly registry: SchemaRegistry;
  readonly resourceType: ResourceTypeDefinition;
  readonly write: readonly WriteSlot[];
  readonly read: readonly ReadSlot[];
  /** PingFederate's computed `coreAttributes`: the SCIM paths the write mapping reads. */
  readonly coreAttributes: readonly string[];
  readonly extendedAttributes: readonly ContractAttribute[];
}

export interface ResourceMappingInput {
  readonly registry: SchemaRegistry;
  readonly resourceType: ResourceTypeDefinition;
  readonly resource: MappedResource;
  readonly repositoryType: "LDAP" | "IDENTITY_STORE" | undefined;
  readonly limits: ExpressionLimits;
  /** The `writeUsers`/`writeGroups` and `readUsers`/`readGroups` objects as configured. */
  readonly write: unknown;
  readonly read: unknown;
  /** Issue paths of those two objects, e.g. `inboundProvisioning.users.writeUsers`. */
  readonly writePath: string;
  readonly readPath: string;
}
