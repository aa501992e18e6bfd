// The resource operations of the mutant server — create (RFC 7644 §3.3) and read (§3.4.1) here,
// replace, patch and delete in resource-updates.ts — shared by the HTTP routes and by /Bulk (§3.7), so
// a Bulk operation gets exactly the answer the same request would get on its own.
import type { Json } from "./json-value.js";
import { asciiLower, isObject } from "./json-value.js";
import type { Quirks } from "./quirks.js";
import type { RenderContext, RenderOptions } from "./render.js";
import { etagOf, locationOf, render } from "./render.js";
import type { TypeDef } from "./schema-model.js";
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
  if (q.has("asciiCaseFold")) return asciiLower(value.normalize("NFKC"));
  return q.has("noPrecis") ? value.toLowerCase() : value.normalize("NFKC").toLowerCase();
}

export function checkUniqueness(core: ServerCore, type: TypeDef, data: Json, self: string | undefined): void {
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

export function checkMembers(core: ServerCore, type: TypeDef, data: Json): void {
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
export function suppliedNames(body: unknown): Set<string> {
  const out = new Set<string>();
  if (!isObject(body)) return out;
  for (const [k, v] of Object.entries(body)) {
    out.add(k.toLowerCase());
    if (k.toLowerCase().startsWith("urn:") && isObject(v))
      for (const k2 of Object.keys(v)) out.add(k2.toLowerCase());
  }
  return out;
}

export function resourceReply(
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
