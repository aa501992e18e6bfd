// Value filters in PATCH paths (RFC 7644 §3.5.2: `valuePath` selects "specific values of a complex
// multi-valued attribute"): resolve the filter's names as sub-attributes of the selected attribute, and
// test one value against it. Comparison semantics are the filter engine's own (compare-values.ts), so
// `emails[type eq "WORK"]` selects exactly the values a `filter=emails[type eq "WORK"]` search would see.
import { applyOperator, comparisonKey } from "../filter/compare-values.js";
import type { FilterNode } from "../filter/filter-node.js";
import type { AttrPath } from "../path/attr-path.js";
import { isJsonObject, type JsonValue } from "../resource/json.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";
import type { SchemaRegistry } from "../schema/schema-registry.js";

const lower = (s: string) => s.toLowerCase();

/** A sub-attribute a value filter names, or a message saying why the name is not one. */
type SubResolution = ResolvedAttribute | string;

function resolveSubName(registry: SchemaRegistry, parent: ResolvedAttribute, path: AttrPath): SubResolution {
  // `emails[type eq "work"]` names `type`; a client may also spell it in full (`emails.type`, or with the
  // schema URN): both must land on a sub-attribute of the selected attribute.
  if (path.schema === undefined && path.subAttr === undefined) {
    return (
      registry.resolveSub(parent, path.name) ?? `"${path.name}" is not a sub-attribute of ${parent.path}`
    );
  }
  const full = path.subAttr !== undefined && lower(path.name) === lower(parent.attribute.name);
  const sameSchema = path.schema === undefined || lower(path.schema) === lower(parent.schema);
  const sub =
    full && sameSchema && path.subAttr !== undefined ? registry.resolveSub(parent, path.subAttr) : undefined;
  return sub ?? `"${printName(path)}" is not a sub-attribute of ${parent.path}`;
}

function printName(path: AttrPath): string {
  const local = path.subAttr === undefined ? path.name : `${path.name}.${path.subAttr}`;
  return path.schema === undefined ? local : `${path.schema}:${local}`;
}

/**
 * Resolves the names in a PATCH path's value filter against the selected attribute. Returns the resolved
 * filter, or a message for a 400 `invalidPath` (RFC 7644 §3.12: the path "was invalid or malformed").
 */
export function resolveValueFilter(
  registry: SchemaRegistry,
  parent: ResolvedAttribute,
  filter: FilterNode<AttrPath>,
): FilterNode<ResolvedAttribute> | string {
  switch (filter.kind) {
    case "compare": {
      const attr = resolveSubName(registry, parent, filter.attr);
      if (typeof attr === "string") return attr;
      const type = attr.leaf.type;
      // RFC 7644 §3.4.2.2: gt/ge/lt/le on boolean or binary values are errors, not empty results.
      if (["gt", "ge", "lt", "le"].includes(filter.op) && (type === "boolean" || type === "binary")) {
        return `"${filter.op}" cannot order ${type} values of ${attr.path} (RFC 7644 §3.4.2.2)`;
      }
      return Object.freeze({ ...filter, attr });
    }
    case "present": {
      const attr = resolveSubName(registry, parent, filter.attr);
      return typeof attr === "string" ? attr : Object.freeze({ ...filter, attr });
    }
    case "and":
    case "or": {
      const left = resolveValueFilter(registry, parent, filter.left);
      if (typeof left === "string") return left;
      const right = resolveValueFilter(registry, parent, filter.right);
      return typeof right === "string" ? right : Object.freeze({ ...filter, left, right });
    }
    case "not": {
      const operand = resolveValueFilter(registry, parent, filter.operand);
      return typeof operand === "string" ? operand : Object.freeze({ ...filter, operand });
    }
    case "valuePath":
      // The valFilter rule of RFC 7644 §3.4.2.2 has no valuePath inside a valuePath.
      return `a value filter cannot contain another value filter (${printName(filter.attr)}[…])`;
  }
}

function subValue(value: JsonValue, attr: ResolvedAttribute): JsonValue | undefined {
  if (!isJsonObject(value)) return undefined;
  const name = attr.leaf.name;
  if (name in value) return value[name];
  const key = Object.keys(value).find((k) => lower(k) === lower(name));
  return key === undefined ? undefined : value[key];
}

function assigned(v: JsonValue | undefined): boolean {
  return v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
}

/** Whether one value of a multi-valued complex attribute satisfies a resolved value filter. */
export function matchesValue(filter: FilterNode<ResolvedAttribute>, value: JsonValue): boolean {
  switch (filter.kind) {
    case "compare": {
      const actual = subValue(value, filter.attr);
      // `eq null` asks for an unassigned sub-attribute, `ne null` for an assigned one (RFC 7643 §2.5).
      if (filter.value === null)
        return filter.op === "eq" ? !assigned(actual) : filter.op === "ne" && assigned(actual);
      const expected = comparisonKey(filter.value, filter.attr.leaf);
      const key =
        actual === undefined || actual === null ? undefined : comparisonKey(actual, filter.attr.leaf);
      if (key === undefined || expected === undefined) return filter.op === "ne";
      return applyOperator(filter.op, key, expected);
    }
    case "present":
      // RFC 7644 §3.4.2.2 "pr": a non-empty value.
      return assigned(subValue(value, filter.attr));
    case "and":
      return matchesValue(filter.left, value) && matchesValue(filter.right, value);
    case "or":
      return matchesValue(filter.left, value) || matchesValue(filter.right, value);
    case "not":
      return !matchesValue(filter.operand, value);
    case "valuePath":
      return false;
  }
}

/**
 * The `sub eq "literal"` terms of a filter that is a conjunction of them (`type eq "work"`, or
 * `type eq "work" and display eq "x"`), or undefined when the filter has any other shape. Such a filter
 * describes exactly one value to create when nothing matches (the Entra typed-valuePath upsert).
 */
export function equalityTerms(
  filter: FilterNode<ResolvedAttribute>,
): ReadonlyArray<readonly [ResolvedAttribute, string | number | boolean]> | undefined {
  if (filter.kind === "compare") {
    return filter.op === "eq" && filter.value !== null ? [[filter.attr, filter.value]] : undefined;
  }
  if (filter.kind !== "and") return undefined;
  const left = equalityTerms(filter.left);
  const right = equalityTerms(filter.right);
  return left === undefined || right === undefined ? undefined : [...left, ...right];
}
