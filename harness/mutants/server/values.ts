// Turning a request body into the stored, canonical form (RFC 7643 §2, §3, §7): attribute names
// matched case-insensitively and stored under their schema names, values type-checked, null and []
// unassigned, readOnly input ignored (RFC 7644 §3.3, §3.5.1), unknown attributes ignored.
import type { Json } from "./json-value.js";
import { isObject, isUnassigned, keyCi } from "./json-value.js";
import type { Quirks } from "./quirks.js";
import type { AttrDef, TypeDef } from "./schema-model.js";
import { commonAttributes, extensionOf, findCi } from "./schema-model.js";
import { fail } from "./scim-failure.js";

const base64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export interface ValueOptions {
  /** Entra sends "True"/"False" strings for booleans in PATCH (interop.entra.patch-string-booleans). */
  readonly stringBooleans?: boolean;
  readonly quirks: Quirks;
}

function simpleValue(def: AttrDef, value: unknown, where: string, options: ValueOptions): unknown {
  // The mutant coerces whatever it gets instead of refusing a wrong JSON type.
  if (
    options.quirks.has("lenientTypes") &&
    typeof value === "object" &&
    value !== null &&
    def.type !== "complex"
  ) {
    return JSON.stringify(value);
  }
  if (options.quirks.has("lenientTypes") && def.type === "boolean" && typeof value !== "boolean")
    return Boolean(value);
  switch (def.type) {
    case "string":
    case "reference":
      if (typeof value !== "string") throw fail.invalidValue(`${where} must be a string`);
      return value;
    case "binary":
      if (typeof value !== "string" || !base64.test(value))
        throw fail.invalidValue(`${where} must be base64`);
      return value;
    case "boolean":
      if (typeof value === "boolean") return value;
      if (options.stringBooleans && typeof value === "string" && /^(true|false)$/i.test(value))
        return value.toLowerCase() === "true";
      throw fail.invalidValue(`${where} must be a boolean`);
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value))
        throw fail.invalidValue(`${where} must be an integer`);
      return value;
    case "decimal":
      if (typeof value !== "number") throw fail.invalidValue(`${where} must be a number`);
      return value;
    case "dateTime":
      if (typeof value !== "string" || Number.isNaN(Date.parse(value)))
        throw fail.invalidValue(`${where} must be an xsd:dateTime`);
      return value;
    default:
      return value;
  }
}

function singleValue(def: AttrDef, value: unknown, where: string, options: ValueOptions): unknown {
  if (value === null)
    return options.quirks.has("nullNotUnassigned") && def.type === "string" ? "null" : undefined;
  if (def.type !== "complex") return simpleValue(def, value, where, options);
  if (!isObject(value)) {
    if (options.quirks.has("lenientTypes") && typeof value === "string") return { formatted: value };
    throw fail.invalidValue(`${where} must be a complex value (a JSON object)`);
  }
  const out: Json = {};
  for (const [key, raw] of Object.entries(value)) {
    const sub = findCi(def.subAttributes, key);
    if (sub === undefined || raw === null) continue;
    if (options.quirks.has("caseSensitiveAttributeNames") && sub.name !== key) continue;
    out[sub.name] = simpleValue(sub, raw, `${where}.${sub.name}`, options);
    // The mutant rewrites type values it does not know to "other".
    if (
      options.quirks.has("canonicalTypeRewritten") &&
      sub.name === "type" &&
      sub.canonicalValues &&
      !sub.canonicalValues.includes(String(raw))
    ) {
      out[sub.name] = "other";
    }
  }
  return isUnassigned(out) ? undefined : out;
}

function identity(def: AttrDef, value: unknown): string {
  if (!isObject(value))
    return JSON.stringify(def.caseExact || typeof value !== "string" ? value : value.toLowerCase());
  return JSON.stringify([value.type ?? null, value.value ?? null]);
}

/** One attribute's value in stored form, or undefined when it is unassigned. */
export function normaliseValue(def: AttrDef, value: unknown, where: string, options: ValueOptions): unknown {
  if (value === null && options.quirks.has("nullNotUnassigned") && def.type === "string" && !def.multiValued)
    return "null";
  if (value === null || value === undefined) return undefined;
  if (!def.multiValued) {
    if (Array.isArray(value)) throw fail.invalidValue(`${where} is single-valued`);
    return singleValue(def, value, where, options);
  }
  const items = Array.isArray(value) ? value : [value];
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    const v = singleValue(def, item, `${where}[${i}]`, options);
    if (v === undefined) continue;
    // RFC 7643 §2.4: the same (type, value) pair is not returned twice.
    const key = identity(def, v);
    if (seen.has(key) && !options.quirks.has("duplicateValues")) continue;
    seen.add(key);
    out.push(v);
  }
  if (def.type === "complex") {
    const primaries = out.filter((v) => isObject(v) && v.primary === true);
    if (primaries.length > 1 && !options.quirks.has("multiplePrimaries"))
      throw fail.invalidValue(`${where}: primary=true appears more than once (RFC 7643 §2.4)`);
  }
  return out.length > 0 ? out : undefined;
}

function writable(def: AttrDef): boolean {
  return def.mutability !== "readOnly";
}

/**
 * The stored attributes of a POST or PUT body. `schemas` must name the base schema; id, meta and
 * readOnly attributes are ignored; required attributes must be present.
 */
export function normaliseBody(type: TypeDef, body: unknown, options: ValueOptions): Json {
  if (!isObject(body)) throw fail.invalidSyntax("the body must be a JSON object");
  const schemas = body[keyCi(body, "schemas") ?? "schemas"];
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === "string" && s.toLowerCase() === type.schema.id.toLowerCase())
  ) {
    throw fail.invalidSyntax(`"schemas" must contain ${type.schema.id}`);
  }
  const out: Json = {};
  for (const [key, raw] of Object.entries(body)) {
    const lower = key.toLowerCase();
    if (lower === "schemas" || lower === "id" || lower === "meta") continue;
    const extension = extensionOf(type, key);
    if (extension !== undefined) {
      if (raw === null) continue;
      if (!isObject(raw)) throw fail.invalidValue(`${key} must be an object`);
      const ext: Json = {};
      for (const [k, v] of Object.entries(raw)) {
        const def = findCi(extension.attributes, k);
        if (def === undefined || !writable(def)) continue;
        const value = normaliseValue(def, v, `${extension.id}:${def.name}`, options);
        if (value !== undefined) ext[def.name] = value;
      }
      if (Object.keys(ext).length > 0) out[extension.id] = ext;
      continue;
    }
    const candidates = [...type.schema.attributes, ...commonAttributes];
    const def = options.quirks.has("caseSensitiveAttributeNames")
      ? candidates.find((a) => a.name === key)
      : findCi(candidates, key);
    if (def === undefined) {
      if (options.quirks.has("echoUnknownAttributes")) out[key] = raw;
      continue;
    }
    if (!writable(def)) continue;
    const value = normaliseValue(def, raw, def.name, options);
    if (value !== undefined) out[def.name] = value;
  }
  for (const def of type.schema.attributes) {
    if (def.required && out[def.name] === undefined && !options.quirks.has("noRequiredCheck")) {
      if (options.quirks.has("requiredCheckWrongType")) throw fail.invalidSyntax(`"${def.name}" is required`);
      throw fail.invalidValue(`"${def.name}" is required`);
    }
  }
  return out;
}
