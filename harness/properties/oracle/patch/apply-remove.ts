// Apply a PATCH remove operation (RFC 7644 §3.5.2.2). Without a path it fails with noTarget; a
// required or readOnly attribute cannot become unassigned (scimType mutability); a value filter removes
// the matching values, or their sub-attribute.
import type { JsonObject } from "../../json/json.js";
import { cloneJson, getCi, isObject, isUnassigned } from "../../json/json.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import type { AttributeDef } from "../../schema-model/schema-model.js";
import { matchesValue } from "../filter/evaluate-filter.js";
import type { PatchOperation } from "./patch-ast.js";
import type { Branch } from "./patch-state.js";
import { asValues, PatchModelGap, readAttr, refuse, state, withSub, writeAttr } from "./patch-state.js";
import { resolveTarget } from "./patch-target.js";

const mutability = (attr: AttributeDef, why: string): Branch =>
  refuse(["mutability"], `${attr.path}: ${why} (RFC 7644 §3.5.2.2)`);

/**
 * Removing nothing: RFC 7644 asks for "no changes" in its member example and lists noTarget for a
 * path that "did not yield an attribute or attribute value" (Table 9), so both are accepted.
 */
const nothingToRemove = (resource: JsonObject, what: string): Branch[] => [
  state(resource),
  refuse(["noTarget"], `${what} has nothing to remove`),
];

function changed(resource: JsonObject, change: (copy: JsonObject) => void): Branch[] {
  const copy = cloneJson(resource);
  change(copy);
  return [state(copy)];
}

export function applyRemove(type: ResourceTypeModel, resource: JsonObject, op: PatchOperation): Branch[] {
  if (op.path === undefined) return [refuse(["noTarget"], 'remove without "path" (RFC 7644 §3.5.2.2)')];
  const target = resolveTarget(type, op.path);
  if (target.kind === "invalid") return [refuse(["invalidPath", "noTarget"], target.reason)];
  const { resolved } = target;
  const attr = resolved.attribute;
  if (attr.mutability === "readOnly") return [mutability(attr, "a readOnly attribute cannot be removed")];
  const current = readAttr(resource, resolved);

  if (target.kind === "attribute") {
    const sub = resolved.sub;
    if (sub === undefined) {
      if (attr.required) return [mutability(attr, "a required attribute cannot become unassigned")];
      if (isUnassigned(current)) return nothingToRemove(resource, attr.path);
      if (attr.mutability === "immutable") return [mutability(attr, "an immutable value cannot be removed")];
      return changed(resource, (copy) => writeAttr(copy, resolved, undefined));
    }
    if (attr.multiValued) throw new PatchModelGap(`${sub.path} without a value filter`);
    if (sub.mutability === "readOnly") return [mutability(sub, "a readOnly attribute cannot be removed")];
    if (isUnassigned(getCi(current, sub.name))) return nothingToRemove(resource, sub.path);
    if (sub.required) return [mutability(sub, "a required sub-attribute cannot become unassigned")];
    if (sub.mutability === "immutable" || attr.mutability === "immutable") {
      return [mutability(sub, "an immutable value cannot be removed")];
    }
    return changed(resource, (copy) => writeAttr(copy, resolved, withSub(current, sub, undefined)));
  }

  const values = asValues(current);
  const matched = values.map((v) => {
    const m = isObject(v) ? matchesValue(target.filter, type, attr, v) : false;
    if (m === "unknown")
      throw new PatchModelGap(`the filter on ${attr.path} is open for ${JSON.stringify(v)}`);
    return m;
  });
  if (!matched.some(Boolean)) return nothingToRemove(resource, `${attr.path}[filter]`);
  const sub = target.sub;
  if (sub === undefined) {
    if (attr.mutability === "immutable") return [mutability(attr, "immutable values cannot be removed")];
    const rest = values.filter((_, i) => !matched[i]);
    // "If no other values remain after removal of the selected values, the multi-valued attribute SHALL
    // be considered unassigned."
    if (rest.length === 0 && attr.required)
      return [mutability(attr, "a required attribute cannot become unassigned")];
    return changed(resource, (copy) => writeAttr(copy, resolved, rest));
  }
  if (sub.mutability === "readOnly") return [mutability(sub, "a readOnly attribute cannot be removed")];
  if (!values.some((v, i) => matched[i] && !isUnassigned(getCi(v, sub.name)))) {
    return nothingToRemove(resource, `${sub.path} of the matching values`);
  }
  if (sub.required) return [mutability(sub, "a required sub-attribute cannot become unassigned")];
  if (sub.mutability === "immutable") return [mutability(sub, "an immutable value cannot be removed")];
  const next = values
    .map((v, i) => (matched[i] ? withSub(v, sub, undefined) : v))
    .filter((v) => !isUnassigned(v));
  return changed(resource, (copy) => writeAttr(copy, resolved, next));
}
