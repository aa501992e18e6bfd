// Comparison keys for attributes that have no index rows, computed in JS before an entry is written.
// SQLite evaluates those filters by calling the JS key functions from SQL; PostgreSQL cannot call JS, and
// re-implementing the keys in SQL (Unicode case folding with NFC and the final-sigma rule, xsd:dateTime
// instants, IEEE 754 number order) could not be shown equal to compare-values.ts. So each entry carries a
// *key document* (column `keydoc`, jsonb): the entry's attributes with every scalar replaced by its keys,
// one per key class, each computed by store-key.ts `storeKey` itself. SQL only navigates the structure and
// picks the class the filter's attribute asks for; it never computes a key.
//
// A node is a JSON object tagged with `t` (the JSON type, in SQLite's json_type vocabulary):
//   text     {"t":"text","f":fold,"x":exact,"d":instant}  x omitted when equal to f, d when not a dateTime
//   number   {"t":"number","n":key}     true/false {"t":"true","b":key}    null {"t":"null"}
//   array    {"t":"array","a":[nodes]}  object {"t":"object","o":{name: node}}
// and `"e":1` when the value is not present in the sense of RFC 7644 §3.4.2.2 `pr` (entry-values.ts
// isPresentValue: null, "", and arrays or objects with nothing present), since presence of an object
// depends on all its members and SQL would otherwise have to recurse.
import type { AttributeType } from "../../protocol/schema/schema-definition.js";
import type { EntryAttributes, EntryValue } from "../datastore.js";
import { isEntryObject, isPresentValue } from "../entry-values.js";
import { storeKey } from "../store-key.js";

/** The keys a scalar may have. Each StoreAttribute (type, caseExact) reads exactly one class. */
export type KeyClass = "f" | "x" | "d" | "n" | "b";

/** The (type, caseExact) whose storeKey each class holds. */
export const classRepresentatives: Readonly<Record<KeyClass, readonly [AttributeType, boolean]>> = {
  f: ["string", false],
  x: ["string", true],
  d: ["dateTime", false],
  n: ["decimal", false],
  b: ["boolean", false],
};

/**
 * The class whose key equals storeKey(value, type, caseExact) for every value; undefined for complex
 * (no key). compare-values.ts: reference and binary are case-exact whatever caseExact says, and integer
 * and decimal share one numeric key; postgres-key-document.test.ts checks these equalities by property.
 */
export function keyClassOf(type: AttributeType, caseExact: boolean): KeyClass | undefined {
  switch (type) {
    case "string":
      return caseExact ? "x" : "f";
    case "reference":
    case "binary":
      return "x";
    case "dateTime":
      return "d";
    case "integer":
    case "decimal":
      return "n";
    case "boolean":
      return "b";
    case "complex":
      return undefined;
  }
}

export interface KeyNode {
  readonly t: "null" | "true" | "false" | "number" | "text" | "array" | "object";
  readonly e?: 1;
  readonly f?: string;
  readonly x?: string;
  readonly d?: string;
  readonly n?: string;
  readonly b?: string;
  readonly a?: readonly KeyNode[];
  readonly o?: { readonly [name: string]: KeyNode };
}

/** A node under construction; frozen shapes are not needed, only the JSON it becomes. */
type MutableNode = { -readonly [K in keyof KeyNode]: KeyNode[K] };

const keyOf = (value: EntryValue, cls: KeyClass) =>
  storeKey(value, classRepresentatives[cls][0], classRepresentatives[cls][1]);

/** The two boolean nodes never change: their keys are computed once (a User has several booleans). */
const booleanNodes = {
  true: booleanNode(true),
  false: booleanNode(false),
} as const;

function booleanNode(value: boolean): KeyNode {
  const node: MutableNode = { t: value ? "true" : "false" };
  const b = keyOf(value, "b");
  if (b !== undefined) node.b = b;
  return Object.freeze(node);
}

/**
 * How a member name is stored and looked up: jsonb refuses lone surrogates, so names are made
 * well-formed on both sides (the case-exact key of a text is the text, well-formed).
 */
export function keyDocumentName(name: string): string {
  return storeKey(name, "string", true) ?? name;
}

// Nodes are built by assignment in JSON key order (t, e, then the keys), never by spreading partial
// objects: keyNode runs for every scalar of every write to PostgreSQL, and the spreads allocated several
// objects per scalar.
export function keyNode(value: EntryValue): KeyNode {
  if (value === null) return { t: "null", e: 1 };
  if (typeof value === "string") {
    const node: MutableNode = { t: "text" };
    if (value === "") node.e = 1;
    const f = keyOf(value, "f");
    const x = keyOf(value, "x");
    const d = keyOf(value, "d");
    if (f !== undefined) node.f = f;
    if (x !== undefined && x !== f) node.x = x;
    if (d !== undefined) node.d = d;
    return node;
  }
  if (typeof value === "number") {
    const node: MutableNode = { t: "number" };
    const n = keyOf(value, "n");
    if (n !== undefined) node.n = n;
    return node;
  }
  if (typeof value === "boolean") return value ? booleanNodes.true : booleanNodes.false;
  if (Array.isArray(value)) {
    const node: MutableNode = { t: "array" };
    if (!isPresentValue(value)) node.e = 1;
    node.a = value.map(keyNode);
    return node;
  }
  if (isEntryObject(value)) {
    const node: MutableNode = { t: "object" };
    if (!isPresentValue(value)) node.e = 1;
    const o: Record<string, KeyNode> = {};
    for (const [name, member] of Object.entries(value)) o[keyDocumentName(name)] = keyNode(member);
    node.o = o;
    return node;
  }
  throw new Error(`not a JSON value: ${typeof value}`);
}

/** The key document of an entry's attributes, as the jsonb text to store. */
export function keyDocument(attributes: EntryAttributes): string {
  return JSON.stringify(keyNode(attributes));
}

/** The key node of a member display (a text or nothing), for `members.display` filters. */
export function displayKeys(display: string | null): string | null {
  return display === null ? null : JSON.stringify(keyNode(display));
}

/** Whether a value holds U+0000 anywhere (a name or a text): PostgreSQL text cannot store it. */
export function containsNul(value: EntryValue): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (isEntryObject(value)) {
    for (const [name, member] of Object.entries(value)) {
      if (name.includes("\u0000") || containsNul(member)) return true;
    }
  }
  return false;
}
