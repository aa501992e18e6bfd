// Turns the bytes of a request body into JSON, refusing what JSON parsers disagree on or what would hurt
// the code behind them, each with 400 `invalidSyntax` (RFC 7644 §3.12) naming the problem:
// - bytes that are not UTF-8 (RFC 8259 §8.1 and RFC 7644 §3.8 require UTF-8): decoding them leniently
//   would store U+FFFD in place of what the client sent, and acknowledge data that was never received;
// - escaped lone surrogates ("\ud800"), which RFC 8259 §8.2 leaves unpredictable and which no UTF-8
//   datastore can hold, so the value read back would differ from the value written;
// - nesting deeper than `maxJsonDepth` (RFC 8259 §9: "An implementation may set limits on the maximum
//   depth of nesting"). SCIM bodies nest about ten levels at most (a PATCH inside a Bulk operation
//   setting the enterprise manager); every recursive walk behind this point is then safe from stack
//   exhaustion, which a 100,000-level body otherwise caused.
// A byte-order mark is ignored (RFC 8259 §8.1 allows it).
import { ScimError } from "../protocol/errors/scim-error.js";

export const maxJsonDepth = 32;

const loneSurrogate = /\p{Cs}/u;
/**
 * Where a lone surrogate can come from: the strict decoder refuses one encoded as bytes (UTF-8 cannot
 * carry surrogates), so only a `\uD800`–`\uDFFF` escape in the text makes one. A text without such an
 * escape skips the per-string test (about 3 µs per user of a Bulk import, issue #8).
 */
const surrogateEscape = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const decoder = new TextDecoder("utf-8", { fatal: true });

function invalid(detail: string): ScimError {
  return new ScimError(400, "invalidSyntax", detail);
}

/** The first problem of a parsed value: too deep, or a string (or key) with a lone surrogate. */
function shapeProblem(root: unknown): string | undefined {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value === "string") {
      if (loneSurrogate.test(value)) return "holds a lone UTF-16 surrogate escape (RFC 8259 §8.2)";
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth > maxJsonDepth) return `nests deeper than ${maxJsonDepth} levels`;
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (loneSurrogate.test(key)) return "holds a lone UTF-16 surrogate escape in a name (RFC 8259 §8.2)";
      stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/**
 * Whether a parsed value nests deeper than maxJsonDepth. Recursion stops one level past the limit, so it
 * is as safe as the explicit stack of shapeProblem, and it allocates nothing: a body that cannot hold a
 * lone surrogate needs only this (a /Bulk import's tuples and key arrays were about 4 % of its garbage).
 */
function tooDeep(value: unknown, depth: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (depth > maxJsonDepth) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (tooDeep(item, depth + 1)) return true;
    return false;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) if (Object.hasOwn(object, key) && tooDeep(object[key], depth + 1)) return true;
  return false;
}

export interface ParsedBody {
  /** The decoded text, "" for an empty body. */
  readonly text: string;
  /** undefined for an empty (or whitespace-only) body. */
  readonly value: unknown;
}

export function parseJsonBody(bytes: Uint8Array): ParsedBody {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw invalid("The request body is not valid UTF-8 (RFC 8259 §8.1, RFC 7644 §3.8).");
  }
  if (text.trim() === "") return { text, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid("The request body is not valid JSON.");
  }
  const problem = surrogateEscape.test(text)
    ? shapeProblem(value)
    : tooDeep(value, 1)
      ? `nests deeper than ${maxJsonDepth} levels`
      : undefined;
  if (problem !== undefined) throw invalid(`The request body ${problem}.`);
  return { text, value };
}
