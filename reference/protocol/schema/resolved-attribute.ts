// What a path means once it has been resolved against a resource type's schemas. Every consumer that
// needs types or caseExact (filter matcher, SQL compiler, projection, PATCH) works on these, never on
// the client's spelling.
import type { AttributeDefinition } from "./schema-definition.js";

export interface ResolvedAttribute {
  readonly kind: "attribute";
  /** URN of the schema that defines the top-level attribute (the base schema for common attributes). */
  readonly schema: string;
  /** True when `schema` is an extension of the resource type: its values sit under the URN key. */
  readonly extension: boolean;
  readonly attribute: AttributeDefinition;
  readonly subAttribute: AttributeDefinition | undefined;
  /** The definition of the value the path addresses: `subAttribute ?? attribute`. */
  readonly leaf: AttributeDefinition;
  /**
   * Canonical path: schema-defined spelling, dotted sub-attribute, URN prefix only for extensions,
   * e.g. "userName", "name.givenName", "emails.value",
   * "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value".
   */
  readonly path: string;
}

/** A path that names a whole extension schema, e.g. `attributes=urn:…:enterprise:2.0:User`. */
export interface ResolvedSchemaRef {
  readonly kind: "schema";
  readonly schema: string;
  readonly extension: boolean;
}
