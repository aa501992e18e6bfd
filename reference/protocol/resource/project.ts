// Applying a resolved projection (projection.ts) to resources, and telling the datastore what it must
// load (RFC 7644 §3.4.2.5, §3.9). The list endpoint resolves the projection once per request, asks
// `projectionNeeds` whether Group `members` or User `groups` are wanted at all (so
// `excludedAttributes=members` never loads a member: WSO2 #8498, UAA #824 in server-anchors.md §3), then
// calls `applyProjection` on every resource.
//
// Resources are read with case-insensitive keys (RFC 7643 §2.1) and written in the schema's spelling and
// order: `schemas`, `id`, `externalId`, `meta`, the base attributes, then each extension container.
// Values whose sub-attributes are all kept are reused as they are, not copied, so projecting a group with
// many members costs one key check per member.
import type { JsonObject, JsonValue } from "./json.js";
import { isJsonObject } from "./json.js";
import type { AttributePlan, ContainerPlan, ResolvedProjection } from "./projection.js";

const lower = (s: string) => s.toLowerCase();

function lookup(object: JsonObject, name: string): JsonValue | undefined {
  const exact = object[name];
  if (exact !== undefined) return exact;
  const wanted = lower(name);
  for (const key of Object.keys(object)) if (lower(key) === wanted) return object[key];
  return undefined;
}

/**
 * `lookup` for many names on one object: a projection asks for every attribute of the schema, most of
 * which a resource lacks, and each miss lower-cased every key again (about 126 toLowerCase calls per
 * User GET, issue #8). The lower-case index is built on the first miss; the first key of a spelling wins,
 * as in `lookup`.
 */
function lookupIn(object: JsonObject): (name: string) => JsonValue | undefined {
  let index: Map<string, string> | undefined;
  return (name) => {
    const exact = object[name];
    if (exact !== undefined) return exact;
    if (index === undefined) {
      index = new Map();
      for (const key of Object.keys(object)) if (!index.has(lower(key))) index.set(lower(key), key);
    }
    const key = index.get(lower(name));
    return key === undefined ? undefined : object[key];
  };
}

const unassigned = (v: JsonValue | undefined) =>
  v === undefined || v === null || (Array.isArray(v) && v.length === 0);

export interface ApplyOptions {
  /**
   * The normalised body of the write being answered (POST, PUT, or the PATCH result), so that its
   * `returned: request` attributes are returned (RFC 7643 §7). Omit it for GET and searches.
   */
  readonly written?: JsonObject | undefined;
}

/** The resource reduced to what the projection returns. `schemas` is copied as it is. */
export function applyProjection(
  projection: ResolvedProjection,
  resource: JsonObject,
  options: ApplyOptions = {},
): JsonObject {
  const out: JsonObject = {};
  const schemas = lookup(resource, "schemas");
  if (schemas !== undefined) out.schemas = schemas;
  for (const container of projection.containers) {
    const source = container.extension ? lookup(resource, container.urn) : resource;
    if (!isJsonObject(source)) continue;
    const written = options.written === undefined ? undefined : writtenContainer(options.written, container);
    const projected = projectContainer(container, source, written);
    if (!container.extension) Object.assign(out, projected);
    else if (Object.keys(projected).length > 0) out[container.urn] = projected;
  }
  return out;
}

function writtenContainer(written: JsonObject, container: ContainerPlan): JsonObject | undefined {
  const source = container.extension ? lookup(written, container.urn) : written;
  return isJsonObject(source) ? source : undefined;
}

function projectContainer(
  container: ContainerPlan,
  source: JsonObject,
  written: JsonObject | undefined,
): JsonObject {
  const out: JsonObject = {};
  const fromSource = lookupIn(source);
  const fromWritten = written === undefined ? undefined : lookupIn(written);
  for (const plan of container.attributes) {
    if (plan.onlyIfWritten && (fromWritten === undefined || unassigned(fromWritten(plan.name)))) continue;
    const value = fromSource(plan.name);
    if (unassigned(value) || value === undefined) continue;
    const projected = plan.complex ? projectComplex(plan, value) : value;
    if (projected !== undefined) out[plan.name] = projected;
  }
  return out;
}

function projectComplex(plan: AttributePlan, value: JsonValue): JsonValue | undefined {
  const subs = plan.subs ?? [];
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value) {
      const projected = isJsonObject(item) ? projectObject(subs, item) : item;
      if (projected !== undefined) items.push(projected);
    }
    return items.length === 0 ? undefined : items;
  }
  return isJsonObject(value) ? projectObject(subs, value) : value;
}

function projectObject(subs: readonly string[], item: JsonObject): JsonObject | undefined {
  const keys = Object.keys(item);
  // Fast path: every key is a kept sub-attribute in its canonical spelling, so the item is already the answer.
  if (keys.length > 0 && keys.every((k) => subs.includes(k) && !unassigned(item[k]))) return item;
  const out: JsonObject = {};
  const fromItem = lookupIn(item);
  for (const sub of subs) {
    const v = fromItem(sub);
    if (!unassigned(v) && v !== undefined) out[sub] = v;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Whether an attribute of the resource type may appear in the output (`written` aside: assumed set). */
export function projectionIncludes(projection: ResolvedProjection, schema: string, name: string): boolean {
  const container = projection.containers.find((c) => lower(c.urn) === lower(schema));
  return container?.attributes.some((a) => lower(a.name) === lower(name)) ?? false;
}

/**
 * Whether the datastore must load the expensive derived or large attributes at all: Group `members` and
 * User `groups` (RFC 7643 §4.2, §4.1.2). False means no value of it can appear in the response.
 */
export function projectionNeeds(projection: ResolvedProjection): { members: boolean; groups: boolean } {
  const base = projection.containers.find((c) => !c.extension);
  const has = (name: string) => base?.attributes.some((a) => a.name === name) ?? false;
  return { members: has("members"), groups: has("groups") };
}
