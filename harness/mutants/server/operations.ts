// The resource operations of the mutant server — create (RFC 7644 §3.3), replace (§3.5.1), patch
// (§3.5.2), delete (§3.6) — shared by the HTTP routes and by /Bulk (§3.7), so a Bulk operation gets
// exactly the answer the same request would get on its own.
import type { Json } from "./json-value.js";
import { deepEqual, isObject, isUnassigned } from "./json-value.js";
import { applyPatch } from "./patch.js";
import type { Quirks } from "./quirks.js";
import type { RenderContext, RenderOptions } from "./render.js";
import { etagOf, locationOf, render } from "./render.js";
import type { AttrDef, TypeDef } from "./schema-model.js";
import { groupType, testExtensionUrn, userType } from "./schema-model.js";
import { fail, ScimFailure } from "./scim-failure.js";
import type { ResourceStore, StoredResource } from "./store.js";
import { normaliseBody } from "./values.js";

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface ServerCore extends RenderContext {
  readonly store: ResourceStore;
  readonly quirks: Quirks;
}

/** RFC 7644 §5 / RFC 8265: width-mapped, normalised, case-folded (PRECIS UsernameCaseMapped). */
function userNameKey(q: Quirks, value: string): string {
  if (q.has("caseSensitiveUserName")) return value;
  return q.has("noPrecis") ? value.toLowerCase() : value.normalize("NFKC").toLowerCase();
}

function checkUniqueness(core: ServerCore, type: TypeDef, data: Json, self: string | undefined): void {
  const q = core.quirks;
  if (q.has("noUniqueness")) return;
  const others = core.store.all(type).filter((r) => r.id !== self);
  // The mutant keeps deleted users' names reserved.
  if (q.has("userNameReservedAfterDelete"))
    others.push(...core.store.tombstones.filter((r) => r.type === type));
  if (type === userType && typeof data.userName === "string") {
    const key = userNameKey(q, data.userName);
    if (others.some((r) => typeof r.data.userName === "string" && userNameKey(q, r.data.userName) === key)) {
      throw fail.uniqueness(`userName "${data.userName}" is already in use`);
    }
  }
  const ext = data[testExtensionUrn];
  if (isObject(ext) && typeof ext.employeeCode === "string" && !q.has("noServerUniqueness")) {
    if (
      others.some(
        (r) =>
          isObject(r.data[testExtensionUrn]) &&
          (r.data[testExtensionUrn] as Json).employeeCode === ext.employeeCode,
      )
    ) {
      throw fail.uniqueness(`employeeCode "${ext.employeeCode}" is already in use`);
    }
  }
}

function checkMembers(core: ServerCore, type: TypeDef, data: Json): void {
  if (type !== groupType || !Array.isArray(data.members)) return;
  for (const m of data.members) {
    if (!isObject(m) || typeof m.value !== "string" || core.store.byId(m.value) === undefined) {
      throw fail.invalidValue(
        `member ${JSON.stringify(isObject(m) ? m.value : m)} is not an existing resource`,
      );
    }
  }
}

/** Names the request supplied at the top level or inside an extension (for returned=request). */
function suppliedNames(body: unknown): Set<string> {
  const out = new Set<string>();
  if (!isObject(body)) return out;
  for (const [k, v] of Object.entries(body)) {
    out.add(k.toLowerCase());
    if (k.toLowerCase().startsWith("urn:") && isObject(v))
      for (const k2 of Object.keys(v)) out.add(k2.toLowerCase());
  }
  return out;
}

function resourceReply(
  core: ServerCore,
  status: number,
  r: StoredResource,
  options: RenderOptions,
  extra: Record<string, string> = {},
): Reply {
  const headers: Record<string, string> = { ...extra };
  if (core.quirks.has("contentLocationDiffers") && options.where === "get") {
    headers["Content-Location"] = `${locationOf(core, r)}/elsewhere`;
  }
  if (!core.quirks.has("noEtagHeader")) headers.ETag = etagOf(r);
  return { status, headers, body: render(core, r, options) };
}

export function checkIfMatch(core: ServerCore, r: StoredResource, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === "*" || core.quirks.has("etagIgnored")) return;
  const tags = ifMatch.split(",").map((t) => t.trim());
  if (!tags.includes(etagOf(r))) {
    if (core.quirks.has("staleIfMatch409")) throw new ScimFailure(409, undefined, "version mismatch");
    throw new ScimFailure(412, undefined, `If-Match ${ifMatch} does not match ${etagOf(r)}`);
  }
}

export function createResource(
  core: ServerCore,
  type: TypeDef,
  body: unknown,
  options: RenderOptions,
): Reply {
  const q = core.quirks;
  let data: Json;
  try {
    data = normaliseBody(type, body, { quirks: q });
  } catch (error) {
    // The mutant refuses the create but keeps what it could read of it.
    if (
      q.has("failedCreatePersists") &&
      isObject(body) &&
      error instanceof ScimFailure &&
      error.status === 400
    ) {
      core.store.insert(type, { externalId: body.externalId });
    }
    throw error;
  }
  if (
    q.has("extensionOrderMatters") &&
    isObject(body) &&
    Array.isArray(body.schemas) &&
    body.schemas[0] !== type.schema.id
  ) {
    throw fail.invalidSyntax("the base schema must come first in schemas");
  }
  if (q.has("memberOrderMatters") && isObject(body) && Object.keys(body)[0]?.toLowerCase() !== "schemas") {
    throw fail.invalidSyntax("schemas must be the first member of the body");
  }
  if (q.has("roundTripDropsTitle")) delete data.title;
  if (q.has("membersDropped")) delete data.members;
  if (
    q.has("metaFromClient") &&
    isObject(body) &&
    isObject(body.meta) &&
    typeof body.meta.created === "string"
  ) {
    data.__clientCreated = body.meta.created;
  }
  checkUniqueness(core, type, data, undefined);
  checkMembers(core, type, data);
  // A common server default (RFC 7644 §3.3 "MAY assign a default value"): new Users are active. The
  // mutant shows the default on read without storing it, so filters do not see it.
  if (type === userType && data.active === undefined && !q.has("defaultOnlyOnRead")) data.active = true;
  if (q.has("externalIdGenerated") && data.externalId === undefined)
    data.externalId = `gen-${core.store.nextId()}`;
  if (q.has("externalIdLowercased") && typeof data.externalId === "string")
    data.externalId = data.externalId.toLowerCase();
  // The idsFromNames mutant derives ids from names, so a User and a Group of the same name collide.
  const named =
    typeof data.userName === "string"
      ? data.userName
      : typeof data.displayName === "string"
        ? data.displayName
        : undefined;
  const clientId =
    isObject(body) && typeof body.id === "string" && q.has("clientIdHonoured")
      ? body.id
      : q.has("idsFromNames") && named !== undefined
        ? named
        : undefined;
  const clientCreated = data.__clientCreated;
  delete data.__clientCreated;
  const created = core.store.insert(type, data, clientId);
  if (typeof clientCreated === "string") (created as { created: string }).created = clientCreated;
  const extra: Record<string, string> = {};
  if (!q.has("noLocation"))
    extra.Location = q.has("locationDiffers")
      ? `${core.baseUrl}${type.endpoint}?id=${created.id}`
      : locationOf(core, created);
  const reply = resourceReply(
    core,
    q.has("create200") ? 200 : 201,
    created,
    { ...options, supplied: suppliedNames(body), where: "write" },
    extra,
  );
  if (q.has("createNoBody"))
    return { status: reply.status, ...(reply.headers ? { headers: reply.headers } : {}) };
  return reply;
}

export function getResource(
  core: ServerCore,
  type: TypeDef,
  id: string,
  options: RenderOptions,
  ifNoneMatch?: string,
): Reply {
  const r = core.store.get(type, id);
  if (r === undefined) {
    if (core.quirks.has("notFoundAs400")) throw fail.invalidValue(`${type.name} ${id} is not a valid id`);
    throw fail.notFound(`${type.name} ${id} not found`);
  }
  if (
    ifNoneMatch !== undefined &&
    !core.quirks.has("etagIgnored") &&
    ifNoneMatch
      .split(",")
      .map((t) => t.trim())
      .includes(etagOf(r))
  ) {
    return { status: 304, headers: { ETag: etagOf(r) } };
  }
  return resourceReply(core, 200, r, { ...options, where: "get" });
}

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
