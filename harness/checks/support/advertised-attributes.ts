// Whether the target supports an attribute, going by its own /Schemas. RFC 7643 §7: the schemas "specify
// the attributes" a service provider supports, and §4.1 makes every User attribute but userName optional;
// a server that stores userName, name and a work e-mail conforms. So a check that writes and asserts on
// an attribute the target does not list is skipped with that reason, not failed, and fixture bodies leave
// unlisted attributes out (a strict server may refuse them). Where a schema could not be read, or lists a
// complex attribute without sub-attributes, the RFC's schema is assumed: nothing is skipped or left out.
import type { Discovery, SchemaAttributeInfo } from "../../engine/discovery.js";
import type { CheckContext } from "../check-context.js";

type Json = Record<string, unknown>;

const commonAttributes = new Set(["schemas", "id", "externalid", "meta"]);

/** `schemas` and the common attributes (RFC 7643 §3.1), which no schema lists. */
export const isCommonAttribute = (key: string): boolean => commonAttributes.has(key.toLowerCase());
const isUrn = (key: string) => key.toLowerCase().startsWith("urn:");

/** A need `path` or `path=value` of a resource type, split into the schema that holds it and the rest. */
function locate(
  discovery: Discovery,
  typeName: string,
  need: string,
): { schema: string; path: string; value: string | undefined; extension: boolean } | undefined {
  const type = discovery.resourceType(typeName);
  if (type === undefined) return undefined;
  const eq = need.indexOf("=");
  const [pathText, value] = eq < 0 ? [need, undefined] : [need.slice(0, eq), need.slice(eq + 1)];
  if (!isUrn(pathText)) return { schema: type.schema, path: pathText, value, extension: false };
  const colon = pathText.lastIndexOf(":");
  return { schema: pathText.slice(0, colon), path: pathText.slice(colon + 1), value, extension: true };
}

/**
 * Why the target does not support `need` of `typeName` ("displayName", "name.givenName", "emails.type=home",
 * "urn:…:enterprise:2.0:User:employeeNumber"), or undefined when it does or its schema is unknown. A
 * `=value` also needs the value among the attribute's canonicalValues when the target lists any.
 */
export function unadvertised(discovery: Discovery, typeName: string, need: string): string | undefined {
  const at = locate(discovery, typeName, need);
  if (at === undefined) return undefined;
  const offered = discovery
    .resourceType(typeName)
    ?.schemaExtensions.some((x) => x.schema.toLowerCase() === at.schema.toLowerCase());
  if (at.extension && offered !== true)
    return `the target's ${typeName} resource type does not offer the extension ${at.schema}`;
  if (discovery.schema(at.schema) === undefined) return undefined;
  let attributes: readonly SchemaAttributeInfo[] | undefined = discovery.schema(at.schema)?.attributes;
  let found: SchemaAttributeInfo | undefined;
  for (const name of at.path.split(".")) {
    if (found !== undefined && found.subAttributes.length === 0) return undefined;
    found = attributes?.find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (found === undefined)
      return `the target does not list ${typeName} attribute ${at.path} in /Schemas (RFC 7643 §7)`;
    attributes = found.subAttributes;
  }
  const value = at.value;
  if (value !== undefined && found !== undefined && found.canonicalValues.length > 0) {
    const listed = found.canonicalValues.some((v) => String(v).toLowerCase() === value.toLowerCase());
    if (!listed)
      return `the target's ${typeName} ${at.path} lists only ${found.canonicalValues.map((v) => JSON.stringify(v)).join(", ")} (canonicalValues, RFC 7643 §7), not "${value}"`;
  }
  return undefined;
}

/**
 * The first of `names` (single-valued User strings) the target lists, else externalId, a common attribute
 * every target has (RFC 7643 §3.1), with a note saying what stands in for what: for checks about a
 * behaviour (an ETag, a PUT answer, a PatchOp) that needs some string to change, not one in particular.
 */
export function listedStringOr(ctx: CheckContext, names: readonly string[]): string {
  const found = names.find((name) => unadvertised(ctx.discovery, "User", name) === undefined);
  if (found !== undefined) return found;
  ctx.note(`externalId stands in for ${names.join(", ")}: the target lists none of them in /Schemas`);
  return "externalId";
}

/**
 * Why the part of a check that needs the User attributes `needs` ("title", "emails.type=home") cannot run
 * on this target, noted as leaving `part` out; undefined when the part runs. For checks whose other parts
 * still assert something; one that depends on an attribute throughout declares it (`attributes`) instead.
 */
export function leftOut(ctx: CheckContext, part: string, needs: readonly string[]): string | undefined {
  const reason = firstUnadvertised(ctx.discovery, { User: needs });
  if (reason !== undefined) ctx.note(`left out ${part}: ${reason}`);
  return reason;
}

/** The first reason any of `needs` (per resource type) is not supported, or undefined. */
export function firstUnadvertised(
  discovery: Discovery,
  needs: Readonly<Record<string, readonly string[]>> | undefined,
): string | undefined {
  for (const [typeName, paths] of Object.entries(needs ?? {})) {
    for (const need of paths) {
      const reason = unadvertised(discovery, typeName, need);
      if (reason !== undefined) return reason;
    }
  }
  return undefined;
}

/**
 * `body` without what the target's schema for `typeName` does not list: attributes, sub-attributes,
 * extensions (and their URNs in `schemas`), and elements of a multi-valued attribute whose `type` is not
 * among its canonicalValues. The common attributes (`id`, `externalId`, `meta`) stay.
 */
export function fitToAdvertised(discovery: Discovery, typeName: string, body: Json): Json {
  const type = discovery.resourceType(typeName);
  const base = type === undefined ? undefined : discovery.schema(type.schema);
  if (type === undefined || base === undefined) return body;
  const out: Json = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (isCommonAttribute(key)) out[key] = value;
    else if (isUrn(key)) {
      const offered = type.schemaExtensions.find((x) => x.schema.toLowerCase() === key.toLowerCase());
      const schema = offered === undefined ? undefined : discovery.schema(offered.schema);
      if (offered === undefined) dropped.push(key.toLowerCase());
      else if (schema === undefined || !isObject(value)) out[key] = value;
      else out[key] = fitObject(schema.attributes, value);
    } else {
      const def = base.attributes.find((a) => a.name.toLowerCase() === key.toLowerCase());
      if (def !== undefined) out[key] = fitValue(def, value);
    }
  }
  if (Array.isArray(out.schemas) && dropped.length > 0)
    out.schemas = out.schemas.filter((s) => !dropped.includes(String(s).toLowerCase()));
  return out;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fitObject(attributes: readonly SchemaAttributeInfo[], value: Json): Json {
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const def = attributes.find((a) => a.name.toLowerCase() === key.toLowerCase());
    if (def !== undefined) out[key] = fitValue(def, v);
  }
  return out;
}

function fitValue(def: SchemaAttributeInfo, value: unknown): unknown {
  if (def.type !== "complex" || def.subAttributes.length === 0) return value;
  const fit = (element: unknown) => (isObject(element) ? fitObject(def.subAttributes, element) : element);
  if (!Array.isArray(value)) return fit(value);
  const typeDef = def.subAttributes.find((s) => s.name.toLowerCase() === "type");
  const allowed = typeDef?.canonicalValues.map((v) => String(v).toLowerCase()) ?? [];
  return value
    .filter(
      (element) =>
        allowed.length === 0 ||
        !isObject(element) ||
        typeof element.type !== "string" ||
        allowed.includes(element.type.toLowerCase()),
    )
    .map(fit);
}
