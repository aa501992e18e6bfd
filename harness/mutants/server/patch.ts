// PATCH (RFC 7644 §3.5.2) on a stored resource: add, remove and replace with attribute paths, value
// filters and sub-attributes, URN-qualified extension paths, primary exclusivity, mutability rules,
// and atomicity (every operation applies to a private copy; any failure leaves the resource as it
// was). It also accepts what Entra ID and Okta really send (capitalised ops, "True" strings, no-path
// values with dotted or URN keys, members removal by value list, add through a filter that matches
// nothing). A strict RFC-only mutant refuses all of those.
import { matchValues } from "./filter.js";
import { parseFilter } from "./filter-parser.js";
import type { Json } from "./json-value.js";
import { clone, deepEqual, isObject, isUnassigned } from "./json-value.js";
import type { PatchContext, Target } from "./patch-target.js";
import { checkMutable, cleanup, holderOf, parsePath, strict } from "./patch-target.js";
import type { AttrDef } from "./schema-model.js";
import { extensionOf } from "./schema-model.js";
import { fail } from "./scim-failure.js";
import { normaliseValue } from "./values.js";

function sameItem(def: AttrDef, a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b)) {
    const exact = def.subAttributes?.find((s) => s.name === "value")?.caseExact ?? false;
    const av = typeof a.value === "string" && !exact ? a.value.toLowerCase() : a.value;
    const bv = typeof b.value === "string" && !exact ? b.value.toLowerCase() : b.value;
    return av === bv && (a.type ?? null) === (b.type ?? null);
  }
  return deepEqual(a, b);
}

function checkMembers(ctx: PatchContext, def: AttrDef, values: unknown): void {
  if (def.name !== "members" || ctx.type.name !== "Group") return;
  for (const v of Array.isArray(values) ? values : [values]) {
    if (isObject(v) && (typeof v.value !== "string" || !ctx.exists(v.value))) {
      throw fail.invalidValue(`member ${JSON.stringify(v.value)} is not an existing resource`);
    }
  }
}

/** RFC 7644 §3.5.2: setting primary=true on one value sets it false on the others. */
function exclusivePrimary(ctx: PatchContext, items: unknown[], winners: ReadonlySet<unknown>): void {
  if (ctx.quirks.has("noPrimaryExclusivity")) return;
  const chosen = [...winners].filter((w) => isObject(w) && w.primary === true).at(-1);
  if (chosen === undefined) return;
  for (const item of items)
    if (isObject(item) && item !== chosen && item.primary === true) item.primary = false;
}

function norm(ctx: PatchContext, def: AttrDef, value: unknown, where: string): unknown {
  return normaliseValue(def, value, where, { stringBooleans: !strict(ctx), quirks: ctx.quirks });
}

function setValue(ctx: PatchContext, data: Json, t: Target, value: unknown, op: "add" | "replace"): void {
  const { attr } = t;
  checkMutable(ctx, data, t, value);
  const holder = holderOf(data, t, true) as Json;
  if (t.filter !== undefined) {
    const items = Array.isArray(holder[attr.name]) ? (holder[attr.name] as unknown[]) : [];
    const node = parseFilter(t.filter, ctx.quirks);
    const matched = matchValues(node, attr, items.filter(isObject), {
      quirks: ctx.quirks,
      lenientUnknown: false,
    });
    // The mutant applies a filtered replace to every value, matching or not.
    const matches = new Set<unknown>(
      op === "replace" && ctx.quirks.has("valuePathReplaceAll") && matched.length > 0 ? items : matched,
    );
    if (matches.size === 0) {
      const upsert = /^\s*type\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i.exec(t.filter);
      if (op === "add" && upsert && t.subAfterFilter && !strict(ctx)) {
        // Entra ID adds a typed value through a filter that matches nothing (interop.entra.add-filtered-path-creates-item); a replace stays noTarget (RFC 7644 §3.5.2.3).
        const made: Json = {
          type: JSON.parse(upsert[1] ?? '""') as unknown,
          [t.subAfterFilter.name]: norm(ctx, t.subAfterFilter, value, t.subAfterFilter.name),
        };
        holder[attr.name] = [...items, made];
        exclusivePrimary(ctx, holder[attr.name] as unknown[], new Set([made]));
        return;
      }
      if (ctx.quirks.has("noTargetIgnored")) return;
      throw fail.noTarget(`no value of "${attr.name}" matches [${t.filter}]`);
    }
    const next = items.map((item) => {
      if (!matches.has(item)) return item;
      if (t.subAfterFilter !== undefined) {
        const v = norm(ctx, t.subAfterFilter, value, t.subAfterFilter.name);
        const copy = { ...(item as Json) };
        if (v === undefined) delete copy[t.subAfterFilter.name];
        else copy[t.subAfterFilter.name] = v;
        return copy;
      }
      const v = norm(ctx, { ...attr, multiValued: false }, value, attr.name);
      return op === "add" ? { ...(item as Json), ...(v as Json) } : v;
    });
    const winners = new Set(next.filter((item, i) => item !== items[i]));
    holder[attr.name] = next.filter((v) => v !== undefined);
    exclusivePrimary(ctx, holder[attr.name] as unknown[], winners);
    return;
  }
  if (t.sub !== undefined) {
    if (attr.multiValued) throw fail.invalidPath(`"${attr.name}.${t.sub.name}" needs a value filter`);
    const current = isObject(holder[attr.name]) ? { ...(holder[attr.name] as Json) } : {};
    const v = norm(ctx, t.sub, value, `${attr.name}.${t.sub.name}`);
    if (v === undefined || v === "") delete current[t.sub.name];
    else current[t.sub.name] = v;
    holder[attr.name] = current;
    return;
  }
  if (attr.multiValued) {
    const values = norm(ctx, attr, value, attr.name);
    checkMembers(ctx, attr, values);
    const incoming = Array.isArray(values) ? values : [];
    const replaces = op === "replace" || (op === "add" && ctx.quirks.has("addReplacesMultiValued"));
    if (replaces && !ctx.quirks.has("replaceMergesMultiValued")) {
      holder[attr.name] = incoming;
      return;
    }
    const current = Array.isArray(holder[attr.name]) ? [...(holder[attr.name] as unknown[])] : [];
    const added = ctx.quirks.has("addDuplicatesMembers")
      ? incoming
      : incoming.filter((v) => !current.some((c) => sameItem(attr, c, v)));
    const next = [...current, ...added];
    holder[attr.name] = next;
    exclusivePrimary(ctx, next, new Set(added));
    return;
  }
  if (attr.type === "complex") {
    // Entra sends the manager as a bare id string (interop.entra.manager).
    const shaped =
      typeof value === "string" && attr.subAttributes?.some((sub) => sub.name === "value") && !strict(ctx)
        ? { value }
        : value;
    const v = norm(ctx, attr, shaped, attr.name);
    const current = isObject(holder[attr.name]) ? (holder[attr.name] as Json) : {};
    holder[attr.name] =
      ctx.quirks.has("replaceComplexWhole") && op === "replace"
        ? v
        : { ...current, ...(isObject(v) ? v : {}) };
    return;
  }
  if (value === "" && !attr.required && !strict(ctx)) {
    delete holder[attr.name]; // Entra clears with "" (interop.entra.patch-null-or-empty-clears).
    return;
  }
  if (op === "replace" && ctx.quirks.has("replaceAbsentNoTarget") && holder[attr.name] === undefined) {
    throw fail.noTarget(`"${attr.name}" has no value to replace`);
  }
  const v = norm(ctx, attr, value, attr.name);
  if (v === undefined && attr.required) throw fail.invalidValue(`"${attr.name}" is required`);
  if (v === undefined) delete holder[attr.name];
  else holder[attr.name] = v;
}

function removeValue(ctx: PatchContext, data: Json, t: Target, value: unknown): void {
  const { attr } = t;
  const def = t.subAfterFilter ?? t.sub ?? attr;
  if (
    (attr.required && t.sub === undefined && t.filter === undefined) ||
    def.mutability === "readOnly" ||
    attr.mutability === "readOnly"
  ) {
    if (!ctx.quirks.has("patchIgnoresMutability")) throw fail.mutability(`"${attr.name}" cannot be removed`);
  }
  const holder = holderOf(data, t, false);
  if (holder === undefined) return;
  if (ctx.quirks.has("removeAttributeNoop") && t.filter === undefined && t.sub === undefined) return;
  if (t.filter !== undefined) {
    const items = Array.isArray(holder[attr.name]) ? (holder[attr.name] as unknown[]) : [];
    const node = parseFilter(t.filter, ctx.quirks);
    const matches = new Set<unknown>(
      matchValues(node, attr, items.filter(isObject), { quirks: ctx.quirks, lenientUnknown: false }),
    );
    if (ctx.quirks.has("removeAbsentNoTarget") && matches.size === 0) {
      throw fail.noTarget(`no value of "${attr.name}" matches [${t.filter}]`);
    }
    if (ctx.quirks.has("removeFilterRemovesAll") && matches.size > 0) {
      delete holder[attr.name];
    } else if (t.subAfterFilter !== undefined) {
      const sub = t.subAfterFilter.name;
      holder[attr.name] = items.map((i) =>
        matches.has(i) && isObject(i) ? Object.fromEntries(Object.entries(i).filter(([k]) => k !== sub)) : i,
      );
    } else {
      holder[attr.name] = items.filter((i) => !matches.has(i));
    }
    cleanup(data, t);
    return;
  }
  if (t.sub !== undefined) {
    if (isObject(holder[attr.name])) delete (holder[attr.name] as Json)[t.sub.name];
    cleanup(data, t);
    return;
  }
  if (attr.multiValued && value !== undefined && value !== null && !strict(ctx)) {
    // Entra removes listed members: {"op":"Remove","path":"members","value":[{"value":"id"}]}.
    const listed = (Array.isArray(value) ? value : [value]).filter(isObject);
    const items = Array.isArray(holder[attr.name]) ? (holder[attr.name] as unknown[]) : [];
    holder[attr.name] = items.filter((i) => !listed.some((l) => isObject(i) && i.value === l.value));
    cleanup(data, t);
    return;
  }
  delete holder[attr.name];
  cleanup(data, t);
}

/** Splits a no-path value into (path, value) pairs: plain, dotted and URN-qualified keys. */
function entriesOf(ctx: PatchContext, value: unknown): [string, unknown][] {
  if (!isObject(value)) throw fail.invalidValue(`an operation without "path" needs an object "value"`);
  const out: [string, unknown][] = [];
  for (const [key, v] of Object.entries(value)) {
    const extension = extensionOf(ctx.type, key);
    if (extension !== undefined && isObject(v)) {
      for (const [k2, v2] of Object.entries(v)) out.push([`${extension.id}:${k2}`, v2]);
    } else if (key.toLowerCase() === "schemas") {
      // "schemas" in a no-path value names extensions being added; they follow from the data.
    } else {
      // Dotted and URN-qualified keys are Entra's dialect (interop.entra.patch-flattened-value-keys).
      if (strict(ctx) && (key.includes(".") || /^urn:/i.test(key)))
        throw fail.invalidValue(`"${key}" is not an attribute name`);
      out.push([key, v]);
    }
  }
  return out;
}

export interface PatchResult {
  readonly data: Json;
  readonly changed: boolean;
}

function applyOne(ctx: PatchContext, data: Json, raw: unknown): void {
  if (
    ctx.quirks.has("passwordChangeRefused") &&
    isObject(raw) &&
    String(raw.path).toLowerCase() === "password"
  ) {
    throw fail.mutability("password cannot be changed");
  }
  if (!isObject(raw)) throw fail.invalidSyntax("each operation must be an object");
  const opRaw = raw.op ?? raw.Op;
  if (typeof opRaw !== "string") throw fail.invalidSyntax(`an operation needs "op"`);
  const op = strict(ctx) ? opRaw : opRaw.toLowerCase();
  const path = raw.path ?? raw.Path;
  const value = "value" in raw ? raw.value : raw.Value;
  if (path !== undefined && typeof path !== "string") throw fail.invalidPath(`"path" must be a string`);
  if (op === "remove") {
    if (path === undefined) {
      if (ctx.quirks.has("removeWithoutPathOk")) return;
      throw fail.noTarget(`remove needs a "path" (RFC 7644 §3.5.2.2)`);
    }
    removeValue(ctx, data, parsePath(ctx, path), value);
    return;
  }
  if (op !== "add" && op !== "replace") throw fail.invalidSyntax(`unsupported op "${opRaw}"`);
  if (value === undefined) throw fail.invalidSyntax(`${op} needs a "value"`);
  if (path === undefined) {
    if (op === "add" && ctx.quirks.has("addNoPathUnsupported")) throw fail.noTarget("add needs a path");
    const entries = entriesOf(ctx, value);
    if (op === "replace" && ctx.quirks.has("replaceNoPathClearsOthers")) {
      const kept = new Set(entries.map(([p]) => p.split(".")[0]?.toLowerCase()));
      for (const key of Object.keys(data)) {
        const def = ctx.type.schema.attributes.find((a) => a.name === key);
        if (!kept.has(key.toLowerCase()) && !def?.required) delete data[key];
      }
    }
    for (const [p, v] of entries) setValue(ctx, data, parsePath(ctx, p), v, op);
    return;
  }
  setValue(ctx, data, parsePath(ctx, path), value, op);
}

/**
 * Applies a PatchOp body to `current` (never modified). Throws ScimFailure on the first failing
 * operation; with the `patchNotAtomic` quirk the partial result is handed to `onPartial` first.
 */
export function applyPatch(
  ctx: PatchContext,
  current: Json,
  body: unknown,
  onPartial: (data: Json) => void,
): PatchResult {
  if (!isObject(body)) throw fail.invalidSyntax("the body must be a PatchOp object");
  const schemas = body.schemas;
  if (
    !ctx.quirks.has("patchLenientSchema") &&
    (!Array.isArray(schemas) ||
      !schemas.some(
        (s) => typeof s === "string" && s.toLowerCase() === "urn:ietf:params:scim:api:messages:2.0:patchop",
      ))
  ) {
    throw fail.invalidSyntax(`"schemas" must contain urn:ietf:params:scim:api:messages:2.0:PatchOp`);
  }
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0)
    throw fail.invalidSyntax(`"Operations" must be a non-empty array`);
  const ordered = ctx.quirks.has("patchReverseOrder") ? [...operations].reverse() : operations;
  const data = clone(current);
  for (const op of ordered) {
    try {
      applyOne(ctx, data, op);
    } catch (error) {
      if (ctx.quirks.has("patchNotAtomic")) onPartial(data);
      throw error;
    }
  }
  for (const def of ctx.type.schema.attributes) {
    if (def.required && isUnassigned(data[def.name])) throw fail.mutability(`"${def.name}" is required`);
  }
  return { data, changed: !deepEqual(data, current) || ctx.quirks.has("patchAlwaysTouches") };
}
