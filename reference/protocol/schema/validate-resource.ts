// Input validation and normalisation of resources for POST (RFC 7644 §3.3), PUT (RFC 7644 §3.5.1) and the
// outcome of PATCH (RFC 7644 §3.5.2), against the live schema registry (RFC 7643 §2, §3, §7).
//
// Public API (types in validation-types.ts):
//   validateForCreate(registry, rt, body, options?)            → ValidationResult
//   validateForReplace(registry, rt, body, existing, options?) → ValidationResult
//   validateResource(registry, rt, resource, context, options?) → ValidationResult
//   defaultValidationOptions
// On failure, `errorFromIssues(result.issues)` is the one 400 to send. On success, `result.resource` is the
// normalised writable state (see validation-types.ts), ready for the write mapping; the server adds `id`
// and `meta`. Uniqueness (409) is the datastore's to enforce; `uniqueAttributes()` says what to index.
//
// The checks, in order: body shape and `schemas` (RFC 7643 §3) → names, types, null/[]/{} and readOnly
// (normalise-resource.ts) → immutable against `existing` (immutable.ts) → required, required extensions,
// one primary, enforced canonical values (resource-rules.ts). All issues are collected, none thrown.
import type { Issue } from "../errors/issues.js";
import type { JsonObject, JsonValue, ScimResource } from "../resource/json.js";
import { isJsonObject } from "../resource/json.js";
import { applyImmutable } from "./immutable.js";
import { normaliseResource } from "./normalise-resource.js";
import { checkPrimary, checkRequired, enforceCanonicalValues } from "./resource-rules.js";
import { containersOf, valuesOf } from "./schema-containers.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "./schema-definition.js";
import { coreSchemaUrns } from "./schema-definition.js";
import type { SchemaRegistry } from "./schema-registry.js";
import type { ValidationContext, ValidationOptions, ValidationResult } from "./validation-types.js";

export const defaultValidationOptions: ValidationOptions = Object.freeze({
  unknownAttributes: "ignore",
  enforcedCanonicalValues: Object.freeze([
    Object.freeze({ schema: coreSchemaUrns.group, path: "members.type" }),
  ]),
});

/** POST: a new resource from a client body (RFC 7644 §3.3). */
export function validateForCreate(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  body: unknown,
  options: Partial<ValidationOptions> = {},
): ValidationResult {
  return validateResource(registry, rt, body, { mode: "create" }, options);
}

/** PUT: a client body replacing `existing`, the stored resource in SCIM form (RFC 7644 §3.5.1). */
export function validateForReplace(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  body: unknown,
  existing: ScimResource,
  options: Partial<ValidationOptions> = {},
): ValidationResult {
  return validateResource(registry, rt, body, { mode: "replace", existing }, options);
}

/**
 * The general form. For `patch-result`, pass the resource the PATCH engine produced (it may still hold
 * `id`, `meta` and other readOnly values: they are dropped without being reported) and, to have immutable
 * values protected, the resource as it was before the PATCH as `existing`.
 */
export function validateResource(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  input: unknown,
  context: ValidationContext,
  options: Partial<ValidationOptions> = {},
): ValidationResult {
  const settings = { ...defaultValidationOptions, ...options };
  const fromClient = context.mode !== "patch-result";
  const { resource, issues, ignored } = normaliseResource(registry, rt, input, {
    options: settings,
    reportIgnored: fromClient,
    requireSchemas: fromClient,
  });
  if (issues.some((i) => i.path === "")) return { ok: false, issues };

  if (context.mode === "replace" && context.existing === undefined) {
    throw new TypeError("validateResource: mode 'replace' needs the existing resource");
  }
  const carriesOver = context.mode !== "create" && context.existing !== undefined;
  if (carriesOver) {
    // The stored resource is read leniently: it is the server's own data, only its spelling is aligned.
    const stored = normaliseResource(registry, rt, context.existing, {
      options: { ...settings, unknownAttributes: "ignore" },
      reportIgnored: false,
      requireSchemas: false,
    }).resource;
    applyImmutable(registry, rt, resource, stored, context.mode, issues);
  }
  checkRequired(registry, rt, resource, issues);
  checkPrimary(registry, rt, resource, issues);
  enforceCanonicalValues(registry, rt, resource, settings.enforcedCanonicalValues, issues);

  if (issues.length > 0) return { ok: false, issues: dedupe(issues) };
  // normaliseResource already writes every level in schema order; only values applyImmutable carried over
  // land out of place. Re-ordering a create would copy the whole resource for nothing, once per /Bulk user.
  const ordered = carriesOver ? canonicalOrder(registry, rt, resource) : (resource as ScimResource);
  return { ok: true, resource: ordered, ignored };
}

function dedupe(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}\u0000${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `schemas` first (rebuilt from the containers that hold values), then attributes in schema order, then the
 * extension containers in resource-type order. Carried-over immutable values land in their place.
 */
function canonicalOrder(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  resource: JsonObject,
): ScimResource {
  const out: JsonObject = { schemas: [] };
  const schemas: string[] = [];
  for (const container of containersOf(registry, rt)) {
    const values = valuesOf(resource, container);
    if (values === undefined) continue;
    const ordered = orderObject(container.defs, values);
    if (!container.extension) {
      schemas.push(container.urn);
      Object.assign(out, ordered);
    } else if (Object.keys(ordered).length > 0) {
      schemas.push(container.urn);
      out[container.urn] = ordered;
    }
  }
  out.schemas = schemas;
  return out;
}

function orderObject(defs: readonly AttributeDefinition[], values: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const def of defs) {
    const value = values[def.name];
    if (value === undefined) continue;
    out[def.name] = def.type === "complex" ? orderComplex(def, value) : value;
  }
  return out;
}

function orderComplex(def: AttributeDefinition, value: JsonValue): JsonValue {
  const subs = def.subAttributes ?? [];
  if (Array.isArray(value)) return value.map((v) => (isJsonObject(v) ? orderObject(subs, v) : v));
  return isJsonObject(value) ? orderObject(subs, value) : value;
}
