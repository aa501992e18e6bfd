// Evaluating a SCIM filter (RFC 7644 §3.4.2.2) over stored resources for the mutant server: value
// paths, URN-qualified names, multi-valued "any value" matching, caseExact-aware comparisons, and the
// schema checks that make a bad filter a 400 whatever the data (parsing is in filter-parser.ts).
import type { FilterNode } from "./filter-parser.js";
import type { Json } from "./json-value.js";
import { asciiLower, isObject, isUnassigned } from "./json-value.js";
import type { Quirks } from "./quirks.js";
import type { AttrDef, TypeDef } from "./schema-model.js";
import { resolvePath } from "./schema-model.js";
import { fail, ScimFailure } from "./scim-failure.js";

/** The values at `path` in `resource` and the definition that types them. */
interface Values {
  readonly def: AttrDef | undefined;
  readonly values: readonly unknown[];
}

export interface EvalOptions {
  readonly quirks: Quirks;
  /** Root queries (RFC 7644 §3.4.2.1): an attribute a type lacks has no value, instead of an error. */
  readonly lenientUnknown: boolean;
}

function valuesAt(type: TypeDef, resource: Json, path: string, options: EvalOptions): Values {
  if (path.toLowerCase() === "schemas") {
    if (options.quirks.has("schemasFilterBroken")) return { def: undefined, values: [] };
    return { def: undefined, values: Array.isArray(resource.schemas) ? resource.schemas : [] };
  }
  if (options.quirks.has("urnFilterUnsupported") && /^urn:/i.test(path)) {
    throw fail.invalidFilter(`"${path}": URN-qualified names are not supported`);
  }
  const resolved = resolvePath(type, path);
  if (resolved === undefined) {
    if (options.lenientUnknown || options.quirks.has("unknownAttributeEmpty"))
      return { def: undefined, values: [] };
    throw fail.invalidFilter(`"${path}" is not an attribute of ${type.name}`);
  }
  const { attr, sub } = resolved;
  if (attr.returned === "never") throw fail.invalidFilter(`"${attr.name}" cannot be filtered on`);
  const holder = resolved.container === undefined ? resource : resource[resolved.container];
  const raw = isObject(holder) ? holder[attr.name] : undefined;
  const items = attr.multiValued ? (Array.isArray(raw) ? raw : []) : raw === undefined ? [] : [raw];
  if (sub !== undefined) {
    return {
      def: sub,
      values: items.map((i) => (isObject(i) ? i[sub.name] : undefined)).filter((v) => v !== undefined),
    };
  }
  if (attr.type === "complex" && attr.multiValued) {
    // RFC 7644 §3.4.2.2: a complex multi-valued attribute without a sub-attribute means its "value".
    const valueDef = attr.subAttributes?.find((s) => s.name === "value");
    if (valueDef && !options.quirks.has("noImplicitValue"))
      return {
        def: valueDef,
        values: items.map((i) => (isObject(i) ? i.value : undefined)).filter((v) => v !== undefined),
      };
  }
  return { def: attr, values: items };
}

function compareOne(
  def: AttrDef | undefined,
  op: string,
  actual: unknown,
  expected: unknown,
  options: EvalOptions,
): boolean {
  const type = def?.type ?? "string";
  const ordering = op === "gt" || op === "ge" || op === "lt" || op === "le";
  if (ordering && (type === "boolean" || type === "binary") && !options.quirks.has("booleanOrdering")) {
    throw fail.invalidFilter(`"${op}" is not defined for ${type} attributes`);
  }
  if (expected === null) {
    if (op === "eq") return actual === null || actual === undefined;
    if (op === "ne") return actual !== null && actual !== undefined;
    return false;
  }
  let a: unknown = actual;
  let b: unknown = expected;
  if (type === "dateTime" && typeof a === "string" && typeof b === "string") {
    a = Date.parse(a);
    b = Date.parse(b);
  } else if (typeof a === "string" && typeof b === "string") {
    const exact = def?.caseExact ?? false;
    const insensitive = options.quirks.has("caseSensitiveFilter") ? false : !exact;
    const folded = options.quirks.has("caseInsensitiveExact") ? true : insensitive;
    if (folded) {
      // The mutant folds ASCII letters only, as SQL's lower() in SQLite or a C-locale fold does; or only
      // in substring operators, as a directory whose substring index folds ASCII only (slapd's own rules
      // before the LDAP store searched its comparison keys).
      const asciiOnly =
        options.quirks.has("asciiCaseFold") ||
        (options.quirks.has("asciiSubstringFold") && (op === "sw" || op === "ew" || op === "co"));
      const fold = asciiOnly ? asciiLower : (t: string) => t.toLowerCase();
      a = fold(a as string);
      b = fold(b as string);
    }
  }
  switch (op) {
    case "eq":
      if (options.quirks.has("eqAsCo") && typeof a === "string" && typeof b === "string")
        return a.includes(b);
      return a === b;
    case "ne":
      return a !== b;
    case "co":
      return typeof a === "string" && typeof b === "string" && a.includes(b);
    case "sw":
      return typeof a === "string" && typeof b === "string" && a.startsWith(b);
    case "ew":
      return (
        typeof a === "string" &&
        typeof b === "string" &&
        (options.quirks.has("ewAsSw") ? a.startsWith(b) : a.endsWith(b))
      );
    case "gt":
      if (options.quirks.has("orderingInverted")) return (a as number) < (b as number);
      return (a as number) > (b as number);
    case "ge":
      return (a as number) >= (b as number);
    case "lt":
      return (a as number) < (b as number);
    case "le":
      return (a as number) <= (b as number);
    default:
      throw fail.invalidFilter(`unknown operator "${op}"`);
  }
}

export function evaluate(node: FilterNode, type: TypeDef, resource: Json, options: EvalOptions): boolean {
  switch (node.kind) {
    case "and":
      return evaluate(node.left, type, resource, options) && evaluate(node.right, type, resource, options);
    case "or":
      return evaluate(node.left, type, resource, options) || evaluate(node.right, type, resource, options);
    case "not":
      if (options.quirks.has("notIgnored")) return evaluate(node.inner, type, resource, options);
      return !evaluate(node.inner, type, resource, options);
    case "present": {
      const { values } = valuesAt(type, resource, node.path, options);
      if (options.quirks.has("prMatchesEmpty")) return true;
      return values.some((v) => !isUnassigned(v) && v !== "");
    }
    case "compare": {
      const { def, values } = valuesAt(type, resource, node.path, options);
      if (node.op === "ne" && values.length === 0) return node.value !== null;
      if (node.op === "ne") return values.every((v) => compareOne(def, "ne", v, node.value, options));
      // Type errors surface even when there is nothing to compare (active gt true on an empty set).
      if (values.length === 0) {
        compareOne(def, node.op, undefined, node.value === null ? 0 : node.value, options);
        return false;
      }
      const hits = values.map((v) => compareOne(def, node.op, v, node.value, options));
      return options.quirks.has("firstValueOnly") ? hits[0] === true : hits.some(Boolean);
    }
    case "valuePath": {
      if (options.quirks.has("valuePathWrongError"))
        throw new ScimFailure(400, "invalidValue", "value paths are not supported");
      const resolved = resolvePath(type, node.path);
      if (resolved === undefined || resolved.attr.type !== "complex") {
        if (options.lenientUnknown) return false;
        throw fail.invalidFilter(`"${node.path}" is not a complex attribute`);
      }
      const holder = resolved.container === undefined ? resource : resource[resolved.container];
      const raw = isObject(holder) ? holder[resolved.attr.name] : undefined;
      const items = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(isObject);
      return matchValues(node.inner, resolved.attr, items, options).length > 0;
    }
  }
}

/**
 * Checks a filter against the schema before any resource is looked at (RFC 7644 §3.4.2.2): unknown
 * attributes and ordering on booleans or binaries are errors whatever the data.
 */
export function validateFilter(node: FilterNode, type: TypeDef, options: EvalOptions): void {
  switch (node.kind) {
    case "and":
    case "or":
      validateFilter(node.left, type, options);
      validateFilter(node.right, type, options);
      return;
    case "not":
      validateFilter(node.inner, type, options);
      return;
    case "valuePath":
      evaluate(node, type, {}, options);
      return;
    case "present":
    case "compare": {
      const { def } = valuesAt(type, {}, node.path, options);
      if (node.kind === "compare")
        compareOne(def, node.op, "", node.value === null ? 0 : node.value, options);
    }
  }
}

/** The elements of a multi-valued complex attribute that satisfy a value filter (sub-attribute names). */
export function matchValues(
  node: FilterNode,
  attr: AttrDef,
  items: readonly Json[],
  options: EvalOptions,
): Json[] {
  const subType: TypeDef = {
    name: "User",
    endpoint: "",
    schema: {
      id: "urn:value-filter",
      name: attr.name,
      description: "",
      attributes: attr.subAttributes ?? [],
    },
    extensions: [],
  };
  if (options.quirks.has("valuePathAnyValue")) {
    // Evaluates each inner expression against any element: the classic "same value" bug.
    const merged: Json = {};
    for (const item of items)
      for (const [k, v] of Object.entries(item)) merged[k] = [...((merged[k] as unknown[]) ?? []), v];
    return evaluateMerged(node, attr, merged, options) ? [...items] : [];
  }
  return items.filter((item) => evaluate(node, subType, item, { ...options, lenientUnknown: false }));
}

function evaluateMerged(node: FilterNode, attr: AttrDef, merged: Json, options: EvalOptions): boolean {
  const subs = attr.subAttributes ?? [];
  const subType: TypeDef = {
    name: "User",
    endpoint: "",
    schema: {
      id: "urn:value-filter",
      name: attr.name,
      description: "",
      attributes: subs.map((s) => ({ ...s, multiValued: true })),
    },
    extensions: [],
  };
  return evaluate(node, subType, merged, { ...options, lenientUnknown: false });
}
