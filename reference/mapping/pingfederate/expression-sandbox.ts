// Mapping expressions: PingFederate's EXPRESSION source runs OGNL, which reaches into Java objects. Here
// they are JSONata 2 (https://docs.jsonata.org), a side-effect-free query language over JSON, run in a
// sandbox whose every evaluation is bounded:
// - time: `timeout` (D1012) and call depth `stack` (D1011) are JSONata's own guardrails, checked at every
//   evaluation step, so infinite and deep non-tail recursion end;
// - size: `sequence` caps ranges and appends (D2015), and an exit hook refuses any intermediate string or
//   array beyond a limit, so doubling a string in a loop or `$pad` cannot exhaust memory between steps;
// - regular expressions are refused at compile time: a backtracking regex (`/(a+)+$/`) runs inside one
//   native call that no guardrail can interrupt (measured: 100 s for 38 characters);
// - no access to Node: JSONata exposes no globals (`process`, `require`, `constructor`, `__proto__` read
//   as undefined, deps-node20.md), and `$eval` is disabled because it compiles a new expression at run time.
// Expressions are compiled once per distinct source text and limits, and cached.
import jsonata from "jsonata";
import { isJsonObject, type JsonObject, type JsonValue } from "../../protocol/resource/json.js";
import { copyJson } from "../copy-json.js";
import type { MappingContext } from "../mapping.js";
import { ExpressionError } from "./expression-error.js";
import { inputFieldsOf, lacksAll } from "./expression-inputs.js";
import { toJsonValue } from "./expression-result.js";
import { evaluateSimplePath, simplePathOf } from "./simple-path.js";

export interface ExpressionLimits {
  readonly timeoutMs: number;
  readonly maxDepth: number;
  readonly maxSequence: number;
  /** Longest string or array any evaluation step may produce. */
  readonly maxValueLength: number;
  readonly maxSourceLength: number;
}

export const defaultExpressionLimits: ExpressionLimits = Object.freeze({
  timeoutMs: 200,
  maxDepth: 500,
  maxSequence: 100_000,
  maxValueLength: 1_000_000,
  maxSourceLength: 8192,
});

export interface CompiledExpression {
  readonly source: string;
  /**
   * The result, synchronously, when it can be had without JSONata's asynchronous evaluator: the expression
   * is a plain field path (simple-path.ts), or `input` lacks every field it reads and its result over {}
   * has been computed. Undefined when `evaluate` must run. A mapping awaits only those (the demo write
   * mapping has about twenty expressions, and a typical User needs none of them evaluated by JSONata).
   */
  immediate(input: unknown): { readonly value: JsonValue | undefined } | undefined;
  /** The result as JSON, or undefined when the expression yields nothing; rejects with ExpressionError. */
  evaluate(input: unknown, context: MappingContext): Promise<JsonValue | undefined>;
}

const knownAbsent = Object.freeze({ value: undefined });

export type CompileResult =
  | { readonly ok: true; readonly expression: CompiledExpression }
  | { readonly ok: false; readonly message: string };

interface JsonataFailure {
  readonly code?: string;
  readonly message?: string;
  readonly position?: number;
}

function failureOf(error: unknown): { code: string; message: string } {
  if (error instanceof ExpressionError) return { code: error.code, message: error.detail };
  const f = (typeof error === "object" && error !== null ? error : {}) as JsonataFailure;
  const code = typeof f.code === "string" ? f.code : "M0000";
  const at = typeof f.position === "number" ? ` (at character ${f.position})` : "";
  const message = typeof f.message === "string" ? f.message : String(error);
  return { code, message: `${message}${at}` };
}

/** Finds a node of the given type in a JSONata AST (a tree of plain objects). */
function findNode(
  node: unknown,
  test: (n: Record<string, unknown>) => boolean,
  seen = new Set<unknown>(),
): boolean {
  if (typeof node !== "object" || node === null || seen.has(node)) return false;
  seen.add(node);
  if (!Array.isArray(node) && test(node as Record<string, unknown>)) return true;
  return Object.values(node).some((child) => findNode(child, test, seen));
}

function checkSize(limits: ExpressionLimits) {
  return (_expr: unknown, _input: unknown, _env: unknown, result: unknown) => {
    const length = typeof result === "string" || Array.isArray(result) ? result.length : 0;
    if (length > limits.maxValueLength) {
      throw new ExpressionError(
        "M0002",
        `a value grew beyond ${limits.maxValueLength} characters or elements`,
      );
    }
  };
}

/** `$parseJson(text)`: the inverse of `$string(value)` for encoded store values; undefined for non-JSON. */
function parseJson(limits: ExpressionLimits) {
  return (text: unknown): unknown => {
    if (typeof text !== "string" || text.length > limits.maxValueLength) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
}

function contextBinding(context: MappingContext): Readonly<Record<string, string>> {
  const out: Record<string, string> = { connectionId: context.connectionId };
  if (context.clientAddress !== undefined) out.clientAddress = context.clientAddress;
  if (context.requestId !== undefined) out.requestId = context.requestId;
  return Object.freeze(out);
}

function build(source: string, limits: ExpressionLimits): CompileResult {
  if (source.length > limits.maxSourceLength) {
    return { ok: false, message: `the expression is longer than ${limits.maxSourceLength} characters` };
  }
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(source, {
      timeout: limits.timeoutMs,
      stack: limits.maxDepth,
      sequence: limits.maxSequence,
    });
  } catch (error) {
    const f = failureOf(error);
    return { ok: false, message: `${f.code}: ${f.message}` };
  }
  const ast = compiled.ast();
  if (findNode(ast, (n) => n.type === "regex")) {
    return {
      ok: false,
      message:
        "regular expressions are not allowed: one backtracking match can run for minutes and cannot be interrupted",
    };
  }
  if (findNode(ast, (n) => n.type === "variable" && n.value === "eval")) {
    return {
      ok: false,
      message: "$eval is disabled: it would compile a new, unchecked expression at run time",
    };
  }
  // JSONata 2.2 looks this symbol up in the environment after every evaluation step (jsonata.js
  // `evaluate`); `assign` takes any key at run time though its type says string. The size tests fail if a
  // JSONata upgrade drops the hook.
  compiled.assign(Symbol.for("jsonata.__evaluate_exit") as unknown as string, checkSize(limits));
  compiled.registerFunction("parseJson", parseJson(limits));
  // Shadows the built-in even if a call escapes the AST check (e.g. through a bound variable).
  compiled.registerFunction("eval", () => {
    throw new ExpressionError("M0003", "$eval is disabled");
  });
  const run = async (input: unknown, context: MappingContext): Promise<JsonValue | undefined> => {
    try {
      return toJsonValue(await compiled.evaluate(input, { context: contextBinding(context) }));
    } catch (error) {
      const f = failureOf(error);
      throw new ExpressionError(f.code, f.message);
    }
  };
  // Without any field it reads, an expression's result is its result over {}: computed once, then copied
  // (callers build resources from it). A failure over {} is not remembered: it is raised each time.
  const reads = inputFieldsOf(ast);
  let withoutInput: { readonly value: JsonValue | undefined } | undefined;
  const copied = (known: { readonly value: JsonValue | undefined }) =>
    known.value === undefined ? knownAbsent : { value: copyJson(known.value) };
  const path = simplePathOf(ast);
  const walked = (input: unknown): { readonly value: JsonValue | undefined } | undefined => {
    if (path === undefined || !isJsonObject(input as JsonValue)) return undefined;
    try {
      const found = evaluateSimplePath(path, input as JsonObject, limits);
      return found === undefined ? undefined : { value: toJsonValue(found.value) };
    } catch {
      return undefined; // JSONata then evaluates, and reports the failure as it always does
    }
  };
  const expression: CompiledExpression = Object.freeze({
    source,
    immediate(input: unknown) {
      const now = walked(input);
      if (now !== undefined) return now;
      if (withoutInput === undefined || reads === undefined || !lacksAll(input, reads)) return undefined;
      return copied(withoutInput);
    },
    async evaluate(input: unknown, context: MappingContext): Promise<JsonValue | undefined> {
      const now = walked(input);
      if (now !== undefined) return now.value;
      if (reads === undefined || !lacksAll(input, reads)) return run(input, context);
      withoutInput ??= { value: await run({}, context) };
      return copied(withoutInput).value;
    },
  });
  return { ok: true, expression };
}

const cache = new Map<string, CompileResult>();
const cacheLimit = 2000;

/** Compiles (or returns the cached compilation of) an expression under the given limits. */
export function compileExpression(
  source: string,
  limits: ExpressionLimits = defaultExpressionLimits,
): CompileResult {
  const key = `${limits.timeoutMs}/${limits.maxDepth}/${limits.maxSequence}/${limits.maxValueLength}/${limits.maxSourceLength}\u0000${source}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Re-insert so that the least recently used entry is the first to go.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const result = build(source, limits);
  cache.set(key, result);
  if (cache.size > cacheLimit) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return result;
}
