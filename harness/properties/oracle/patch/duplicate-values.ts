// Duplicate values of a multi-valued attribute in a PATCH result (RFC 7643 §2.4: a service provider
// "SHOULD NOT return the same (type, value) combination more than once per attribute, as this situation
// has no meaning"). The RFC does not say which of two such values survives, so the model accepts every
// reasonable settlement of identical duplicates, and declares a request that creates two values of one
// identity with different data a model gap (the check discards it) rather than guess.
import type { JsonObject } from "../../json/json.js";
import { cloneJson, getCi, isObject, isUnassigned } from "../../json/json.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import type { AttributeDef, ResolvedPath } from "../../schema-model/schema-model.js";
import { findAttribute } from "../../schema-model/schema-model.js";
import { generatedValueKey, typeValueKey } from "../../values/value-identity.js";
import type { Branch } from "./patch-state.js";
import {
  asValues,
  canonicalText,
  PatchModelGap,
  readAttr,
  withoutFalsePrimary,
  writeAttr,
} from "./patch-state.js";

type Settlement = "first" | "last" | "merged";

function multiValued(type: ResourceTypeModel): ResolvedPath[] {
  return type
    .topLevel()
    .filter(({ attribute }) => attribute.multiValued)
    .map(({ attribute, schema, extension }) => ({
      schema,
      extension,
      attribute,
      sub: undefined,
      target: attribute,
    }));
}

/**
 * One value per (type, value) pair: the first or the last of each group, or the first with the gaps its
 * duplicates fill and primary true when any of them is primary (the reference server's way).
 */
function settle(attr: AttributeDef, values: readonly unknown[], how: Settlement): unknown[] {
  const groups = new Map<string, unknown[]>();
  for (const v of values) {
    const key = typeValueKey(attr, v);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const out: unknown[] = [];
  const placed = new Set<string>();
  const ordered = how === "last" ? [...values].reverse() : values;
  for (const v of ordered) {
    const key = typeValueKey(attr, v);
    if (placed.has(key)) continue;
    placed.add(key);
    const group = groups.get(key) ?? [v];
    if (how !== "merged" || !isObject(v)) {
      out.push(v);
      continue;
    }
    const merged: JsonObject = { ...v };
    const primary = findAttribute(attr.subAttributes, "primary");
    for (const other of group.slice(1)) {
      if (!isObject(other)) continue;
      for (const [k, x] of Object.entries(other)) {
        const sub = findAttribute(attr.subAttributes, k);
        if (sub === undefined || !isUnassigned(getCi(merged, sub.name))) continue;
        merged[sub.name] = x;
      }
      if (primary !== undefined && getCi(other, primary.name) === true) merged[primary.name] = true;
    }
    out.push(merged);
  }
  return how === "last" ? out.reverse() : out;
}

/**
 * The states a server may show for `resource` when it collapses duplicates: each attribute with
 * duplicates kept as is or settled one of three ways, independently (a server may collapse emails by
 * (type, value) and leave addresses, which it identifies by all their data, alone).
 */
export function collapsedVariants(type: ResourceTypeModel, resource: JsonObject): JsonObject[] {
  let variants: JsonObject[] = [resource];
  for (const resolved of multiValued(type)) {
    const values = asValues(readAttr(resource, resolved));
    const keys = new Set(values.map((v) => typeValueKey(resolved.attribute, v)));
    if (keys.size === values.length) continue;
    variants = variants.flatMap((variant) => [
      variant,
      ...(["first", "last", "merged"] as const).map((how) => {
        const copy = cloneJson(variant);
        writeAttr(copy, resolved, settle(resolved.attribute, asValues(readAttr(copy, resolved)), how));
        return copy;
      }),
    ]);
  }
  return variants.slice(1);
}

/**
 * Pairs of values that share an identity (the value, or the type where there is no value sub-attribute:
 * the loosest any server uses, see generatedValueKey) but differ otherwise, primary false and absent
 * being one. Whether a server keeps the first or the last, merges them, or drops the newcomer as soon as
 * it is added (which changes what later operations match) is its choice.
 */
export function partialDuplicates(type: ResourceTypeModel, resource: JsonObject): Set<string> {
  const found = new Set<string>();
  for (const resolved of multiValued(type)) {
    const attr = resolved.attribute;
    const seen = new Map<string, string>();
    for (const v of asValues(readAttr(resource, resolved))) {
      const key = generatedValueKey(attr, v);
      const text = canonicalText(withoutFalsePrimary(attr, v));
      const first = seen.get(key);
      if (first === undefined) seen.set(key, text);
      else if (first !== text) found.add(`${attr.path}\u0000${key}`);
    }
  }
  return found;
}

/**
 * Throws PatchModelGap when every state operation `index` may lead to holds a partial duplicate the
 * resource did not have before the request; a branch without one (the RFC's "no changes SHOULD be
 * made" for a value already present) keeps the request decidable.
 */
export function refuseNewDuplicates(
  type: ResourceTypeModel,
  before: ReadonlySet<string>,
  branches: readonly Branch[],
  index: number,
): void {
  const states = branches.flatMap((b) => (b.kind === "state" ? [b.resource] : []));
  if (states.length === 0) return;
  const fresh = states.map((s) => [...partialDuplicates(type, s)].filter((d) => !before.has(d)));
  if (fresh.every((d) => d.length > 0)) {
    const [path = "", key = ""] = (fresh[0]?.[0] ?? "").split("\u0000");
    throw new PatchModelGap(
      `operation ${index + 1} leaves two values of ${path} with the identity ${key} and different data (RFC 7643 §2.4 leaves which one survives to the server)`,
    );
  }
}
