// The schemas the in-memory mutant server serves and enforces: the RFC 7643 §8.7 User, Group and
// Enterprise User schemas from spec/schemas/, plus one small test extension that gives the harness an
// immutable, an integer, a returned=request and a uniqueness=server attribute to work on (the
// standard schemas have none of these at the top level). The harness shares spec/ with the reference
// server; this file reads it, it never imports reference/.
import { readFileSync } from "node:fs";

export interface AttrDef {
  readonly name: string;
  readonly type: string;
  readonly multiValued: boolean;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: string;
  readonly returned: string;
  readonly uniqueness: string;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttrDef[];
  readonly description?: string;
}

export interface SchemaDef {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttrDef[];
}

function load(file: string): SchemaDef {
  const raw = JSON.parse(readFileSync(new URL(`../../../spec/schemas/${file}`, import.meta.url), "utf8")) as {
    id: string;
    name: string;
    description: string;
    attributes: AttrDef[];
  };
  return { id: raw.id, name: raw.name, description: raw.description, attributes: raw.attributes };
}

function simple(name: string, overrides: Partial<AttrDef> = {}): AttrDef {
  return {
    name,
    type: "string",
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    description: name,
    ...overrides,
  };
}

export const userSchema = load("user.schema.json");
export const groupSchema = load("group.schema.json");
export const enterpriseSchema = load("enterprise-user.schema.json");
export const testExtensionUrn = "urn:scimc:params:scim:schemas:extension:test:2.0:User";
export const testExtensionSchema: SchemaDef = {
  id: testExtensionUrn,
  name: "TestUser",
  description: "Attributes with the characteristics the standard schemas lack at the top level",
  attributes: [
    simple("badge", { mutability: "immutable", caseExact: true }),
    simple("clearance", { type: "integer" }),
    simple("secretQuestion", { returned: "request" }),
    simple("employeeCode", { uniqueness: "server", caseExact: true }),
  ],
};

/** RFC 7643 §3.1 common attributes; not listed in the resource schemas (spec/schemas/README.md). */
export const commonAttributes: readonly AttrDef[] = [
  simple("id", { caseExact: true, mutability: "readOnly", returned: "always", uniqueness: "server" }),
  simple("externalId", { caseExact: true }),
  {
    ...simple("meta", { type: "complex", mutability: "readOnly" }),
    subAttributes: [
      simple("resourceType", { mutability: "readOnly", caseExact: true }),
      simple("created", { type: "dateTime", mutability: "readOnly" }),
      simple("lastModified", { type: "dateTime", mutability: "readOnly" }),
      simple("location", { type: "reference", mutability: "readOnly", caseExact: true }),
      simple("version", { mutability: "readOnly", caseExact: true }),
    ],
  },
];

export interface TypeDef {
  readonly name: "User" | "Group";
  readonly endpoint: string;
  readonly schema: SchemaDef;
  readonly extensions: readonly SchemaDef[];
}

export const userType: TypeDef = {
  name: "User",
  endpoint: "/Users",
  schema: userSchema,
  extensions: [enterpriseSchema, testExtensionSchema],
};
export const groupType: TypeDef = { name: "Group", endpoint: "/Groups", schema: groupSchema, extensions: [] };

export function findCi<T extends { readonly name: string }>(
  list: readonly T[] | undefined,
  name: string,
): T | undefined {
  const lower = name.toLowerCase();
  return list?.find((a) => a.name.toLowerCase() === lower);
}

/** Where an attribute lives: top level (`container` undefined) or inside an extension object. */
export interface Resolved {
  readonly container: string | undefined;
  readonly attr: AttrDef;
  readonly sub: AttrDef | undefined;
}

/**
 * Resolves "userName", "name.givenName", "emails.value", a URN-qualified core name or an extension
 * attribute ("urn:…:enterprise:2.0:User:manager.value", RFC 7644 §3.10), case-insensitively.
 */
export function resolvePath(type: TypeDef, path: string): Resolved | undefined {
  let container: string | undefined;
  let rest = path;
  if (/^urn:/i.test(path)) {
    const schemas = [type.schema, ...type.extensions];
    const owner = schemas
      .filter((s) => path.toLowerCase().startsWith(`${s.id.toLowerCase()}:`))
      .sort((a, b) => b.id.length - a.id.length)[0];
    if (owner === undefined) return undefined;
    rest = path.slice(owner.id.length + 1);
    container = owner === type.schema ? undefined : owner.id;
  }
  const [head = "", sub, ...more] = rest.split(".");
  if (more.length > 0) return undefined;
  const pool =
    container === undefined
      ? [...type.schema.attributes, ...commonAttributes]
      : (type.extensions.find((e) => e.id === container)?.attributes ?? []);
  const attr = findCi(pool, head);
  if (attr === undefined) return undefined;
  if (sub === undefined) return { container, attr, sub: undefined };
  const subDef = findCi(attr.subAttributes, sub);
  return subDef === undefined ? undefined : { container, attr, sub: subDef };
}

/** The extension schema whose URN is `key` (case-insensitively), if any. */
export function extensionOf(type: TypeDef, key: string): SchemaDef | undefined {
  return type.extensions.find((e) => e.id.toLowerCase() === key.toLowerCase());
}
