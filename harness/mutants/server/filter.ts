// A SCIM filter (RFC 7644 §3.4.2.2): parser to a small AST and an evaluator over stored resources.
// Deliberately independent of reference/ (the harness is a black-box tester): this is the mutant
// server's own oracle, small and strict — quoted string values, JSON literals, `not` only before a
// parenthesis, value paths, URN-qualified names, caseExact-aware comparisons.
import type { Json } from "./json-value.js";
import { isObject, isUnassigned } from "./json-value.js";
import type { Quirks } from "./quirks.js";
import type { AttrDef, TypeDef } from "./schema-model.js";
import { resolvePath } from "./schema-model.js";
import { fail, ScimFailure } from "./scim-failure.js";

export type FilterNode =
  | { readonly kind: "and" | "or"; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: "not"; readonly inner: FilterNode }
  | { readonly kind: "present"; readonly path: string }
  | { readonly kind: "compare"; readonly path: string; readonly op: string; readonly value: unknown }
  | { readonly kind: "valuePath"; readonly path: string; readonly inner: FilterNode };

const compareOps = new Set(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);
const tokenPattern =
  /\s*(?:(\()|(\))|(\[)|(\])|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w:.])|([A-Za-z$][\w:.$-]*))/y;

type Token = { readonly kind: "(" | ")" | "[" | "]" | "string" | "number" | "word"; readonly text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  let at = 0;
  while (at < input.length) {
    if (/^\s*$/.test(input.slice(at))) break;
    tokenPattern.lastIndex = at;
    const m = tokenPattern.exec(input);
    if (m === null) throw fail.invalidFilter(`unexpected character at ${at} in filter`);
    at = tokenPattern.lastIndex;
    if (m[1]) tokens.push({ kind: "(", text: "(" });
    else if (m[2]) tokens.push({ kind: ")", text: ")" });
    else if (m[3]) tokens.push({ kind: "[", text: "[" });
    else if (m[4]) tokens.push({ kind: "]", text: "]" });
    else if (m[5]) tokens.push({ kind: "string", text: m[5] });
    else if (m[6]) tokens.push({ kind: "number", text: m[6] });
    else if (m[7]) tokens.push({ kind: "word", text: m[7] });
  }
  return tokens;
}

class Parser {
  readonly #tokens: Token[];
  #at = 0;
  readonly #quirks: Quirks;

  constructor(tokens: Token[], quirks: Quirks) {
    this.#tokens = tokens;
    this.#quirks = quirks;
  }

  parse(): FilterNode {
    const node = this.#or();
    if (this.#at < this.#tokens.length) throw fail.invalidFilter(`unexpected "${this.#peek()?.text}"`);
    return node;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#at];
  }

  #word(w: string): boolean {
    const t = this.#peek();
    if (t?.kind !== "word") return false;
    return this.#quirks.has("caseSensitiveOperators") ? t.text === w : t.text.toLowerCase() === w;
  }

  #expect(kind: Token["kind"]): Token {
    const t = this.#tokens[this.#at];
    if (t?.kind !== kind) throw fail.invalidFilter(`expected "${kind}", found "${t?.text ?? "end"}"`);
    this.#at += 1;
    return t;
  }

  #or(): FilterNode {
    if (this.#quirks.has("noPrecedence")) {
      // The mutant: "and" and "or" folded left to right with equal precedence.
      let left = this.#unary();
      while (this.#word("and") || this.#word("or")) {
        const kind = this.#word("and") ? "and" : "or";
        this.#at += 1;
        left = { kind, left, right: this.#unary() };
      }
      return left;
    }
    let left = this.#and();
    while (this.#word("or")) {
      this.#at += 1;
      left = { kind: "or", left, right: this.#and() };
    }
    return left;
  }

  #and(): FilterNode {
    let left = this.#unary();
    while (this.#word("and")) {
      this.#at += 1;
      left = { kind: "and", left, right: this.#unary() };
    }
    return left;
  }

  #unary(): FilterNode {
    if (this.#word("not")) {
      this.#at += 1;
      this.#expect("(");
      const inner = this.#or();
      this.#expect(")");
      return { kind: "not", inner };
    }
    if (this.#peek()?.kind === "(") {
      this.#at += 1;
      const inner = this.#or();
      this.#expect(")");
      return inner;
    }
    const path = this.#expect("word").text;
    if (this.#peek()?.kind === "[") {
      this.#at += 1;
      const inner = this.#or();
      this.#expect("]");
      return { kind: "valuePath", path, inner };
    }
    const opToken = this.#expect("word");
    const op = this.#quirks.has("caseSensitiveOperators") ? opToken.text : opToken.text.toLowerCase();
    if (op === "pr") return { kind: "present", path };
    if (!compareOps.has(op)) {
      if (!this.#quirks.has("unknownOperatorAsEq"))
        throw fail.invalidFilter(`unknown operator "${opToken.text}"`);
      const v = this.#tokens[this.#at];
      this.#at += 1;
      if (v === undefined) throw fail.invalidFilter(`"${op}" needs a value`);
      return { kind: "compare", path, op: "eq", value: literal(v, this.#quirks) };
    }
    const v = this.#tokens[this.#at];
    this.#at += 1;
    if (v === undefined) throw fail.invalidFilter(`"${op}" needs a value`);
    return { kind: "compare", path, op, value: literal(v, this.#quirks) };
  }
}

function literal(t: Token, quirks: Quirks): unknown {
  if (t.kind === "string")
    return quirks.has("escapesNotDecoded") ? t.text.slice(1, -1) : (JSON.parse(t.text) as unknown);
  if (t.kind === "number") return Number(t.text);
  if (t.kind === "word") {
    if (t.text === "true") return true;
    if (t.text === "false") return false;
    if (t.text === "null") return null;
    if (quirks.has("unquotedFilterValues")) return t.text;
  }
  throw fail.invalidFilter(`"${t.text}" is not a valid comparison value (strings must be quoted)`);
}

export function parseFilter(input: string, quirks: Quirks): FilterNode {
  const tokens = tokenize(input);
  if (tokens.length === 0) throw fail.invalidFilter("empty filter");
  return new Parser(tokens, quirks).parse();
}

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
      a = a.toLowerCase();
      b = b.toLowerCase();
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
