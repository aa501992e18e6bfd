// Setting attribute values the way PATCH add and replace do (RFC 7644 §3.5.2.1, §3.5.2.3), honouring
// mutability (RFC 7644 §3.5.2: "a client MUST NOT modify an attribute that has mutability 'readOnly' or
// 'immutable'. However, a client MAY 'add' a value to an 'immutable' attribute if the attribute had no
// previous value"; the refusal is a 400 with scimType mutability, Table 9).
import type { JsonObject } from "../../json/json.js";
import { cloneJson, getCi, isObject, isUnassigned } from "../../json/json.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import type { AttributeDef, ResolvedPath } from "../../schema-model/schema-model.js";
import { findAttribute } from "../../schema-model/schema-model.js";
import type { Branch } from "./patch-state.js";
import {
  asValues,
  enforcePrimary,
  holdsValue,
  lastPrimary,
  PatchModelGap,
  readAttr,
  refuse,
  state,
  withSub,
  writeAttr,
} from "./patch-state.js";

export type AssignOp = "add" | "replace";

const mutability = (attr: AttributeDef, why: string): Branch =>
  refuse(["mutability"], `${attr.path} is ${attr.mutability}: ${why} (RFC 7644 §3.5.2)`);

/** Re-setting an immutable value to what it already is: no change, or a mutability error. */
function unchangedOrRefused(resource: JsonObject, attr: AttributeDef): Branch[] {
  return [state(resource), mutability(attr, "an already-set value cannot be written, even unchanged")];
}

function after(resource: JsonObject, change: (copy: JsonObject) => void): Branch {
  const copy = cloneJson(resource);
  change(copy);
  return state(copy);
}

/** The multi-valued cases: add appends (without duplicates, RFC 7644 §3.5.2.1 SHOULD), replace sets. */
function assignMulti(resource: JsonObject, resolved: ResolvedPath, value: unknown, op: AssignOp): Branch[] {
  const attr = resolved.attribute;
  const existing = asValues(readAttr(resource, resolved));
  const incoming = asValues(value);
  if (attr.mutability === "immutable" && existing.length > 0)
    return [mutability(attr, "it already has values")];
  if (attr.type === "complex") {
    for (const v of incoming) {
      if (!isObject(v))
        throw new PatchModelGap(`${attr.path} takes complex values, got ${JSON.stringify(v)}`);
      for (const k of Object.keys(v)) {
        const sub = findAttribute(attr.subAttributes, k);
        if (sub === undefined) throw new PatchModelGap(`${attr.path} has no sub-attribute ${k}`);
        if (sub.mutability === "readOnly") return [mutability(sub, "it cannot be written")];
      }
    }
  }
  const finish = (values: unknown[], firstNew: number): Branch =>
    after(resource, (copy) => {
      const keep = lastPrimary(attr, values);
      writeAttr(copy, resolved, keep >= firstNew ? enforcePrimary(attr, values, keep) : values);
    });
  if (op === "replace") return [finish(incoming, 0)];
  // "If the target location already contains the value specified, no changes SHOULD be made": a
  // server that appends the duplicate anyway only misses a SHOULD, so both outcomes are accepted.
  const fresh = incoming.filter((v) => !existing.some((e) => holdsValue(attr, e, v)));
  const branches = [finish([...existing, ...fresh], existing.length)];
  if (fresh.length !== incoming.length) branches.push(finish([...existing, ...incoming], existing.length));
  return branches;
}

/** A complex single-valued attribute: the given sub-attributes replace or add (RFC 7644 §3.5.2.1, §3.5.2.3). */
function assignComplex(resource: JsonObject, resolved: ResolvedPath, value: unknown): Branch[] {
  const attr = resolved.attribute;
  if (!isObject(value)) throw new PatchModelGap(`${attr.path} takes a set of sub-attributes`);
  const current = readAttr(resource, resolved);
  let merged: JsonObject = isObject(current) ? { ...current } : {};
  let unchanged = true;
  for (const [k, v] of Object.entries(value)) {
    const sub = findAttribute(attr.subAttributes, k);
    if (sub === undefined) throw new PatchModelGap(`${attr.path} has no sub-attribute ${k}`);
    if (sub.mutability === "readOnly") return [mutability(sub, "it cannot be written")];
    const old = getCi(merged, sub.name);
    const same = !isUnassigned(old) && holdsValue(sub, old, v);
    if (!same) unchanged = false;
    if ((sub.mutability === "immutable" || attr.mutability === "immutable") && !isUnassigned(old) && !same) {
      return [mutability(sub, "it already has a value")];
    }
    merged = withSub(merged, sub, v);
  }
  if (attr.mutability === "immutable" && !isUnassigned(current) && unchanged)
    return unchangedOrRefused(resource, attr);
  return [after(resource, (copy) => writeAttr(copy, resolved, merged))];
}

/** Add or replace at a top-level attribute (`path` naming it, or a key of a path-less value). */
export function assignAttribute(
  resource: JsonObject,
  resolved: ResolvedPath,
  value: unknown,
  op: AssignOp,
): Branch[] {
  const attr = resolved.attribute;
  if (attr.mutability === "readOnly") return [mutability(attr, "it cannot be written")];
  if (attr.multiValued) return assignMulti(resource, resolved, value, op);
  if (attr.type === "complex") return assignComplex(resource, resolved, value);
  const current = readAttr(resource, resolved);
  if (attr.mutability === "immutable" && !isUnassigned(current)) {
    return holdsValue(attr, current, value)
      ? unchangedOrRefused(resource, attr)
      : [mutability(attr, "it already has a value")];
  }
  return [after(resource, (copy) => writeAttr(copy, resolved, value))];
}

/** Add or replace at `attr.sub` of a single-valued complex attribute ("name.givenName"). */
export function assignSub(resource: JsonObject, resolved: ResolvedPath, value: unknown): Branch[] {
  const { attribute: attr, sub } = resolved;
  if (sub === undefined) return assignAttribute(resource, resolved, value, "replace");
  // "emails.value" without a filter names a sub-attribute of every value: RFC 7644 leaves it open.
  if (attr.multiValued) throw new PatchModelGap(`${resolved.target.path} without a value filter`);
  if (attr.mutability === "readOnly" || sub.mutability === "readOnly")
    return [mutability(sub, "it cannot be written")];
  const current = readAttr(resource, resolved);
  const old = getCi(current, sub.name);
  if ((sub.mutability === "immutable" || attr.mutability === "immutable") && !isUnassigned(old)) {
    return holdsValue(sub, old, value)
      ? unchangedOrRefused(resource, sub)
      : [mutability(sub, "it already has a value")];
  }
  return [after(resource, (copy) => writeAttr(copy, resolved, withSub(current, sub, value)))];
}

/**
 * The attributes of a path-less add/replace value (RFC 7644 §3.5.2.1, §3.5.2.3: "the value parameter
 * contains a set of attributes"): plain or URN-qualified names, and extension objects under their URN.
 */
export function valueAttributes(type: ResourceTypeModel, value: unknown): [ResolvedPath, unknown][] {
  if (!isObject(value)) throw new PatchModelGap("a path-less add or replace needs an object value");
  const out: [ResolvedPath, unknown][] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key.toLowerCase() === "schemas") continue;
    const ext = type.schemaByUrn(key);
    if (ext?.extension) {
      if (!isObject(v)) throw new PatchModelGap(`${key} must hold an object`);
      for (const [name, inner] of Object.entries(v)) {
        const resolved = type.resolve(`${ext.schema.id}:${name}`);
        if (resolved === undefined) throw new PatchModelGap(`${key}:${name} is unknown`);
        out.push([resolved, inner]);
      }
      continue;
    }
    const resolved = type.resolve(key);
    if (resolved === undefined || resolved.sub !== undefined)
      throw new PatchModelGap(`${key} is not an attribute`);
    out.push([resolved, v]);
  }
  return out;
}
