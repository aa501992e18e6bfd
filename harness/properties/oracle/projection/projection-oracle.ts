// The projection oracle: which attributes a representation must, must not, or may carry for given
// `attributes` / `excludedAttributes` (RFC 7644 §3.9, §3.4.2.5) and each attribute's `returned`
// characteristic (RFC 7643 §7):
// - always: returned whatever the parameters ("SHALL have no effect on attributes whose schema
//   'returned' setting is 'always'");
// - never: never returned;
// - default: returned unless `attributes` is given without it, or `excludedAttributes` names it;
// - request: returned only when `attributes` names it.
// A sub-attribute path ("name.givenName") selects or removes only that sub-attribute.
import type { JsonObject } from "../../json/json.js";
import { getCi, isObject, isUnassigned } from "../../json/json.js";
import { attributeValue } from "../../schema-model/resource-access.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import type { AttributeDef, ResolvedPath } from "../../schema-model/schema-model.js";

export interface ProjectionParams {
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}

export type Presence = "must" | "mustNot" | "may";

interface Selection {
  /** Lower-cased path keys of whole attributes named. */
  readonly whole: ReadonlySet<string>;
  /** Lower-cased path keys of sub-attributes named ("name.givenName"). */
  readonly subs: ReadonlySet<string>;
}

function select(type: ResourceTypeModel, paths: readonly string[] | undefined): Selection | undefined {
  if (paths === undefined || paths.length === 0) return undefined;
  const whole = new Set<string>();
  const subs = new Set<string>();
  for (const p of paths) {
    const resolved = type.resolve(p);
    if (resolved === undefined) continue; // RFC 7644 §3.9 does not make an unknown name an error
    if (resolved.sub === undefined) whole.add(resolved.attribute.path.toLowerCase());
    else subs.add(resolved.sub.path.toLowerCase());
  }
  return { whole, subs };
}

/** Whether a representation must, must not or may carry `attr` (and, for `sub`, that sub-attribute). */
export function presenceOf(
  type: ResourceTypeModel,
  params: ProjectionParams,
  attr: AttributeDef,
  sub?: AttributeDef,
): Presence {
  const target = sub ?? attr;
  if (attr.returned === "never" || target.returned === "never" || target.mutability === "writeOnly")
    return "mustNot";
  if (attr.returned === "always" || target.returned === "always") return "must";
  const attrKey = attr.path.toLowerCase();
  const subKey = sub?.path.toLowerCase();
  const included = select(type, params.attributes);
  if (included !== undefined) {
    const wholeNamed = included.whole.has(attrKey);
    const subNamed = subKey !== undefined && included.subs.has(subKey);
    if (sub === undefined) {
      const anySub = attr.subAttributes.some((s) => included.subs.has(s.path.toLowerCase()));
      return wholeNamed || anySub ? "must" : "mustNot";
    }
    if (subNamed) return "must";
    if (!wholeNamed) return "mustNot";
    return sub.returned === "request" ? "mustNot" : "must";
  }
  if (attr.returned === "request" || target.returned === "request") return "mustNot";
  const excluded = select(type, params.excludedAttributes);
  if (excluded?.whole.has(attrKey)) return "mustNot";
  if (subKey !== undefined && excluded?.subs.has(subKey)) return "mustNot";
  return "must";
}

function count(value: unknown, sub: AttributeDef | undefined): number {
  const elements = Array.isArray(value) ? value : isUnassigned(value) ? [] : [value];
  if (sub === undefined) return elements.filter((e) => !isUnassigned(e)).length;
  return elements.filter((e) => isObject(e) && !isUnassigned(getCi(e, sub.name))).length;
}

export interface ProjectionViolation {
  readonly path: string;
  readonly presence: Presence;
  /** Values (or sub-attribute occurrences) in the full representation and in the projected one. */
  readonly expected: number;
  readonly got: number;
}

/**
 * Compares a projected representation with the full one (what the resource holds, returned=request
 * values included when known): every `must` value is there as often as in the full one, no `mustNot`
 * value is there. The values themselves are judged by the round-trip properties, not here.
 */
export function projectionViolations(
  type: ResourceTypeModel,
  params: ProjectionParams,
  full: JsonObject,
  projected: JsonObject,
): ProjectionViolation[] {
  const out: ProjectionViolation[] = [];
  for (const { attribute: attr, schema, extension } of type.topLevel()) {
    const resolved: ResolvedPath = { schema, extension, attribute: attr, sub: undefined, target: attr };
    const had = attributeValue(full, resolved);
    const got = attributeValue(projected, resolved);
    const targets =
      attr.type === "complex"
        ? attr.subAttributes.map((s) => [s.path, s] as const)
        : [[attr.path, undefined] as const];
    for (const [path, sub] of targets) {
      const presence = presenceOf(type, params, attr, sub);
      if (presence === "may") continue;
      const expected = count(had, sub);
      const found = count(got, sub);
      if (presence === "must" && found < expected) out.push({ path, presence, expected, got: found });
      if (presence === "mustNot" && found > 0) out.push({ path, presence, expected: 0, got: found });
    }
  }
  return out;
}
