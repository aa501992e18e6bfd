// Structural mutation of JSON request bodies: pick a node of the seed (in depth-first order) and set,
// delete, wrap, duplicate, retype or rename it, with values chosen to hurt: lone surrogates, NUL, RTL
// marks, fullwidth look-alikes, numbers past IEEE range, strings as long as the body limit allows and
// nesting 100,000 levels deep (RFC 8259 §9 lets a parser limit depth; a server must refuse, not crash).
// Huge and deep values are spliced in as text after serialisation: building them as objects would
// overflow JSON.stringify's own recursion before the server ever saw them.
import fc from "fast-check";
import type { JsonObject, JsonValue } from "../../../reference/protocol/resource/json.js";

const marker = "\u0001FUZZ:";

/** A value serialised as raw JSON text at the end: `{kind}:{size}`. */
function special(kind: "deepArray" | "deepObject" | "hugeString" | "manyItems", size: number): string {
  return `${marker}${kind}:${size}`;
}

function expand(kind: string, size: number): string {
  switch (kind) {
    case "deepArray":
      return `${"[".repeat(size)}${"]".repeat(size)}`;
    case "deepObject":
      return `${'{"a":'.repeat(size)}1${"}".repeat(size)}`;
    case "hugeString":
      return JSON.stringify("ä".repeat(size));
    default:
      return `[${Array.from({ length: size }, (_, i) => `{"value":"v${i}@example.com"}`).join(",")}]`;
  }
}

export function serialise(value: JsonValue): string {
  const text = JSON.stringify(value);
  // JSON.stringify escapes the \u0001 of the marker as \\u0001.
  return text.replace(/"\\u0001FUZZ:([a-zA-Z]+):(\d+)"/g, (_m, kind: string, size: string) =>
    expand(kind, Number(size)),
  );
}

export const hostileStrings: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "\u202eevil\u202c",
  "\u200f\u200e",
  "\uff41\uff44\uff4d\uff49\uff4e",
  "\u0130stanbul",
  "'; DROP TABLE entries;--",
  '" or 1=1 --',
  "%_\\",
  "*)(uid=*))(|(uid=*",
  "../../etc/passwd",
  "bulkId:",
  "bulkId:qwerty",
  "bulkId:nope",
  "urn:ietf:params:scim:schemas:core:2.0:User:userName",
  "2011-05-13T04:42:34Z",
  "9999-99-99T99:99:99Z",
  'W/"x"',
  "\ufeff",
  "🧑‍💻",
  "__proto__",
  "constructor",
];

export const hostileValueArb: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue> },
  { weight: 4, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<JsonValue>(
      1e308,
      -1e308,
      5e-324,
      -0,
      2 ** 53 + 1,
      -(2 ** 63),
      0.1,
      true,
      false,
      null,
      "true",
      "False",
      "1",
      [],
      {},
      [null],
      { value: null },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(10, 1_000, 100_000).map((n) => special("deepArray", n)) },
  { weight: 1, arbitrary: fc.constantFrom(10, 1_000, 100_000).map((n) => special("deepObject", n)) },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 100_000, 1_000_000).map((n) => special("hugeString", n)) },
  { weight: 1, arbitrary: fc.constantFrom(100, 5_000).map((n) => special("manyItems", n)) },
);

export const hostileKeyArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "userName",
    "USERNAME",
    "schemas",
    "id",
    "meta",
    "members",
    "Operations",
    "op",
    "path",
    "value",
    "data",
    "bulkId",
    "method",
    "filter",
    "$ref",
    "__proto__",
    "constructor",
    "prototype",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
    "name.givenName",
    "",
    "\u0000",
    'emails[type eq "work"]',
  ),
  fc.string({ unit: "binary", maxLength: 10 }),
);

type JsonMutation =
  | { readonly kind: "set"; readonly at: number; readonly value: JsonValue }
  | { readonly kind: "delete"; readonly at: number }
  | { readonly kind: "wrapInArray"; readonly at: number }
  | { readonly kind: "duplicateInto"; readonly at: number; readonly key: string }
  | { readonly kind: "addKey"; readonly at: number; readonly key: string; readonly value: JsonValue }
  | { readonly kind: "renameKey"; readonly at: number; readonly key: string };

export const jsonMutationArb: fc.Arbitrary<JsonMutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: hostileValueArb }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("wrapInArray" as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("duplicateInto" as const), at: fc.nat(), key: hostileKeyArb }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("addKey" as const),
      at: fc.nat(),
      key: hostileKeyArb,
      value: hostileValueArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("renameKey" as const), at: fc.nat(), key: hostileKeyArb }),
  },
);

interface Slot {
  readonly parent: JsonObject | JsonValue[] | undefined;
  readonly key: string | number | undefined;
  readonly value: JsonValue;
}

function slots(root: JsonValue): Slot[] {
  const out: Slot[] = [{ parent: undefined, key: undefined, value: root }];
  for (let i = 0; i < out.length; i++) {
    const { value } = out[i] as Slot;
    if (Array.isArray(value)) {
      for (const [k, v] of value.entries()) out.push({ parent: value, key: k, value: v });
    } else if (typeof value === "object" && value !== null)
      for (const [k, v] of Object.entries(value)) out.push({ parent: value, key: k, value: v });
  }
  return out;
}

function put(slot: Slot, value: JsonValue | undefined): void {
  const { parent, key } = slot;
  if (parent === undefined || key === undefined) return;
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(key as number, 1);
    else parent[key as number] = value;
  } else if (value === undefined) delete (parent as JsonObject)[key as string];
  else
    Object.defineProperty(parent, key as string, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

/**
 * Applies the mutations to a copy; the root may be replaced by a "set" at index 0. Every inserted value is
 * a copy too: fast-check hands out one instance per constant (`{}`, `[null]`), so two mutations could insert
 * the same object into itself (a circle JSON.stringify refuses), and mutating it in place would change the
 * constant for every later case.
 */
export function applyJsonMutations(seed: JsonValue, mutations: readonly JsonMutation[]): JsonValue {
  let root: JsonValue = structuredClone(seed);
  for (const m of mutations) {
    const all = slots(root);
    const slot = all[m.at % all.length] as Slot;
    const isRoot = slot.parent === undefined;
    switch (m.kind) {
      case "set":
        if (isRoot) root = structuredClone(m.value);
        else put(slot, structuredClone(m.value));
        break;
      case "delete":
        if (!isRoot) put(slot, undefined);
        break;
      case "wrapInArray":
        if (isRoot) root = [root];
        else put(slot, [slot.value]);
        break;
      case "duplicateInto":
        if (typeof root === "object" && root !== null && !Array.isArray(root))
          Object.defineProperty(root, m.key, {
            value: structuredClone(slot.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        break;
      case "addKey":
        if (typeof slot.value === "object" && slot.value !== null && !Array.isArray(slot.value))
          Object.defineProperty(slot.value, m.key, {
            value: structuredClone(m.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else if (Array.isArray(slot.value)) slot.value.push(structuredClone(m.value));
        break;
      case "renameKey":
        if (
          !isRoot &&
          typeof slot.key === "string" &&
          slot.parent !== undefined &&
          !Array.isArray(slot.parent)
        ) {
          put(slot, undefined);
          Object.defineProperty(slot.parent, m.key, {
            value: slot.value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        break;
    }
  }
  return root;
}
