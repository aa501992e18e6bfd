// Field paths (`emails.value`, `x509Certificates.value`) evaluated without JSONata's evaluator. JSONata 2 is
// asynchronous at every step: one such path cost about 7 µs and 14 KB of garbage per User of a /Bulk import,
// 15 % of its CPU (issue #8), for what is a few property reads. Only paths of plain names are taken (no
// predicates, stages, wildcards, functions or `[]`); everything else, and any input that would reach a
// sandbox limit, goes to JSONata, which stays the definition: simple-path.test.ts checks by property that
// both give the same JSON for the same input.
//
// The rules are JSONata 2.2's (jsonata.js `evaluatePath`, `evaluateStep`, `lookup`, and `evaluate`'s
// unwrapping): a step looks its name up in every item of the previous step's sequence, an array found is
// flattened one level into the sequence (JSONata `lookup` flattens arrays met while mapping over an array),
// a sequence of one item is that item and an empty one is nothing, and a last step that found exactly one
// array returns that array as it is.

/** A JSONata sequence: an array JSONata made, as opposed to an array of the input. */
type Sequence = unknown[] & { readonly sequence: true };

function sequence(items: unknown[]): Sequence {
  return Object.assign(items, { sequence: true as const });
}

function isSequence(value: unknown): value is Sequence {
  return Array.isArray(value) && (value as Partial<Sequence>).sequence === true;
}

/** The field names of a path of plain names, or undefined for any other expression. */
export function simplePathOf(ast: unknown): readonly string[] | undefined {
  if (typeof ast !== "object" || ast === null) return undefined;
  const node = ast as Record<string, unknown>;
  if (node.type !== "path" || !Object.keys(node).every((k) => k === "type" || k === "steps"))
    return undefined;
  const steps = node.steps;
  if (!Array.isArray(steps) || steps.length === 0) return undefined;
  const names: string[] = [];
  for (const step of steps as unknown[]) {
    if (typeof step !== "object" || step === null) return undefined;
    const s = step as Record<string, unknown>;
    if (s.type !== "name" || typeof s.value !== "string") return undefined;
    if (!Object.keys(s).every((k) => k === "type" || k === "value" || k === "position")) return undefined;
    names.push(s.value);
  }
  return names;
}

/** Thrown inside the walk when a sequence or value reaches a sandbox limit: JSONata then runs instead. */
class Bail extends Error {}

export interface SimplePathLimits {
  /** JSONata's `sequence` option (D2015). */
  readonly maxSequence: number;
  /** The sandbox's bound on any string or array a step produces (M0002). */
  readonly maxValueLength: number;
}

/**
 * The result of the path over `input`, or undefined when JSONata must decide (a limit is in reach). The
 * value is JSONata's own result before the sandbox turns it into plain JSON.
 */
export function evaluateSimplePath(
  names: readonly string[],
  input: Readonly<Record<string, unknown>>,
  limits: SimplePathLimits,
): { readonly value: unknown } | undefined {
  const push = (into: unknown[], item: unknown) => {
    if (into.length >= limits.maxSequence) throw new Bail();
    into.push(item);
  };
  // JSONata flattens one level wherever it gathers values into a sequence.
  const pushFlat = (into: unknown[], value: unknown) => {
    if (Array.isArray(value)) for (const v of value) push(into, v);
    else push(into, value);
  };
  const checked = (value: unknown) => {
    const length = typeof value === "string" || Array.isArray(value) ? value.length : 0;
    if (length > limits.maxValueLength) throw new Bail();
    return value;
  };
  const unwrap = (value: unknown) => {
    if (!isSequence(value)) return value;
    if (value.length === 0) return undefined;
    return value.length === 1 ? value[0] : value;
  };
  const lookup = (item: unknown, name: string): unknown => {
    if (Array.isArray(item)) {
      const found = sequence([]);
      for (const element of item) {
        const value = lookup(element, name);
        if (value !== undefined) pushFlat(found, value);
      }
      return found;
    }
    if (item !== null && typeof item === "object" && Object.hasOwn(item, name))
      return (item as Record<string, unknown>)[name];
    return undefined;
  };
  try {
    let items: unknown[] = sequence([input]);
    let result: unknown[] = items;
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const found: unknown[] = sequence([]);
      for (const item of items) {
        const value = unwrap(checked(lookup(item, name)));
        if (value !== undefined) push(found, value);
      }
      const only = found[0];
      if (i === names.length - 1 && found.length === 1 && Array.isArray(only) && !isSequence(only)) {
        result = only;
      } else {
        result = sequence([]);
        for (const value of found) pushFlat(result, value);
      }
      if (result.length === 0) break;
      items = result;
    }
    return { value: unwrap(checked(result)) };
  } catch (error) {
    if (error instanceof Bail) return undefined;
    throw error;
  }
}
