// Changing stored resources: replace (RFC 7644 §3.5.1), patch (§3.5.2) and delete (§3.6), shared by
// the HTTP routes and /Bulk like the rest of operations.ts.
import type { Json } from "./json-value.js";
import { deepEqual, isObject, isUnassigned } from "./json-value.js";
import type { Reply, ServerCore } from "./operations.js";
import { checkIfMatch, checkMembers, checkUniqueness, resourceReply, suppliedNames } from "./operations.js";
import { applyPatch } from "./patch.js";
import type { RenderOptions } from "./render.js";
import { render } from "./render.js";
import type { AttrDef, TypeDef } from "./schema-model.js";
import { groupType } from "./schema-model.js";
import { fail } from "./scim-failure.js";
import { normaliseBody } from "./values.js";

/**
 * RFC 7644 §3.5.1 on what a PUT cannot replace: an immutable value that is already set must match
 * (or 400 mutability), and is kept when omitted; an omitted writeOnly value (password) is kept.
 */
function keepUnreplaceable(core: ServerCore, type: TypeDef, before: Json, after: Json): void {
  const holders: [string | undefined, readonly AttrDef[]][] = [
    [undefined, type.schema.attributes],
    ...type.extensions.map((e): [string, readonly AttrDef[]] => [e.id, e.attributes]),
  ];
  for (const [key, defs] of holders) {
    const old = key === undefined ? before : before[key];
    if (!isObject(old)) continue;
    let now = key === undefined ? after : after[key];
    for (const def of defs) {
      const previous = old[def.name];
      const next = isObject(now) ? now[def.name] : undefined;
      const keep =
        (def.mutability === "immutable" || def.mutability === "writeOnly") && !isUnassigned(previous);
      if (!keep) continue;
      if (def.mutability === "immutable" && next !== undefined && !deepEqual(previous, next)) {
        if (core.quirks.has("putIgnoresImmutable")) continue;
        throw fail.mutability(`"${def.name}" is immutable`);
      }
      if (next === undefined) {
        if (!isObject(now)) {
          now = {};
          if (key !== undefined) after[key] = now;
        }
        (now as Json)[def.name] = previous;
      }
    }
  }
}

/** The immutableNeverSet mutant: an immutable attribute without a value can never get one. */
function rejectFirstImmutable(type: TypeDef, before: Json, after: Json): void {
  for (const e of type.extensions) {
    for (const def of e.attributes) {
      if (def.mutability !== "immutable") continue;
      const was = isObject(before[e.id]) ? (before[e.id] as Json)[def.name] : undefined;
      const now = isObject(after[e.id]) ? (after[e.id] as Json)[def.name] : undefined;
      if (was === undefined && now !== undefined) throw fail.mutability(`"${def.name}" is immutable`);
    }
  }
}

/** The putAppliesGroups mutant: a User's PUT body joins the Groups it names. */
function joinGroups(core: ServerCore, userId: string, groups: readonly unknown[]): void {
  for (const g of groups) {
    const group = isObject(g) && typeof g.value === "string" ? core.store.get(groupType, g.value) : undefined;
    if (group === undefined) continue;
    const members = Array.isArray(group.data.members) ? group.data.members : [];
    core.store.touch(group, { ...group.data, members: [...members, { value: userId }] });
  }
}

export function replaceResource(
  core: ServerCore,
  type: TypeDef,
  id: string,
  body: unknown,
  options: RenderOptions,
  ifMatch?: string,
): Reply {
  const q = core.quirks;
  const r = core.store.get(type, id);
  if (r === undefined) {
    if (q.has("putCreates")) {
      const data = normaliseBody(type, body, { quirks: q });
      return resourceReply(core, 201, core.store.insert(type, data, id), options);
    }
    throw fail.notFound(`${type.name} ${id} not found`);
  }
  checkIfMatch(core, r, ifMatch);
  if (q.has("putRejectsReadOnly") && isObject(body) && (body.id !== undefined || body.meta !== undefined)) {
    throw fail.mutability("id and meta are readOnly");
  }
  const incoming = normaliseBody(type, body, { quirks: q });
  const data: Json = q.has("putMerges") ? { ...r.data, ...incoming } : incoming;
  if (q.has("putMergesMultiValued")) {
    for (const [key, value] of Object.entries(r.data)) {
      if (Array.isArray(value) && Array.isArray(data[key]))
        data[key] = [...value, ...(data[key] as unknown[])];
    }
  }
  if (q.has("immutableNeverSet")) rejectFirstImmutable(type, r.data, data);
  keepUnreplaceable(core, type, r.data, data);
  checkUniqueness(core, type, data, id);
  checkMembers(core, type, data);
  if (
    q.has("passwordChangeRefused") &&
    isObject(body) &&
    body.password !== undefined &&
    r.data.password !== undefined
  ) {
    throw fail.mutability("password cannot be changed");
  }
  const before = render(core, r, { ...options, where: "write" });
  core.store.touch(r, data, { keepTimestamp: q.has("lastModifiedFrozen") });
  if (q.has("putAppliesGroups") && isObject(body) && Array.isArray(body.groups))
    joinGroups(core, r.id, body.groups);
  if (q.has("put204")) return { status: 204 };
  if (q.has("writeAnswerStale")) return { status: 200, body: before };
  return resourceReply(core, 200, r, { ...options, supplied: suppliedNames(body), where: "update" });
}

export function patchResource(
  core: ServerCore,
  type: TypeDef,
  id: string,
  body: unknown,
  options: RenderOptions,
  ifMatch?: string,
): Reply {
  const q = core.quirks;
  const r = core.store.get(type, id);
  if (r === undefined) throw fail.notFound(`${type.name} ${id} not found`);
  checkIfMatch(core, r, ifMatch);
  const result = applyPatch(
    { type, id, quirks: q, exists: (other) => core.store.byId(other) !== undefined },
    r.data,
    body,
    (partial) => core.store.touch(r, partial),
  );
  if (q.has("immutableNeverSet")) rejectFirstImmutable(type, r.data, result.data);
  if (q.has("patchNoExtensionSchema")) {
    // The mutant keeps the schemas list the resource had before the PATCH.
    r.schemaOverride ??= [
      type.schema.id,
      ...type.extensions.filter((e) => isObject(r.data[e.id])).map((e) => e.id),
    ];
  }
  if (result.changed) {
    checkUniqueness(core, type, result.data, id);
    core.store.touch(r, result.data, { keepTimestamp: q.has("lastModifiedFrozen") });
  }
  const supplied = new Set<string>();
  if (isObject(body) && Array.isArray(body.Operations)) {
    for (const op of body.Operations) {
      if (isObject(op) && typeof op.path === "string")
        supplied.add(op.path.split(/[.[]/)[0]?.split(":").at(-1)?.toLowerCase() ?? "");
      if (isObject(op) && op.path === undefined) for (const n of suppliedNames(op.value)) supplied.add(n);
    }
  }
  if (q.has("patch204Always")) return { status: 204 };
  const reply = resourceReply(core, 200, r, { ...options, supplied, where: "update" });
  if (
    q.has("patchPartialBody") &&
    isObject(reply.body) &&
    !(options.attributes && options.attributes.length > 0)
  ) {
    // The mutant answers only what changed (plus id), not the entire resource.
    const partial: Json = { schemas: reply.body.schemas, id: reply.body.id };
    for (const name of supplied) {
      const key = Object.keys(reply.body).find((k) => k.toLowerCase() === name);
      if (key !== undefined) partial[key] = reply.body[key];
    }
    return { ...reply, body: partial };
  }
  return reply;
}

export function deleteResource(core: ServerCore, type: TypeDef, id: string, ifMatch?: string): Reply {
  const q = core.quirks;
  const r = core.store.get(type, id);
  if (r === undefined) {
    if (q.has("deleteUnknown204")) return { status: 204 };
    if (q.has("notFoundAs400")) throw fail.invalidValue(`${type.name} ${id} is not a valid id`);
    throw fail.notFound(`${type.name} ${id} not found`);
  }
  checkIfMatch(core, r, ifMatch);
  if (q.has("softDeleteVisible")) {
    // The mutant only flags the resource (PingFederate "disable on delete" done wrong): it stays readable.
    core.store.touch(r, { ...r.data, active: false });
    return { status: 204 };
  }
  core.store.delete(r);
  for (const g of core.store.all(groupType)) {
    if (Array.isArray(g.data.members) && g.data.members.some((m) => isObject(m) && m.value === id)) {
      core.store.touch(g, {
        ...g.data,
        members: g.data.members.filter((m) => !(isObject(m) && m.value === id)),
      });
    }
  }
  return { status: q.has("delete200") ? 200 : 204 };
}
