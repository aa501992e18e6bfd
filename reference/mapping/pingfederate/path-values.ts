// Values at mapping paths, both ways. Writing takes a path's value out of the SCIM request: a whole
// attribute, one sub-attribute, or a sub-attribute across the elements of a multi-valued attribute (all of
// them, or those of one type for PingFederate's flattened `emails.work.value`). Reading puts values back and
// un-flattens: `emails.work.value` ← "a" becomes `emails: [{ type: "work", value: "a" }]`, and several paths
// of one group are merged element by element (`emails.work.value` and `emails.work.primary` give one email).
//
// Across elements, one value is stored as itself and several as an array in element order. When other paths
// take other sub-attributes of the same elements (`phoneNumbers.work.value` and `phoneNumbers.work.display`),
// absent values are kept as null placeholders so that the i-th values of each path belong to one element.
import type { EntryValue } from "../../datastore/datastore.js";
import { complexElements, getIgnoringCase } from "../../protocol/filter/resource-values.js";
import type { JsonObject, JsonValue } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import { copyJson } from "../copy-json.js";
import type { MappingPath } from "./mapping-path.js";
import type { ElementGroup, ReadLayout } from "./read-layout.js";
import type { ReadSlot } from "./resource-mapping.js";

/** RFC 7643 §2.5: null, [] and {} are unassigned. */
export function isUnassigned(value: JsonValue | EntryValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

function topValue(resource: JsonObject, path: MappingPath): JsonValue | undefined {
  const top = path.top;
  if (!top.extension) return getIgnoringCase(resource, top.attribute.name);
  const container = getIgnoringCase(resource, top.schema);
  return isJsonObject(container) ? getIgnoringCase(container, top.attribute.name) : undefined;
}

function sameType(element: JsonObject, type: string): boolean {
  const value = getIgnoringCase(element, "type");
  return typeof value === "string" && value.toLowerCase() === type.toLowerCase();
}

/** The value a SCIM_USER/SCIM_GROUP source writes; undefined when the request has none. */
export function valueAtPath(
  resource: JsonObject,
  path: MappingPath,
  compact: boolean,
): JsonValue | undefined {
  const top = topValue(resource, path);
  if (path.kind === "attribute") return isUnassigned(top) || top === undefined ? undefined : copyJson(top);
  const sub = path.leaf.subAttribute?.name ?? "";
  if (!path.top.attribute.multiValued) {
    const value = isJsonObject(top) ? getIgnoringCase(top, sub) : undefined;
    return isUnassigned(value) || value === undefined ? undefined : copyJson(value);
  }
  const type = path.type;
  const elements = complexElements(top).filter((e) => type === undefined || sameType(e, type));
  const values = elements.map((e) => {
    const v = getIgnoringCase(e, sub);
    return isUnassigned(v) || v === undefined ? null : copyJson(v);
  });
  const kept = compact ? values.filter((v) => v !== null) : values;
  if (kept.every((v) => v === null) || kept.length === 0) return undefined;
  return kept.length === 1 ? (kept[0] as JsonValue) : kept;
}

/** The i-th value of a group path's value (a single value counts as the first). */
function nth(value: JsonValue | undefined, i: number): JsonValue | undefined {
  if (Array.isArray(value)) return value[i];
  return i === 0 ? value : undefined;
}

function groupElements(group: ElementGroup, values: ReadonlyMap<ReadSlot, JsonValue>): JsonObject[] {
  let count = 0;
  for (const slot of group.subs.values()) {
    const v = values.get(slot);
    if (v !== undefined) count = Math.max(count, Array.isArray(v) ? v.length : 1);
  }
  const elements: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const element: JsonObject = {};
    for (const slot of group.subs.values()) {
      const v = nth(values.get(slot), i);
      if (!isUnassigned(v)) element[slot.path.leaf.subAttribute?.name ?? ""] = v as JsonValue;
    }
    if (Object.keys(element).length === 0) continue;
    if (group.type !== undefined) element.type = group.type;
    elements.push(element);
  }
  return elements;
}

/** Builds the SCIM attributes from the values each read slot produced (slots without a value are absent). */
export function assembleResource(layout: ReadLayout, values: ReadonlyMap<ReadSlot, JsonValue>): JsonObject {
  const resource: JsonObject = {};
  for (const attribute of layout.values()) {
    const def = attribute.top.attribute;
    let value: JsonValue | undefined;
    const whole = attribute.whole === undefined ? undefined : values.get(attribute.whole);
    if (def.type !== "complex" || (!def.multiValued && attribute.whole !== undefined)) {
      value = def.multiValued && whole !== undefined && !Array.isArray(whole) ? [whole] : whole;
    } else if (!def.multiValued) {
      const object: JsonObject = {};
      for (const slot of attribute.subs.values()) {
        const v = values.get(slot);
        if (!isUnassigned(v)) object[slot.path.leaf.subAttribute?.name ?? ""] = v as JsonValue;
      }
      value = object;
    } else {
      const elements: JsonValue[] = whole === undefined ? [] : Array.isArray(whole) ? [...whole] : [whole];
      for (const group of attribute.groups) elements.push(...groupElements(group, values));
      value = elements;
    }
    if (isUnassigned(value)) continue;
    if (!attribute.top.extension) {
      resource[def.name] = value as JsonValue;
      continue;
    }
    const bucket = resource[attribute.top.schema];
    const container: JsonObject = isJsonObject(bucket) ? bucket : {};
    container[def.name] = value as JsonValue;
    resource[attribute.top.schema] = container;
  }
  return resource;
}
