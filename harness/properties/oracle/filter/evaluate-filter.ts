// The oracle filter evaluator: decides, for one resource as the target returned it, whether a filter
// matches (RFC 7644 §3.4.2.2), using the target's own schema for types and caseExact. Evaluating the
// returned representation is what RFC 7644 §3.4.2.2 asks for defaulted attributes ("SHALL use the value
// that was returned to the client").
//
// Three-valued: where the RFC leaves the answer open the result is "unknown", and the property accepts
// the target either way (`ne` on an absent attribute, case mappings that disagree, eq null). Logical
// operators use Kleene logic, so "unknown" only spreads where it matters.
import type { JsonObject } from "../../json/json.js";
import { getCi, isObject, isUnassigned } from "../../json/json.js";
import { valuesAt } from "../../schema-model/resource-access.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import type { AttributeDef } from "../../schema-model/schema-model.js";
import { findAttribute } from "../../schema-model/schema-model.js";
import type { ValueKind } from "../../values/scalar.js";
import { scalarEquals, scalarOrder } from "../../values/scalar.js";
import type { Tri } from "../../values/text.js";
import { textMatch } from "../../values/text.js";
import type { AttrPathText, CompareOp, CompValue, FilterNode } from "./filter-ast.js";
import { pathString } from "./filter-ast.js";

/** A filter the target must refuse with 400 invalidFilter (RFC 7644 §3.4.2.2, §3.12). */
export class InvalidFilter extends Error {
  override name = "InvalidFilter";
}

export function and3(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : "unknown";
}

export function or3(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  return a === false && b === false ? false : "unknown";
}

export function not3(a: Tri): Tri {
  return a === "unknown" ? "unknown" : !a;
}

/** "any value satisfies": true if one does, unknown if none does but one might. */
function any<T>(values: readonly T[], test: (v: T) => Tri): Tri {
  let result: Tri = false;
  for (const v of values) result = or3(result, test(v));
  return result;
}

/** RFC 7644 §3.4.2.2 filters may name "schemas" (MAY); URIs compare case-insensitively (RFC 7643 §2.1). */
const schemasKind: ValueKind = { type: "reference", caseExact: false };

function isSchemasPath(path: AttrPathText): boolean {
  return path.uri === undefined && path.sub === undefined && path.name.toLowerCase() === "schemas";
}

interface Operand {
  readonly kind: ValueKind;
  readonly values: readonly unknown[];
}

/** The values a path denotes in a resource, or inside one element of a value path. */
function operand(path: AttrPathText, scope: Scope): Operand {
  if (scope.element !== undefined) {
    const sub = findAttribute(scope.element.attribute.subAttributes, path.name);
    if (sub === undefined || path.sub !== undefined || path.uri !== undefined) {
      throw new InvalidFilter(
        `"${pathString(path)}" is not a sub-attribute of ${scope.element.attribute.name}`,
      );
    }
    const v = getCi(scope.element.value, sub.name);
    return { kind: sub, values: isUnassigned(v) ? [] : [v] };
  }
  if (isSchemasPath(path)) {
    const v = getCi(scope.resource, "schemas");
    return { kind: schemasKind, values: Array.isArray(v) ? v : [] };
  }
  const resolved = scope.type.resolve(pathString(path));
  if (resolved === undefined)
    throw new InvalidFilter(`"${pathString(path)}" is not an attribute of ${scope.type.name}`);
  let target: AttributeDef = resolved.target;
  let values = valuesAt(scope.resource, resolved);
  if (target.type === "complex" && resolved.sub === undefined) {
    // RFC 7644 §3.4.2.2 Figure 2 ("emails co \"example.com\""): a complex attribute named without a
    // sub-attribute is compared on its "value" sub-attribute.
    const value = findAttribute(target.subAttributes, "value");
    if (value === undefined) return { kind: target, values };
    values = values.map((v) => getCi(v, value.name)).filter((v) => !isUnassigned(v));
    target = value;
  }
  return { kind: target, values };
}

function compareOne(kind: ValueKind, op: CompareOp, actual: unknown, expected: CompValue): Tri {
  switch (op) {
    case "eq":
      return scalarEquals(kind, actual, expected);
    case "ne":
      return not3(scalarEquals(kind, actual, expected));
    case "co":
    case "sw":
    case "ew":
      if (typeof actual !== "string" || typeof expected !== "string") return "unknown";
      if (kind.type === "string" || kind.type === "reference")
        return textMatch(op, actual, expected, kind.caseExact);
      return "unknown"; // RFC 7644 defines co/sw/ew for strings only
    case "gt":
    case "ge":
    case "lt":
    case "le": {
      const order = scalarOrder(kind, actual, expected);
      if (order === "unknown" || order === "incomparable") return "unknown";
      return op === "gt" ? order > 0 : op === "ge" ? order >= 0 : op === "lt" ? order < 0 : order <= 0;
    }
  }
}

function compare(node: Extract<FilterNode, { kind: "compare" }>, scope: Scope): Tri {
  const { kind, values } = operand(node.path, scope);
  const ordering = node.op === "gt" || node.op === "ge" || node.op === "lt" || node.op === "le";
  if (ordering && (kind.type === "boolean" || kind.type === "binary" || kind.type === "complex")) {
    // RFC 7644 §3.4.2.2: "Boolean and Binary attributes SHALL cause a failed response ... invalidFilter".
    throw new InvalidFilter(
      `${node.op} is not defined for ${kind.type} attribute "${pathString(node.path)}"`,
    );
  }
  // null is a compValue in the ABNF, but its semantics are undefined (absent? "null" string?).
  if (node.value === null) return "unknown";
  if (node.op === "ne") {
    // "not identical" reads two ways on an absent or multi-valued attribute: "some value differs" and
    // "no value is equal" (SQL-style NULLs give the first). Where they disagree the answer is open.
    const someDiffers = any(values, (v) => compareOne(kind, "ne", v, node.value));
    const noneEqual = not3(any(values, (v) => compareOne(kind, "eq", v, node.value)));
    return someDiffers === noneEqual ? someDiffers : "unknown";
  }
  return any(values, (v) => compareOne(kind, node.op, v, node.value));
}

function present(node: Extract<FilterNode, { kind: "present" }>, scope: Scope): Tri {
  let values: readonly unknown[];
  if (scope.element !== undefined || isSchemasPath(node.path)) {
    values = operand(node.path, scope).values;
  } else {
    const resolved = scope.type.resolve(pathString(node.path));
    if (resolved === undefined)
      throw new InvalidFilter(`"${pathString(node.path)}" is not an attribute of ${scope.type.name}`);
    values = valuesAt(scope.resource, resolved);
  }
  // RFC 7644 §3.4.2.2 pr: "a non-empty or non-null value, or ... a non-empty node for complex attributes".
  return values.some((v) => !isUnassigned(v) && v !== "");
}

function valuePath(node: Extract<FilterNode, { kind: "valuePath" }>, scope: Scope): Tri {
  if (scope.element !== undefined)
    throw new InvalidFilter("a value path cannot nest inside another (RFC 7644 §3.4.2.2 valFilter)");
  const resolved = node.path.sub === undefined ? scope.type.resolve(pathString(node.path)) : undefined;
  if (resolved === undefined || resolved.sub !== undefined || resolved.attribute.type !== "complex") {
    throw new InvalidFilter(`"${pathString(node.path)}" is not a complex attribute of ${scope.type.name}`);
  }
  const elements = valuesAt(scope.resource, resolved).filter(isObject);
  // RFC 7644 §3.4.2.2 Table 5: every expression in the brackets applies to the same value.
  return any(elements, (element) =>
    evaluate(node.filter, { ...scope, element: { attribute: resolved.attribute, value: element } }),
  );
}

interface Scope {
  readonly type: ResourceTypeModel;
  readonly resource: JsonObject;
  readonly element?: { readonly attribute: AttributeDef; readonly value: JsonObject };
}

function evaluate(node: FilterNode, scope: Scope): Tri {
  switch (node.kind) {
    case "compare":
      return compare(node, scope);
    case "present":
      return present(node, scope);
    case "and":
      return and3(evaluate(node.left, scope), evaluate(node.right, scope));
    case "or":
      return or3(evaluate(node.left, scope), evaluate(node.right, scope));
    case "not":
      return not3(evaluate(node.inner, scope));
    case "valuePath":
      return valuePath(node, scope);
  }
}

/**
 * Whether `resource` matches `node`: true, false, or "unknown" where RFC 7644 allows either. Throws
 * InvalidFilter for a filter the target must refuse.
 */
export function matches(node: FilterNode, resource: JsonObject, type: ResourceTypeModel): Tri {
  return evaluate(node, { type, resource });
}

export interface ExpectedSet {
  /** Ids the target must return. */
  readonly required: ReadonlySet<string>;
  /** Ids the target may return (required ones included). */
  readonly allowed: ReadonlySet<string>;
}

/** The set a filter selects among `resources` (each with an `id`), as the oracle sees it. */
export function expectedSet(
  node: FilterNode,
  resources: readonly JsonObject[],
  type: ResourceTypeModel,
): ExpectedSet {
  const required = new Set<string>();
  const allowed = new Set<string>();
  for (const r of resources) {
    const id = getCi(r, "id");
    if (typeof id !== "string") continue;
    const m = matches(node, r, type);
    if (m === true) required.add(id);
    if (m !== false) allowed.add(id);
  }
  return { required, allowed };
}

/**
 * Whether one value of a multi-valued complex attribute matches a value filter (the brackets of a
 * PATCH path, RFC 7644 §3.5.2), whose attribute paths name the attribute's sub-attributes.
 */
export function matchesValue(
  node: FilterNode,
  type: ResourceTypeModel,
  attribute: AttributeDef,
  value: JsonObject,
): Tri {
  return evaluate(node, { type, resource: {}, element: { attribute, value } });
}
