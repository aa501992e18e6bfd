// Where a PATCH operation points (RFC 7644 §3.5.2 "path"): an attribute, a sub-attribute, or a value
// filter with an optional sub-attribute, under the base schema or an extension URN; plus the
// mutability rules an operation is held to at its target (RFC 7643 §2.2).
import type { Json } from "./json-value.js";
import { deepEqual, isObject, isUnassigned } from "./json-value.js";
import type { Quirks } from "./quirks.js";
import type { AttrDef, Resolved, TypeDef } from "./schema-model.js";
import { resolvePath } from "./schema-model.js";
import { fail } from "./scim-failure.js";

export interface PatchContext {
  readonly type: TypeDef;
  readonly id: string;
  readonly quirks: Quirks;
  /** True when a resource with this id exists (Group members must refer to one). */
  readonly exists: (id: string) => boolean;
}

export interface Target extends Resolved {
  readonly filter: string | undefined;
  readonly subAfterFilter: AttrDef | undefined;
}

/** The strictRfc mutant: a server that implements RFC 7644 exactly and none of the client dialects. */
export function strict(ctx: PatchContext): boolean {
  return ctx.quirks.has("strictRfc");
}

export function parsePath(ctx: PatchContext, rawPath: string): Target {
  // The mutant matches path names case-sensitively (RFC 7643 §2.1 says they are case-insensitive).
  const path =
    ctx.quirks.has("patchCaseSensitivePaths") && /[A-Z]{2}/.test(rawPath) ? `${rawPath}\u0000` : rawPath;
  const open = path.indexOf("[");
  if (open < 0) {
    const resolved = resolvePath(ctx.type, path);
    if (resolved === undefined) {
      if (ctx.quirks.has("invalidPathAsInvalidValue")) throw fail.invalidValue(`"${path}" is not valid`);
      throw fail.invalidPath(`"${path}" names no attribute of ${ctx.type.name}`);
    }
    return { ...resolved, filter: undefined, subAfterFilter: undefined };
  }
  const close = path.lastIndexOf("]");
  if (close < open) throw fail.invalidPath(`"${path}" has an unclosed "["`);
  const filter = path.slice(open + 1, close);
  if (/^\s*\d+\s*$/.test(filter)) throw fail.invalidPath(`"${path}": array indexes are not SCIM paths`);
  const resolved = resolvePath(ctx.type, path.slice(0, open));
  if (
    resolved === undefined ||
    resolved.sub !== undefined ||
    !resolved.attr.multiValued ||
    resolved.attr.type !== "complex"
  ) {
    throw fail.invalidPath(`"${path}": a value filter needs a multi-valued complex attribute`);
  }
  const rest = path.slice(close + 1);
  let subAfterFilter: AttrDef | undefined;
  if (rest.length > 0) {
    if (!rest.startsWith(".")) throw fail.invalidPath(`"${path}" has text after "]"`);
    subAfterFilter = resolved.attr.subAttributes?.find(
      (s) => s.name.toLowerCase() === rest.slice(1).toLowerCase(),
    );
    if (subAfterFilter === undefined)
      throw fail.invalidPath(`"${path}": unknown sub-attribute "${rest.slice(1)}"`);
  }
  return { ...resolved, filter, subAfterFilter };
}

export function holderOf(data: Json, t: Resolved, create: boolean): Json | undefined {
  if (t.container === undefined) return data;
  const existing = data[t.container];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const made: Json = {};
  data[t.container] = made;
  return made;
}

export function cleanup(data: Json, t: Resolved): void {
  const holder = holderOf(data, t, false);
  if (holder === undefined) return;
  if (isUnassigned(holder[t.attr.name])) delete holder[t.attr.name];
  if (t.container !== undefined && Object.keys(holder).length === 0) delete data[t.container];
}

export function checkMutable(ctx: PatchContext, data: Json, t: Target, value: unknown): void {
  const def = t.subAfterFilter ?? t.sub ?? t.attr;
  if (t.attr.name === "id" && t.container === undefined) {
    // Okta sends the unchanged id along (interop.okta.group-rename-with-id).
    if (value === ctx.id && !strict(ctx)) return;
    throw fail.mutability(`"id" is readOnly`);
  }
  if (
    (def.mutability === "readOnly" || t.attr.mutability === "readOnly") &&
    !ctx.quirks.has("patchIgnoresMutability")
  ) {
    throw fail.mutability(`"${t.attr.name}" is readOnly`);
  }
  if (
    def.mutability === "immutable" &&
    t.filter === undefined &&
    t.sub === undefined &&
    !ctx.quirks.has("patchIgnoresMutability")
  ) {
    const current = holderOf(data, t, false)?.[t.attr.name];
    if (!isUnassigned(current) && !deepEqual(current, value))
      throw fail.mutability(`"${t.attr.name}" is immutable`);
  }
}
