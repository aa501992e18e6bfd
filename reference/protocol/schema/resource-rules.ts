// Rules over a whole normalised resource, after names and types are settled: required attributes
// (RFC 7643 §2.2, §7; RFC 7644 §3.3, §3.5.1), required schema extensions (RFC 7643 §6), at most one
// `primary: true` (RFC 7643 §2.4) and the canonical values the server gives a meaning to (RFC 7643 §7,
// §4.2). Each rule appends issues; the resource is only rewritten to canonical spellings.
import type { Issue } from "../errors/issues.js";
import { issue } from "../errors/issues.js";
import type { JsonObject, JsonValue } from "../resource/json.js";
import { isJsonObject } from "../resource/json.js";
import { isUnassigned } from "./normalise-resource.js";
import { containersFor, containersOf, valuesOf } from "./schema-containers.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "./schema-definition.js";
import type { SchemaRegistry } from "./schema-registry.js";
import type { EnforcedCanonicalValues } from "./validation-types.js";

const lower = (s: string) => s.toLowerCase();

/** True when an earlier issue already concerns `path` or something inside it: one problem, one report. */
function reported(issues: readonly Issue[], path: string): boolean {
  return issues.some(
    (i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`),
  );
}

/**
 * A required attribute must have a value on create and replace (RFC 7644 §3.5.1: "If an attribute is
 * required, clients MUST specify the attribute in the PUT request"), except readOnly ones, which the
 * server supplies. An empty string does not count as a value: RFC 7643 §4.1.1 asks for "a non-empty
 * userName", and the same reading is applied to every required string. Required sub-attributes are
 * required within each value of their complex parent that is present. A schema extension the resource
 * type marks `required` must be present (RFC 7643 §6).
 */
export function checkRequired(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  resource: JsonObject,
  issues: Issue[],
): void {
  for (const container of containersOf(registry, rt)) {
    const values = valuesOf(resource, container);
    if (values === undefined) {
      if (container.required && !reported(issues, container.urn)) {
        issues.push(
          issue(
            "invalidValue",
            container.urn,
            `resource type ${rt.name} requires this schema extension (RFC 7643 §6)`,
          ),
        );
      }
      continue;
    }
    checkRequiredIn(container.defs, values, (n) => `${container.prefix}${n}`, issues);
  }
}

/**
 * The part of an attribute list a rule can concern, computed once per list (the registry's lists live as
 * long as it does) instead of once per resource: User has about twenty attributes, of which a /Bulk
 * user's checks need about ten.
 */
function partOnce(
  keep: (def: AttributeDefinition) => boolean,
): (defs: readonly AttributeDefinition[]) => readonly AttributeDefinition[] {
  const memo = new WeakMap<readonly AttributeDefinition[], readonly AttributeDefinition[]>();
  return (defs) => {
    let kept = memo.get(defs);
    if (kept === undefined) {
      kept = defs.filter(keep);
      memo.set(defs, kept);
    }
    return kept;
  };
}

/** What checkRequiredIn looks at: client-writable attributes that are required, or complex (a sub may be). */
const requiredOrComplex = partOnce(
  (d) => d.mutability !== "readOnly" && (d.required || d.type === "complex"),
);

function checkRequiredIn(
  defs: readonly AttributeDefinition[],
  values: JsonObject,
  pathOf: (name: string) => string,
  issues: Issue[],
): void {
  for (const def of requiredOrComplex(defs)) {
    const value = values[def.name];
    const missing = def.required && !hasValue(value);
    const nested = def.type === "complex" && value !== undefined;
    // Paths are only built for what may be reported or walked into: most attributes are neither.
    if (!missing && !nested) continue;
    const path = pathOf(def.name);
    if (missing && !reported(issues, path)) {
      issues.push(issue("invalidValue", path, "is required and has no value (RFC 7643 §7, RFC 7644 §3.3)"));
    }
    if (!nested) continue;
    const subs = def.subAttributes ?? [];
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isJsonObject(item)) checkRequiredIn(subs, item, (n) => `${path}[${i}].${n}`, issues);
      });
    } else if (isJsonObject(value)) {
      checkRequiredIn(subs, value, (n) => `${path}.${n}`, issues);
    }
  }
}

function hasValue(value: JsonValue | undefined): boolean {
  return !isUnassigned(value) && value !== "";
}

/** The multi-valued attributes that define a boolean `primary`. */
const withPrimary = partOnce(
  (d) => d.multiValued && d.subAttributes?.some((s) => s.name === "primary" && s.type === "boolean") === true,
);

/**
 * RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once." Checked for every
 * multi-valued complex attribute that defines a boolean `primary` sub-attribute. `primary: false` is a
 * value like any other and is kept as sent (only null, [] and absent are equivalent, RFC 7643 §2.5).
 */
export function checkPrimary(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  resource: JsonObject,
  issues: Issue[],
): void {
  for (const container of containersOf(registry, rt)) {
    const values = valuesOf(resource, container);
    if (values === undefined) continue;
    for (const def of withPrimary(container.defs)) {
      const items = values[def.name];
      if (!Array.isArray(items)) continue;
      const count = items.filter((item) => isJsonObject(item) && item.primary === true).length;
      if (count > 1) {
        issues.push(
          issue(
            "invalidValue",
            `${container.prefix}${def.name}`,
            `has ${count} values with "primary": true; at most one is allowed (RFC 7643 §2.4)`,
          ),
        );
      }
    }
  }
}

/**
 * canonicalValues are suggestions (RFC 7643 §7), so they are enforced only for the attributes listed in
 * the options, whose values the server acts on. A caseExact=false value is rewritten to the canonical
 * spelling ("user" → "User"), so that the datastore and the response agree on one spelling.
 */
export function enforceCanonicalValues(
  registry: SchemaRegistry,
  rt: ResourceTypeDefinition,
  resource: JsonObject,
  enforced: readonly EnforcedCanonicalValues[],
  issues: Issue[],
): void {
  if (enforced.length === 0) return;
  const { byLowerUrn } = containersFor(registry, rt);
  for (const rule of enforced) {
    const container = byLowerUrn.get(lower(rule.schema));
    if (container === undefined) continue;
    const [name, subName] = rule.path.split(".", 2);
    const def = container.defs.find((d) => lower(d.name) === lower(name ?? ""));
    const leaf =
      subName === undefined ? def : def?.subAttributes?.find((s) => lower(s.name) === lower(subName));
    const values = valuesOf(resource, container);
    if (def === undefined || leaf === undefined || values === undefined || leaf.canonicalValues === undefined)
      continue;
    const allowed = leaf.canonicalValues;
    const fix = (value: JsonValue, path: string): JsonValue => {
      const fixed = canonical(value, allowed, leaf.caseExact);
      if (fixed !== undefined) return fixed;
      const list = allowed.map((v) => `"${v}"`).join(", ");
      issues.push(issue("invalidValue", path, `must be one of ${list} (RFC 7643 §7 canonicalValues; §4.2)`));
      return value;
    };
    const check = (holder: JsonObject, key: string, path: string) => {
      const value = holder[key];
      if (value === undefined) return;
      holder[key] = Array.isArray(value) ? value.map((v, i) => fix(v, `${path}[${i}]`)) : fix(value, path);
    };
    const top = values[def.name];
    const parents = subName === undefined ? [values] : Array.isArray(top) ? top : [top];
    parents.forEach((parent, i) => {
      if (!isJsonObject(parent)) return;
      const base = `${container.prefix}${def.name}`;
      const at = Array.isArray(top) ? `${base}[${i}]` : base;
      if (subName === undefined) check(parent, def.name, base);
      else check(parent, leaf.name, `${at}.${leaf.name}`);
    });
  }
}

function canonical(
  value: JsonValue | undefined,
  allowed: readonly string[],
  caseExact: boolean,
): string | undefined {
  if (typeof value !== "string") return undefined;
  return allowed.find((v) => (caseExact ? v === value : lower(v) === lower(value)));
}
