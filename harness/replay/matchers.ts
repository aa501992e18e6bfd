// Fixture-case matchers: each returns undefined when the value satisfies it, or a sentence saying what
// was there instead. "Absent" follows RFC 7643 §2.5: unassigned, null and [] are the same state.
import { isDeepStrictEqual } from "node:util";
import type { SpecValidator } from "../client/spec-validator.js";
import type { Matcher } from "./case-format.js";
import type { TemplateScope } from "./template.js";
import { expand } from "./template.js";

export const matcherKeywords = [
  "equals",
  "equalsIgnoreCase",
  "same",
  "sameIgnoreCase",
  "anyString",
  "type",
  "present",
  "absent",
  "oneOf",
  "matches",
  "contains",
  "subset",
  "length",
  "atLeast",
  "atMost",
  "schema",
  "specSchema",
  "not",
  "all",
] as const;

export interface MatchContext {
  readonly scope: TemplateScope;
  readonly validator: SpecValidator;
}

function show(value: unknown): string {
  if (value === undefined) return "absent";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export function isUnassigned(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** An object with exactly one matcher keyword (plus `flags` beside `matches`). */
export function isMatcherObject(
  value: unknown,
): value is Exclude<Matcher, string | number | boolean | null | readonly unknown[]> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value).filter((k) => k !== "flags");
  return keys.length === 1 && (matcherKeywords as readonly string[]).includes(keys[0] ?? "");
}

/** Objects as subsets with case-insensitive keys (RFC 7643 §2.1), everything else deep-equal. */
export function partialMatch(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== "object" || expected === null || Array.isArray(expected)) {
    return isDeepStrictEqual(actual, expected);
  }
  if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return false;
  const object = actual as Record<string, unknown>;
  return Object.entries(expected).every(([key, want]) => {
    const found =
      Object.keys(object).find((k) => k === key) ??
      Object.keys(object).find((k) => k.toLowerCase() === key.toLowerCase());
    return found !== undefined && partialMatch(object[found], want);
  });
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function captured(name: string, context: MatchContext): unknown {
  if (!context.scope.values.has(name))
    throw new Error(`matcher "same" names "${name}", which nothing captured`);
  return context.scope.values.get(name);
}

/** undefined when `actual` satisfies `matcher`, else why not. */
export function match(matcher: Matcher, actual: unknown, context: MatchContext): string | undefined {
  if (!isMatcherObject(matcher)) {
    const want = expand(matcher, context.scope);
    return isDeepStrictEqual(actual, want) ? undefined : `is ${show(actual)}, expected ${show(want)}`;
  }
  const m = matcher as Record<string, unknown>;
  const value = (key: string): unknown => expand(m[key], context.scope);
  if ("equals" in m) {
    const want = value("equals");
    return isDeepStrictEqual(actual, want) ? undefined : `is ${show(actual)}, expected ${show(want)}`;
  }
  if ("equalsIgnoreCase" in m || "sameIgnoreCase" in m) {
    const want =
      "equalsIgnoreCase" in m ? value("equalsIgnoreCase") : captured(String(m.sameIgnoreCase), context);
    const ok =
      typeof actual === "string" && typeof want === "string" && actual.toLowerCase() === want.toLowerCase();
    return ok ? undefined : `is ${show(actual)}, expected ${show(want)} in any letter case`;
  }
  if ("same" in m) {
    const want = captured(String(m.same), context);
    return isDeepStrictEqual(actual, want)
      ? undefined
      : `is ${show(actual)}, expected the captured ${String(m.same)} ${show(want)}`;
  }
  if ("anyString" in m)
    return typeof actual === "string" && actual.length > 0
      ? undefined
      : `is ${show(actual)}, expected a non-empty string`;
  if ("type" in m) {
    const want = m.type;
    const ok = want === "integer" ? Number.isInteger(actual) : typeOf(actual) === want;
    return ok ? undefined : `is ${show(actual)}, expected a value of type ${String(want)}`;
  }
  if ("present" in m)
    return isUnassigned(actual) ? "is absent (or null, or []), expected a value" : undefined;
  if ("absent" in m) return isUnassigned(actual) ? undefined : `is ${show(actual)}, expected it absent`;
  if ("oneOf" in m) {
    const options = value("oneOf") as unknown[];
    return options.some((o) => isDeepStrictEqual(actual, o))
      ? undefined
      : `is ${show(actual)}, expected one of ${show(options)}`;
  }
  if ("matches" in m) {
    const regex = new RegExp(String(value("matches")), typeof m.flags === "string" ? m.flags : "");
    return typeof actual === "string" && regex.test(actual)
      ? undefined
      : `is ${show(actual)}, expected a match for /${regex.source}/${regex.flags}`;
  }
  if ("contains" in m) {
    const want = m.contains;
    if (typeof actual === "string") {
      const needle = String(expand(want, context.scope));
      return actual.includes(needle)
        ? undefined
        : `is ${show(actual)}, expected it to contain ${show(needle)}`;
    }
    if (!Array.isArray(actual)) return `is ${show(actual)}, expected an array`;
    const ok = actual.some((item) =>
      isMatcherObject(want)
        ? match(want, item, context) === undefined
        : partialMatch(item, expand(want, context.scope)),
    );
    return ok ? undefined : `is ${show(actual)}, expected an element matching ${show(want)}`;
  }
  if ("subset" in m) {
    const want = value("subset");
    return partialMatch(actual, want)
      ? undefined
      : `is ${show(actual)}, expected it to include ${show(want)}`;
  }
  if ("length" in m) {
    const length = typeof actual === "string" || Array.isArray(actual) ? actual.length : undefined;
    const want = m.length as number | { min?: number; max?: number };
    const bounds = typeof want === "number" ? { min: want, max: want } : want;
    const ok =
      length !== undefined &&
      length >= (bounds.min ?? 0) &&
      length <= (bounds.max ?? Number.POSITIVE_INFINITY);
    return ok ? undefined : `has length ${length ?? "(none)"}, expected ${show(want)}`;
  }
  if ("atLeast" in m || "atMost" in m) {
    const bound = Number(value("atLeast" in m ? "atLeast" : "atMost"));
    const ok = typeof actual === "number" && ("atLeast" in m ? actual >= bound : actual <= bound);
    return ok
      ? undefined
      : `is ${show(actual)}, expected ${"atLeast" in m ? "at least" : "at most"} ${bound}`;
  }
  if ("schema" in m || "specSchema" in m) {
    const findings =
      "schema" in m
        ? context.validator.validateSchema(m.schema as object, actual)
        : context.validator.validateComponent(String(m.specSchema), actual);
    const first = findings[0];
    return first === undefined
      ? undefined
      : `does not match the schema: ${first.pointer || "/"} ${first.message}`;
  }
  if ("not" in m)
    return match(m.not as Matcher, actual, context) === undefined
      ? `is ${show(actual)}, which it must not match`
      : undefined;
  const failures = (m.all as Matcher[])
    .map((each) => match(each, actual, context))
    .filter((f) => f !== undefined);
  return failures.length === 0 ? undefined : failures.join("; ");
}
