// From a stored resource to what the server returns (RFC 7643 §2.2 "returned", RFC 7644 §3.9
// attributes/excludedAttributes, §3.3/§3.5.1 write responses): schemas and meta filled in, User.groups
// derived from Group membership, returned=never dropped, returned=request only on request.
import type { Json } from "./json-value.js";
import { clone, isObject } from "./json-value.js";
import type { Quirks } from "./quirks.js";
import type { AttrDef, TypeDef } from "./schema-model.js";
import { groupType, resolvePath } from "./schema-model.js";
import type { ResourceStore, StoredResource } from "./store.js";
import type { Where } from "./wire-quirks.js";
import { applyWireQuirks } from "./wire-quirks.js";

export interface RenderOptions {
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
  /** Attribute names the write request supplied (returned=request attributes are echoed for them). */
  readonly supplied?: ReadonlySet<string>;
  /** Which kind of answer the representation goes into (for wire-level mutants). */
  readonly where?: Where;
}

export interface RenderContext {
  readonly baseUrl: string;
  readonly store: ResourceStore;
  readonly quirks: Quirks;
}

/**
 * The resource's URI (RFC 7643 §3.1 meta.location, the Location header). The id is percent-encoded: ids
 * the idsFromNames mutant derives from generated Unicode names are not valid in a URI, and a header
 * value outside ISO-8859-1 cannot be sent at all (undici refuses it as a ByteString).
 */
export function locationOf(ctx: RenderContext, resource: StoredResource): string {
  return `${ctx.baseUrl}${resource.type.endpoint}/${encodeURIComponent(resource.id)}`;
}

export function etagOf(resource: StoredResource): string {
  return `W/"${resource.version}"`;
}

function allAttributes(type: TypeDef): { container: string | undefined; def: AttrDef }[] {
  return [
    ...type.schema.attributes.map((def) => ({ container: undefined, def })),
    ...type.extensions.flatMap((e) =>
      e.attributes.map((def) => ({ container: e.id as string | undefined, def })),
    ),
  ];
}

/** The full representation before projection. */
export function fullRepresentation(
  ctx: RenderContext,
  resource: StoredResource,
  options: { readonly withGroups?: boolean; readonly copy?: boolean } = {},
): Json {
  const { type } = resource;
  // Queries only read the representation to filter and sort: no copy needed there.
  const data = options.copy === false ? resource.data : clone(resource.data);
  const extensions = type.extensions.filter((e) => isObject(data[e.id])).map((e) => e.id);
  const out: Json = { schemas: [type.schema.id, ...extensions], id: resource.id, ...data };
  if (ctx.quirks.has("patchNoExtensionSchema") && resource.schemaOverride)
    out.schemas = [...resource.schemaOverride];
  if (ctx.quirks.has("duplicateSchemas")) out.schemas = [type.schema.id, type.schema.id, ...extensions];
  // User.groups scans every Group: queries skip it unless they filter or sort on it.
  if (type.name === "User" && options.withGroups !== false) {
    const groups = ctx.store
      .all(groupType)
      .filter(
        (g) =>
          Array.isArray(g.data.members) && g.data.members.some((m) => isObject(m) && m.value === resource.id),
      )
      .map((g) => ({ value: g.id, $ref: locationOf(ctx, g), display: g.data.displayName, type: "direct" }));
    if (ctx.quirks.has("userGroupsStale")) {
      // The mutant remembers every Group the User was ever in and never forgets one.
      for (const key of ctx.store.memberships) {
        const [groupId, userId] = key.split("|");
        const g = groupId === undefined ? undefined : ctx.store.byId(groupId);
        if (userId === resource.id && g !== undefined && !groups.some((x) => x.value === g.id)) {
          groups.push({ value: g.id, $ref: locationOf(ctx, g), display: g.data.displayName, type: "direct" });
        }
      }
    }
    if (groups.length > 0) out.groups = groups;
  }
  if (type.name === "Group" && Array.isArray(out.members)) {
    out.members = out.members.map((m) => {
      if (!isObject(m) || typeof m.value !== "string") return m;
      const target = ctx.store.byId(m.value);
      const ref = `${locationOf(ctx, target ?? resource)}${ctx.quirks.has("refsBroken") ? "-gone" : ""}`;
      return target ? { ...m, $ref: ref, type: m.type ?? target.type.name } : m;
    });
  }
  // An attribute kept from /Schemas but returned all the same.
  if (type.name === "User" && ctx.quirks.has("undeclaredAttribute")) out.internalRef = `int-${resource.id}`;
  out.meta = {
    resourceType: ctx.quirks.has("wrongResourceType") ? "Resource" : type.name,
    created: resource.created,
    lastModified:
      ctx.quirks.has("lastModifiedNotInitial") && resource.version === 1
        ? new Date(Date.parse(resource.created) + 1000).toISOString()
        : resource.lastModified,
    location: locationOf(ctx, resource),
    version: etagOf(resource),
  };
  return out;
}

function removePath(out: Json, type: TypeDef, path: string): void {
  const resolved = resolvePath(type, path);
  if (resolved === undefined) return;
  if (resolved.attr.returned === "always" && resolved.sub === undefined) return;
  const holder = resolved.container === undefined ? out : out[resolved.container];
  if (!isObject(holder)) return;
  if (resolved.sub === undefined) {
    delete holder[resolved.attr.name];
  } else {
    const value = holder[resolved.attr.name];
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) if (isObject(item)) delete item[resolved.sub.name];
  }
  if (resolved.container !== undefined && isObject(holder) && Object.keys(holder).length === 0)
    delete out[resolved.container];
}

function copyPath(from: Json, to: Json, type: TypeDef, path: string): void {
  const resolved = resolvePath(type, path);
  if (resolved === undefined) return;
  const source = resolved.container === undefined ? from : from[resolved.container];
  if (!isObject(source) || source[resolved.attr.name] === undefined) return;
  let target = to;
  if (resolved.container !== undefined) {
    const existing = to[resolved.container];
    target = isObject(existing) ? existing : {};
    to[resolved.container] = target;
  }
  const value = source[resolved.attr.name];
  if (resolved.sub === undefined) {
    target[resolved.attr.name] = clone(value);
    return;
  }
  const sub = resolved.sub.name;
  if (Array.isArray(value)) {
    // Several sub-attributes of one multi-valued attribute (attributes=addresses.country,addresses.type)
    // land in the same items: the values line up, since each copy walks the same stored array.
    const before = target[resolved.attr.name];
    const copied = Array.isArray(before) ? before : [];
    target[resolved.attr.name] = value.filter(isObject).map((v, i) => {
      const kept = copied[i];
      const item = isObject(kept) ? kept : {};
      return v[sub] === undefined ? item : { ...item, [sub]: v[sub] };
    });
  } else if (isObject(value) && value[sub] !== undefined) {
    const existing = target[resolved.attr.name];
    target[resolved.attr.name] = { ...(isObject(existing) ? existing : {}), [sub]: value[sub] };
  }
}

/** Projection mutants: names they do not understand are simply dropped from attributes= lists. */
function projectable(ctx: RenderContext, path: string): boolean {
  if (ctx.quirks.has("noSubAttributeProjection") && !/^urn:/i.test(path) && path.includes(".")) return false;
  if (ctx.quirks.has("noUrnProjection") && /^urn:/i.test(path)) return false;
  if (ctx.quirks.has("caseSensitiveProjection") && /[A-Z]{2}|^[A-Z]/.test(path.split(":").at(-1) ?? path))
    return false;
  return true;
}

/** The representation the client sees, after returned-ness and projection. */
export function render(ctx: RenderContext, resource: StoredResource, options: RenderOptions = {}): Json {
  const { type } = resource;
  const full = fullRepresentation(ctx, resource);
  if (type.name === "User" && ctx.quirks.has("defaultOnlyOnRead") && full.active === undefined)
    full.active = true;
  const requested = new Set((options.attributes ?? []).map((a) => a.toLowerCase()));
  for (const { container, def } of allAttributes(type)) {
    const holder = container === undefined ? full : full[container];
    if (!isObject(holder)) continue;
    if (def.returned === "never" && !ctx.quirks.has("echoPassword")) delete holder[def.name];
    if (def.returned === "request") {
      const names = [
        def.name.toLowerCase(),
        `${(container ?? type.schema.id).toLowerCase()}:${def.name.toLowerCase()}`,
      ];
      const asked = names.some((n) => requested.has(n));
      const supplied = options.supplied?.has(def.name.toLowerCase()) ?? false;
      if (!asked && !supplied && !ctx.quirks.has("returnRequestAttributes")) delete holder[def.name];
    }
    if (container !== undefined && Object.keys(holder).length === 0) delete full[container];
  }
  const where = options.where ?? "get";
  const projectionOff =
    ctx.quirks.has("ignoreAttributesParameter") ||
    (where === "list" && ctx.quirks.has("noProjectionOnList")) ||
    ((where === "write" || where === "update") && ctx.quirks.has("noProjectionOnWrite"));
  const usable = (path: string) => projectable(ctx, path);
  if (options.attributes && options.attributes.length > 0 && !projectionOff) {
    const out: Json = { schemas: full.schemas, id: full.id };
    for (const path of options.attributes.filter(usable)) copyPath(full, out, type, path);
    if (ctx.quirks.has("projectionDropsId")) delete out.id;
    return applyWireQuirks(ctx.quirks, type.name, out, options.where ?? "get");
  }
  if (options.excludedAttributes && !ctx.quirks.has("ignoreExcludedAttributes") && !projectionOff) {
    for (const path of options.excludedAttributes.filter(usable)) removePath(full, type, path);
  }
  return applyWireQuirks(ctx.quirks, type.name, full, options.where ?? "get");
}
