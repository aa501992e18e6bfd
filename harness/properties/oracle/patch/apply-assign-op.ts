// Apply a PATCH add (RFC 7644 §3.5.2.1) or replace (RFC 7644 §3.5.2.3) operation: with no path the
// value's attributes are assigned one by one; a path names an attribute or sub-attribute; replace with a
// value filter changes the matching values (and fails with noTarget when none matches).
import type { JsonObject } from "../../json/json.js";
import { cloneJson, getCi, isObject, isUnassigned } from "../../json/json.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import { findAttribute } from "../../schema-model/schema-model.js";
import { matchesValue } from "../filter/evaluate-filter.js";
import type { AssignOp } from "./assign.js";
import { assignAttribute, assignSub, valueAttributes } from "./assign.js";
import type { PatchOperation } from "./patch-ast.js";
import type { Branch } from "./patch-state.js";
import {
  asValues,
  enforcePrimary,
  holdsValue,
  PatchModelGap,
  readAttr,
  refuse,
  state,
  withSub,
  writeAttr,
} from "./patch-state.js";
import { resolveTarget } from "./patch-target.js";

/** Runs `step` on every state branch, in order, passing refusals through. */
function fold(start: Branch[], steps: ((resource: JsonObject) => Branch[])[]): Branch[] {
  let branches = start;
  for (const step of steps) branches = branches.flatMap((b) => (b.kind === "state" ? step(b.resource) : [b]));
  return branches;
}

function replaceFiltered(
  type: ResourceTypeModel,
  resource: JsonObject,
  target: Extract<ReturnType<typeof resolveTarget>, { kind: "filtered" }>,
  value: unknown,
): Branch[] {
  const { resolved, sub } = target;
  const attr = resolved.attribute;
  if (attr.mutability === "readOnly" || sub?.mutability === "readOnly") {
    return [refuse(["mutability"], `${(sub ?? attr).path} is readOnly (RFC 7644 §3.5.2)`)];
  }
  const values = asValues(readAttr(resource, resolved));
  const matched = values.map((v) => {
    const m = isObject(v) ? matchesValue(target.filter, type, attr, v) : false;
    if (m === "unknown")
      throw new PatchModelGap(`the filter on ${attr.path} is open for ${JSON.stringify(v)}`);
    return m;
  });
  const hits = matched.filter(Boolean).length;
  // RFC 7644 §3.5.2.3: "no record match was made, the service provider SHALL indicate failure by
  // returning HTTP status code 400 and a 'scimType' error code of 'noTarget'."
  if (hits === 0) return [refuse(["noTarget"], `${attr.path}[filter] matches no value (RFC 7644 §3.5.2.3)`)];
  const primary = findAttribute(attr.subAttributes, "primary");
  const setsPrimary =
    sub !== undefined ? sub === primary && value === true : getCi(value, "primary") === true;
  if (setsPrimary && hits > 1) throw new PatchModelGap(`primary true on ${hits} values of ${attr.path}`);
  const finish = (next: unknown[]): Branch => {
    const copy = cloneJson(resource);
    const keep = setsPrimary ? matched.indexOf(true) : -1;
    writeAttr(copy, resolved, keep >= 0 ? enforcePrimary(attr, next, keep) : next);
    return state(copy);
  };
  if (sub !== undefined) {
    // "the matching sub-attribute of all matching records is replaced".
    for (const [i, v] of values.entries()) {
      const old = getCi(v, sub.name);
      if (
        matched[i] &&
        sub.mutability === "immutable" &&
        !isUnassigned(old) &&
        !holdsValue(sub, old, value)
      ) {
        return [refuse(["mutability"], `${sub.path} is immutable (RFC 7644 §3.5.2)`)];
      }
    }
    return [finish(values.map((v, i) => (matched[i] ? withSub(v, sub, value) : v)))];
  }
  if (!isObject(value)) throw new PatchModelGap(`${attr.path}[filter] needs a complex value`);
  if (attr.subAttributes.some((s) => s.mutability === "immutable")) {
    throw new PatchModelGap(`${attr.path} has immutable sub-attributes`);
  }
  // "all matching record values SHALL be replaced": read as whole values; servers that merge the given
  // sub-attributes into each matching value (as replace does for a complex attribute) are accepted.
  const whole = finish(values.map((v, i) => (matched[i] ? { ...value } : v)));
  const merged = finish(
    values.map((v, i) =>
      matched[i]
        ? Object.entries(value).reduce<unknown>((acc, [k, x]) => {
            const s = findAttribute(attr.subAttributes, k);
            if (s === undefined) throw new PatchModelGap(`${attr.path} has no sub-attribute ${k}`);
            return withSub(acc, s, x);
          }, v)
        : v,
    ),
  );
  return [whole, merged];
}

export function applyAssign(
  type: ResourceTypeModel,
  resource: JsonObject,
  op: PatchOperation & { op: AssignOp },
): Branch[] {
  if (op.path === undefined) {
    const steps = valueAttributes(type, op.value).map(
      ([resolved, v]) =>
        (r: JsonObject) =>
          assignAttribute(r, resolved, v, op.op),
    );
    return fold([state(resource)], steps);
  }
  const target = resolveTarget(type, op.path);
  if (target.kind === "invalid") return [refuse(["invalidPath", "noTarget"], target.reason)];
  if (target.kind === "filtered") {
    if (op.op === "add")
      throw new PatchModelGap("add with a value filter is not defined by RFC 7644 §3.5.2.1");
    return replaceFiltered(type, resource, target, op.value);
  }
  if (op.value === undefined || op.value === null) throw new PatchModelGap(`${op.op} without a value`);
  return target.resolved.sub !== undefined
    ? assignSub(resource, target.resolved, op.value)
    : assignAttribute(resource, target.resolved, op.value, op.op);
}
