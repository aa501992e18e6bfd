// The harness's typed model of what a target says about its resources (RFC 7643 §6 ResourceTypes,
// §7 Schemas), built at run time from the discovery documents. Everything the property checks generate,
// compare, filter, patch, sort and project is driven by this model, so an extension nobody here has
// seen works as well as the core User: the only input is the target's own schema.

export const attributeTypes = [
  "string",
  "boolean",
  "decimal",
  "integer",
  "dateTime",
  "binary",
  "reference",
  "complex",
] as const;
export type AttributeType = (typeof attributeTypes)[number];

export const mutabilities = ["readOnly", "readWrite", "immutable", "writeOnly"] as const;
export type Mutability = (typeof mutabilities)[number];

export const returnedValues = ["always", "never", "default", "request"] as const;
export type Returned = (typeof returnedValues)[number];

export const uniquenessValues = ["none", "server", "global"] as const;
export type Uniqueness = (typeof uniquenessValues)[number];

/** One attribute or sub-attribute definition (RFC 7643 §7), with RFC 7643 §2.2 defaults applied. */
export interface AttributeDef {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues: readonly string[];
  readonly referenceTypes: readonly string[];
  readonly subAttributes: readonly AttributeDef[];
  /** URN of the schema that defines the attribute. */
  readonly schema: string;
  /** Name of the parent attribute for a sub-attribute (canonical case), undefined at the top level. */
  readonly parent: string | undefined;
  /**
   * The attribute's path key, used by every module and by the fidelity table: "userName",
   * "name.givenName", "emails.value" for the base schema; "<extension URN>:manager.value" for an
   * extension's attribute (RFC 7644 §3.10 URN-qualified notation). Names in the schema's own case.
   */
  readonly path: string;
}

export interface SchemaDef {
  readonly id: string;
  readonly name: string | undefined;
  readonly attributes: readonly AttributeDef[];
}

export interface ExtensionRef {
  readonly schema: SchemaDef;
  readonly required: boolean;
}

/** Where an attribute path points: the schema, the top-level attribute and, maybe, a sub-attribute. */
export interface ResolvedPath {
  readonly schema: SchemaDef;
  /** True when the schema is one of the resource type's extensions (values live under its URN key). */
  readonly extension: boolean;
  readonly attribute: AttributeDef;
  readonly sub: AttributeDef | undefined;
  /** `sub ?? attribute`. */
  readonly target: AttributeDef;
}

/**
 * A defect in what the target serves, or a characteristic it left out that RFC 7643 §2.2 defaults.
 * Findings never stop the model from being built: a property check runs on whatever could be read.
 */
export interface ModelFinding {
  readonly severity: "defect" | "defaulted";
  /** Stable code, e.g. "attribute.unknown-type", "resource-type.missing-schema". */
  readonly code: string;
  /** Where in the documents: "Schemas[urn:…:User].emails.type". */
  readonly where: string;
  readonly message: string;
}

/** Lower-cased name → definition, for RFC 7643 §2.1 case-insensitive lookup. */
export function indexByName(attributes: readonly AttributeDef[]): ReadonlyMap<string, AttributeDef> {
  const map = new Map<string, AttributeDef>();
  for (const a of attributes) if (!map.has(a.name.toLowerCase())) map.set(a.name.toLowerCase(), a);
  return map;
}

export function findAttribute(attributes: readonly AttributeDef[], name: string): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return attributes.find((a) => a.name.toLowerCase() === lower);
}

export function sameUrn(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
