// What a StoreAttribute denotes inside one entry's mapped attributes. This is the single definition that
// the in-memory matcher evaluates and that the SQL stores reproduce (index rows are computed with these
// functions; JSON evaluation in SQL follows the same shape rules), so it is kept deliberately literal:
// - a multi-valued attribute contributes each array element (a bare scalar counts as one element,
//   an object stored where an array belongs contributes nothing);
// - a sub-attribute is read from each element that is an object, and is never flattened further;
// - a single-valued attribute contributes its value, or with a sub-attribute, the value's member.
import type { EntryAttributes, EntryValue, ResourcePlan, StoreAttribute } from "./datastore.js";
import { storeKey } from "./store-key.js";

export type EntryObject = { readonly [key: string]: EntryValue };

export function isEntryObject(value: EntryValue | undefined): value is EntryObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The elements of an attribute, as a value filter `attr[...]` iterates them (RFC 7644 §3.4.2.2). */
export function elementsOf(attributes: EntryAttributes, name: string, multiValued: boolean): EntryValue[] {
  const raw = attributes[name];
  if (raw === undefined || raw === null) return [];
  if (!multiValued) return [raw];
  if (Array.isArray(raw)) return [...raw];
  return isEntryObject(raw) ? [] : [raw];
}

/** One element's value for an attribute named inside a value filter: its sub-attribute, or itself. */
export function elementValue(element: EntryValue, subPath: string | undefined): EntryValue | undefined {
  if (subPath === undefined) return element;
  return isEntryObject(element) ? element[subPath] : undefined;
}

/** Every value an entry-source attribute has (nulls included; callers skip what is not comparable). */
export function valuesOf(attributes: EntryAttributes, attr: StoreAttribute): EntryValue[] {
  const values: EntryValue[] = [];
  for (const element of elementsOf(attributes, attr.name, attr.multiValued)) {
    const value = elementValue(element, attr.subPath);
    if (value !== undefined) values.push(value);
  }
  return values;
}

/**
 * RFC 7644 §3.4.2.2 `pr`: "has a non-empty value, or ... contains a non-empty node for complex
 * attributes": null, "", [] and objects whose members are all absent are not present.
 */
export function isPresentValue(value: EntryValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value !== "";
  if (Array.isArray(value)) return value.some(isPresentValue);
  if (isEntryObject(value)) return Object.values(value).some(isPresentValue);
  return true;
}

/** The distinct comparison keys of an attribute in an entry: what an index holds for it. */
export function keysOf(attributes: EntryAttributes, attr: StoreAttribute): string[] {
  const keys = new Set<string>();
  for (const value of valuesOf(attributes, attr)) {
    const key = storeKey(value, attr.type, attr.caseExact);
    if (key !== undefined) keys.add(key);
  }
  return [...keys];
}

/**
 * The key an entry sorts by (RFC 7644 §3.4.2.3): a singular attribute's value; for a multi-valued one
 * "the value of the primary attribute, if any, or else the first value in the list, if any".
 * Undefined when the entry has no value to sort by (it then sorts last ascending, first descending).
 */
export function sortKeyOf(attributes: EntryAttributes, attr: StoreAttribute): string | undefined {
  let first: string | undefined;
  for (const element of elementsOf(attributes, attr.name, attr.multiValued)) {
    const key = storeKey(elementValue(element, attr.subPath), attr.type, attr.caseExact);
    if (key === undefined) continue;
    if (attr.multiValued && isEntryObject(element) && element.primary === true) return key;
    first ??= key;
  }
  return first;
}

/**
 * A member's `display` (RFC 7643 §4.2 `members.display`): the first of the plan's display attributes
 * that has a non-empty text value, e.g. displayName, then userName.
 */
export function displayOf(attributes: EntryAttributes, plan: ResourcePlan | undefined): string | undefined {
  for (const name of plan?.displayAttributes ?? []) {
    const value = attributes[name];
    if (typeof value === "string" && value !== "") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
  }
  return undefined;
}

/** The stable text that names an entry attribute in index tables and error details ("emails.value"). */
export function attributeLabel(attr: Pick<StoreAttribute, "name" | "subPath">): string {
  return attr.subPath === undefined ? attr.name : `${attr.name}.${attr.subPath}`;
}

/** Whether two attributes name the same thing (plans list attributes; filters refer to them). */
export function sameAttribute(a: StoreAttribute, b: StoreAttribute): boolean {
  return a.source === b.source && a.name === b.name && a.subPath === b.subPath;
}
