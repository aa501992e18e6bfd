// Which top-level fields of its input a JSONata expression can read. Mapping expressions mostly derive one
// attribute from one other (`phoneNumbers[type = "work"].value`), and most resources lack most of those
// attributes: when none of the fields an expression reads is present, its result is the result over an
// empty object, which the sandbox computes once instead of once per write and read (bench: the demo
// connection's write mapping evaluated 14 expressions per user, 11 of them on absent attributes).
//
// The analysis is conservative: it returns undefined ("reads anything") for every construct it does not
// prove. A path whose first step is a field name reads only that field of the input: later steps, its
// predicates and functions see that field's values, never the input again (JSONata evaluates a step
// against the results of the previous one), and a missing first field ends the path with no result.
// `$` and `$$` at the top, variables (`$context` differs per request), bindings, lambdas, and the
// non-deterministic `$now`, `$millis` and `$random` all make the answer "anything".

type AstNode = Readonly<Record<string, unknown>>;

const nondeterministic = new Set(["now", "millis", "random", "eval"]);
const bindingKeys = ["stages", "predicate", "group", "focus", "index", "tuple"] as const;

function isNode(value: unknown): value is AstNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function union(sets: readonly (ReadonlySet<string> | undefined)[]): ReadonlySet<string> | undefined {
  const out = new Set<string>();
  for (const set of sets) {
    if (set === undefined) return undefined;
    for (const field of set) out.add(field);
  }
  return out;
}

function nodes(value: unknown): AstNode[] | undefined {
  return Array.isArray(value) && value.every(isNode) ? value : undefined;
}

/** The fields a path reads: its first step's name, when nothing in the path can reach the input again. */
function pathFields(node: AstNode): ReadonlySet<string> | undefined {
  const steps = nodes(node.steps);
  const first = steps?.[0];
  if (first === undefined || first.type !== "name" || typeof first.value !== "string") return undefined;
  // Group-by, focus (@), index (#) and tuple streams bind variables or reshape the whole result.
  if (node.group !== undefined || node.tuple !== undefined) return undefined;
  if (steps?.some((s) => s.focus !== undefined || s.index !== undefined || s.tuple !== undefined))
    return undefined;
  return new Set([first.value]);
}

/**
 * The top-level input fields an expression's result can depend on (empty: a constant), or undefined when
 * the expression may depend on more (the whole input, a variable, the clock).
 */
export function inputFieldsOf(ast: unknown): ReadonlySet<string> | undefined {
  if (!isNode(ast)) return undefined;
  // Predicates, stages and bindings on anything but a path run with their own context, which may reach
  // the input again through `$$`: not analysed.
  if (ast.type !== "path" && bindingKeys.some((key) => ast[key] !== undefined)) return undefined;
  switch (ast.type) {
    case "string":
    case "number":
    case "value":
      return new Set();
    case "path":
      return pathFields(ast);
    case "name":
      return typeof ast.value === "string" ? new Set([ast.value]) : undefined;
    case "unary": {
      if (ast.value === "-") return inputFieldsOf(ast.expression);
      if (ast.value === "[") {
        const items = nodes(ast.expressions);
        return items === undefined ? undefined : union(items.map(inputFieldsOf));
      }
      return undefined; // object constructors and anything newer: not analysed
    }
    case "binary":
      return union([inputFieldsOf(ast.lhs), inputFieldsOf(ast.rhs)]);
    case "condition":
      return union([
        inputFieldsOf(ast.condition),
        inputFieldsOf(ast.then),
        ast.else === undefined ? new Set() : inputFieldsOf(ast.else),
      ]);
    case "function": {
      const procedure = ast.procedure;
      const args = nodes(ast.arguments);
      if (!isNode(procedure) || procedure.type !== "variable" || typeof procedure.value !== "string")
        return undefined;
      if (nondeterministic.has(procedure.value) || args === undefined) return undefined;
      return union(args.map(inputFieldsOf));
    }
    default:
      return undefined;
  }
}

/** True when `input` is an object holding none of `fields` (JSONata reads an own property or nothing). */
export function lacksAll(input: unknown, fields: ReadonlySet<string>): boolean {
  if (!isNode(input)) return false;
  for (const field of fields) if (Object.hasOwn(input, field) && input[field] !== undefined) return false;
  return true;
}
