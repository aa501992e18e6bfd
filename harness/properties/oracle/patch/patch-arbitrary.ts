// Generated PATCH requests (RFC 7644 §3.5.2) for a resource as the target returned it: add, replace and
// remove, with and without a path, sub-attribute paths, value filters built from the resource's own
// values (so they match), extension attributes by URN, attribute names in varying case, primary
// values, and now and then an operation the target must refuse (a replace filter that matches nothing,
// a remove without path, removing a required attribute, changing an immutable value; refusal-operations.ts),
// which makes the whole request fail atomically.
import fc from "fast-check";
import type { ValueOptions } from "../../arbitraries/complex-arbitraries.js";
import { attributeArbitrary, writable } from "../../arbitraries/complex-arbitraries.js";
import type { ReferencePool } from "../../arbitraries/reference-pool.js";
import { emptyPool } from "../../arbitraries/reference-pool.js";
import { scalarArbitrary } from "../../arbitraries/scalar-arbitraries.js";
import type { JsonObject } from "../../json/json.js";
import { isObject } from "../../json/json.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import type { AttributeDef } from "../../schema-model/schema-model.js";
import { generatedValueKey } from "../../values/value-identity.js";
import type { PatchOperation } from "./patch-ast.js";
import { patchSites, pathText, spelling, valueFilter } from "./patch-sites.js";
import { asValues as asList, readAttr } from "./patch-state.js";
import { refusalOperations } from "./refusal-operations.js";

export interface PatchArbitraryOptions {
  readonly pool?: ReferencePool;
  /** Operations per request: 1..maxOperations. Default 4. */
  readonly maxOperations?: number;
  /** Relative weight of operations the target must refuse (0 for none). Default 1 (about one in ten). */
  readonly refusalWeight?: number;
  readonly maxStringLength?: number;
}

export function patchArbitrary(
  type: ResourceTypeModel,
  resource: JsonObject,
  options: PatchArbitraryOptions = {},
): fc.Arbitrary<PatchOperation[]> {
  const values: ValueOptions = {
    mode: "replace",
    pool: options.pool ?? emptyPool,
    maxValues: 2,
    maxStringLength: options.maxStringLength ?? 16,
    baseSchema: type.base.id,
  };
  const sites = patchSites(type);
  const withValue = sites.flatMap((s) => {
    const arb = attributeArbitrary(s.attr, values);
    if (arb === undefined) return [];
    if (!s.attr.multiValued) return [{ ...s, arb }];
    // New values never repeat the identity of a value the resource has: whether a server then keeps
    // both, the first or the last (RFC 7643 §2.4 "SHOULD NOT return the same (type, value)
    // combination") and how that meets primary exclusivity is more than the RFC decides.
    const existing = new Set(asList(readAttr(resource, s.resolved)).map((v) => generatedValueKey(s.attr, v)));
    // Colliding values are dropped rather than filtered out, so a small pool (members) cannot stall
    // generation; when every value collides they stay, without "primary" (the model branches on a
    // duplicate, but not on whether a server settles primary before or after merging it).
    const fresh = arb.map((v) => {
      const kept = asList(v).filter((e) => !existing.has(generatedValueKey(s.attr, e)));
      if (kept.length > 0) return kept;
      return asList(v).map((e) => {
        if (!isObject(e)) return e;
        const copy = { ...e };
        for (const k of Object.keys(copy)) if (k.toLowerCase() === "primary") delete copy[k];
        return copy;
      });
    });
    return [{ ...s, arb: fresh }];
  });
  const ops: { weight: number; arbitrary: fc.Arbitrary<PatchOperation> }[] = [];

  // add/replace with a path naming the attribute (RFC 7644 §3.5.2.1, §3.5.2.3). Complex and
  // multi-valued attributes weigh more: merge-versus-replace and append-versus-replace live there.
  if (withValue.length > 0) {
    const weighted = fc.oneof(
      ...withValue.map((s) => ({
        weight: s.attr.type === "complex" && !s.attr.multiValued ? 4 : s.attr.multiValued ? 2 : 1,
        arbitrary: fc.constant(s),
      })),
    );
    ops.push({
      weight: 4,
      arbitrary: weighted
        .chain((s) =>
          fc.tuple(fc.constantFrom("add" as const, "replace" as const), pathText(s.resolved), s.arb),
        )
        .map(([op, attr, value]) => ({ op, path: { attr }, value })),
    });
    // add/replace without a path: a set of attributes, extension ones under their URN.
    ops.push({
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom("add" as const, "replace" as const),
          fc.uniqueArray(fc.constantFrom(...withValue), {
            minLength: 1,
            maxLength: 3,
            selector: (s) => s.attr.path,
          }),
          spelling,
        )
        .chain(([op, chosen, spell]) =>
          fc.tuple(...chosen.map((s) => s.arb)).map((vs) => {
            const value: JsonObject = {};
            chosen.forEach((s, i) => {
              const name = spell(s.attr.name);
              if (s.resolved.extension) {
                const ext = (value[s.resolved.schema.id] as JsonObject | undefined) ?? {};
                ext[name] = vs[i];
                value[s.resolved.schema.id] = ext;
              } else {
                value[name] = vs[i];
              }
            });
            return { op, value } as PatchOperation;
          }),
        ),
    });
  }

  // Sub-attributes of single-valued complex attributes: "name.givenName".
  const subSites = sites
    .filter((s) => s.attr.type === "complex" && !s.attr.multiValued)
    .flatMap((s) =>
      s.attr.subAttributes
        .filter((sub) => writable(sub, "replace", s.attr) && sub.type !== "complex" && sub.name !== "$ref")
        .map((sub) => ({ ...s, sub })),
    );
  if (subSites.length > 0) {
    ops.push({
      weight: 2,
      arbitrary: fc.constantFrom(...subSites).chain((s) =>
        fc
          .oneof(
            fc
              .tuple(
                fc.constantFrom("add" as const, "replace" as const),
                pathText(s.resolved, s.sub),
                scalarArbitrary(s.sub, values),
              )
              .map(([op, attr, value]) => ({ op, path: { attr }, value }) as PatchOperation),
            s.sub.required
              ? fc.constant(undefined)
              : pathText(s.resolved, s.sub).map((attr) => ({ op: "remove" as const, path: { attr } })),
          )
          .filter((o): o is PatchOperation => o !== undefined),
      ),
    });
  }

  // remove of a whole attribute (present or not).
  const removable = sites.filter((s) => !s.attr.required);
  if (removable.length > 0) {
    ops.push({
      weight: 2,
      arbitrary: fc
        .constantFrom(...removable)
        .chain((s) => pathText(s.resolved).map((attr) => ({ op: "remove" as const, path: { attr } }))),
    });
  }

  // Value filters on the resource's multi-valued complex attributes (together one kind of operation,
  // so that a resource with many such attributes does not drown the others).
  const filtered: fc.Arbitrary<PatchOperation>[] = [];
  for (const s of sites.filter((x) => x.attr.type === "complex" && x.attr.multiValued)) {
    const current = readAttr(resource, s.resolved);
    const elements = (Array.isArray(current) ? current : []).filter(isObject);
    const where = valueFilter(s.attr, elements);
    if (where === undefined) continue;
    // primary true through a filter that may match several values has no defined outcome (RFC 7643
    // §2.4 allows one primary value), so filtered replaces never set it; whole-attribute writes do.
    const isPrimary = (sub: AttributeDef): boolean =>
      sub.type === "boolean" && sub.name.toLowerCase() === "primary";
    const subs = s.attr.subAttributes.filter(
      (sub) =>
        writable(sub, "replace", s.attr) &&
        sub.mutability !== "immutable" &&
        sub.name !== "$ref" &&
        !isPrimary(sub),
    );
    const element = attributeArbitrary({ ...s.attr, multiValued: false }, values)?.map((v) => {
      const copy = { ...(v as JsonObject) };
      for (const k of Object.keys(copy)) if (k.toLowerCase() === "primary") delete copy[k];
      return copy;
    });
    filtered.push(
      fc.oneof(
        fc
          .tuple(pathText(s.resolved), where)
          .map(([attr, f]) => ({ op: "remove", path: { attr, filter: f } }) as PatchOperation),
        ...(subs.length === 0
          ? []
          : [
              fc
                .tuple(pathText(s.resolved), where, fc.constantFrom(...subs))
                .chain(([attr, f, sub]) =>
                  fc.tuple(
                    fc.constant(attr),
                    fc.constant(f),
                    fc.constant(sub),
                    scalarArbitrary(sub, values),
                    fc.boolean(),
                  ),
                )
                .map(([attr, f, sub, value, remove]) =>
                  remove && !sub.required
                    ? ({
                        op: "remove",
                        path: { attr, filter: f, subAfterFilter: sub.name },
                      } as PatchOperation)
                    : ({
                        op: "replace",
                        path: { attr, filter: f, subAfterFilter: sub.name },
                        value,
                      } as PatchOperation),
                ),
            ]),
        ...(element === undefined || s.attr.subAttributes.some((x) => x.mutability === "immutable")
          ? []
          : [
              fc
                .tuple(pathText(s.resolved), where, element)
                .map(
                  ([attr, f, value]) =>
                    ({ op: "replace", path: { attr, filter: f }, value }) as PatchOperation,
                ),
            ]),
      ),
    );
  }
  if (filtered.length > 0) ops.push({ weight: 3, arbitrary: fc.oneof(...filtered) });

  const refusalWeight = options.refusalWeight ?? 1;
  if (refusalWeight > 0) {
    ops.push({ weight: refusalWeight, arbitrary: refusalOperations(type, resource, sites, values) });
  }
  if (ops.length === 0) throw new Error(`${type.name} has no attribute a PATCH can write and read back`);
  const one = fc.oneof(...ops);
  return fc.array(one, { minLength: 1, maxLength: options.maxOperations ?? 4 });
}
