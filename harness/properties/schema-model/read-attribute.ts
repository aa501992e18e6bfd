// Reads one attribute definition of a target's /Schemas document (RFC 7643 §7) without trusting it.
// A characteristic that is missing takes its RFC 7643 §2.2 default and is recorded as "defaulted";
// one that is present but invalid (an unknown type, `multiValued: "yes"`) takes the default too and is
// recorded as a "defect". Only an attribute with no usable name is dropped.
import type { JsonObject } from "../json/json.js";
import { getCi, isObject } from "../json/json.js";
import type {
  AttributeDef,
  AttributeType,
  ModelFinding,
  Mutability,
  Returned,
  Uniqueness,
} from "./schema-model.js";
import { attributeTypes, mutabilities, returnedValues, uniquenessValues } from "./schema-model.js";

/** RFC 7643 §2.1 ATTRNAME = ALPHA *(nameChar); "$ref" is the one allowed exception (§2.4 sub-attributes). */
const attrName = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

export interface AttributeContext {
  readonly schema: string;
  readonly parent: string | undefined;
  /** Path prefix for `path`: "" for a base-schema attribute, "<urn>:" for an extension's. */
  readonly pathPrefix: string;
  /** For findings: "Schemas[urn:…:User]". */
  readonly where: string;
  readonly findings: ModelFinding[];
}

function pickEnum<T extends string>(
  raw: JsonObject,
  key: string,
  allowed: readonly T[],
  fallback: T,
  ctx: AttributeContext,
  where: string,
): T {
  const value = getCi(raw, key);
  if (value === undefined) {
    ctx.findings.push({
      severity: "defaulted",
      code: `attribute.missing-${key.toLowerCase()}`,
      where,
      message: `"${key}" is missing; RFC 7643 §2.2 default "${fallback}" assumed`,
    });
    return fallback;
  }
  // Characteristic values are compared case-insensitively: "readwrite" still means readWrite.
  const match =
    typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
  if (match === undefined) {
    ctx.findings.push({
      severity: "defect",
      code: `attribute.invalid-${key.toLowerCase()}`,
      where,
      message: `"${key}" is ${JSON.stringify(value)}, not one of ${allowed.join(", ")}; "${fallback}" assumed`,
    });
    return fallback;
  }
  return match;
}

function pickBoolean(raw: JsonObject, key: string, ctx: AttributeContext, where: string): boolean {
  const value = getCi(raw, key);
  if (typeof value === "boolean") return value;
  ctx.findings.push(
    value === undefined
      ? {
          severity: "defaulted",
          code: `attribute.missing-${key.toLowerCase()}`,
          where,
          message: `"${key}" is missing; false assumed (RFC 7643 §2.2 defaults)`,
        }
      : {
          severity: "defect",
          code: `attribute.invalid-${key.toLowerCase()}`,
          where,
          message: `"${key}" is ${JSON.stringify(value)}, not a boolean; false assumed`,
        },
  );
  return false;
}

function stringList(raw: JsonObject, key: string, ctx: AttributeContext, where: string): string[] {
  const value = getCi(raw, key);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    ctx.findings.push({
      severity: "defect",
      code: `attribute.invalid-${key.toLowerCase()}`,
      where,
      message: `"${key}" is ${JSON.stringify(value)}, not an array of strings; ignored`,
    });
    return [];
  }
  const strings = value.filter((v): v is string => typeof v === "string");
  if (strings.length !== value.length) {
    ctx.findings.push({
      severity: "defect",
      code: `attribute.invalid-${key.toLowerCase()}`,
      where,
      message: `"${key}" holds non-string entries; they are ignored`,
    });
  }
  return strings;
}

/** Parses one attribute; undefined (with a defect) when it has no usable name. */
export function readAttribute(raw: unknown, index: number, ctx: AttributeContext): AttributeDef | undefined {
  const base = `${ctx.where}${ctx.parent ? `.${ctx.parent}` : ""}`;
  if (!isObject(raw)) {
    ctx.findings.push({
      severity: "defect",
      code: "attribute.not-an-object",
      where: `${base}[${index}]`,
      message: `attribute definition is ${JSON.stringify(raw)}, not an object; skipped`,
    });
    return undefined;
  }
  const name = getCi(raw, "name");
  if (typeof name !== "string" || name.length === 0) {
    ctx.findings.push({
      severity: "defect",
      code: "attribute.missing-name",
      where: `${base}[${index}]`,
      message: `attribute definition has no "name"; skipped`,
    });
    return undefined;
  }
  const where = `${base}.${name}`;
  if (!attrName.test(name)) {
    ctx.findings.push({
      severity: "defect",
      code: "attribute.invalid-name",
      where,
      message: `"${name}" is not an RFC 7643 §2.1 ATTRNAME; used as given`,
    });
  }
  const type: AttributeType = pickEnum(raw, "type", attributeTypes, "string", ctx, where);
  const mutability: Mutability = pickEnum(raw, "mutability", mutabilities, "readWrite", ctx, where);
  const returned: Returned = pickEnum(raw, "returned", returnedValues, "default", ctx, where);
  const uniqueness: Uniqueness = pickEnum(raw, "uniqueness", uniquenessValues, "none", ctx, where);
  const multiValued = pickBoolean(raw, "multiValued", ctx, where);
  const required = pickBoolean(raw, "required", ctx, where);
  const caseExact = pickBoolean(raw, "caseExact", ctx, where);
  const path = `${ctx.pathPrefix}${ctx.parent ? `${ctx.parent}.` : ""}${name}`;
  let subAttributes: AttributeDef[] = [];
  const rawSubs = getCi(raw, "subAttributes");
  if (type === "complex") {
    if (ctx.parent !== undefined) {
      // RFC 7643 §2.3.8: "A complex attribute MUST NOT contain sub-attributes that have sub-attributes".
      ctx.findings.push({
        severity: "defect",
        code: "attribute.nested-complex",
        where,
        message:
          "a sub-attribute of type complex is not allowed (RFC 7643 §2.3.8); its sub-attributes are ignored",
      });
    } else if (!Array.isArray(rawSubs) || rawSubs.length === 0) {
      ctx.findings.push({
        severity: "defect",
        code: "attribute.complex-without-sub-attributes",
        where,
        message:
          "complex attribute declares no subAttributes; the harness cannot generate or compare its values",
      });
    } else {
      const subCtx = { ...ctx, parent: name };
      subAttributes = rawSubs
        .map((s, i) => readAttribute(s, i, subCtx))
        .filter((s): s is AttributeDef => s !== undefined);
      subAttributes = dropDuplicates(subAttributes, where, ctx.findings);
    }
  } else if (Array.isArray(rawSubs) && rawSubs.length > 0) {
    ctx.findings.push({
      severity: "defect",
      code: "attribute.sub-attributes-on-simple",
      where,
      message: `attribute of type ${type} declares subAttributes; they are ignored`,
    });
  }
  return Object.freeze({
    name,
    type,
    multiValued,
    required,
    caseExact,
    mutability,
    returned,
    uniqueness,
    canonicalValues: Object.freeze(stringList(raw, "canonicalValues", ctx, where)),
    referenceTypes: Object.freeze(type === "reference" ? stringList(raw, "referenceTypes", ctx, where) : []),
    subAttributes: Object.freeze(subAttributes),
    schema: ctx.schema,
    parent: ctx.parent,
    path,
  });
}

/** Keeps the first of attributes whose names differ only in case (RFC 7643 §2.1 makes them one name). */
export function dropDuplicates(
  attributes: readonly AttributeDef[],
  where: string,
  findings: ModelFinding[],
): AttributeDef[] {
  const seen = new Set<string>();
  const kept: AttributeDef[] = [];
  for (const a of attributes) {
    const key = a.name.toLowerCase();
    if (seen.has(key)) {
      findings.push({
        severity: "defect",
        code: "attribute.duplicate-name",
        where: `${where}.${a.name}`,
        message: `"${a.name}" is declared more than once (names are case-insensitive, RFC 7643 §2.1); the first wins`,
      });
      continue;
    }
    seen.add(key);
    kept.push(a);
  }
  return kept;
}
