// POST /Bulk (RFC 7644 §3.7): operations run through the same functions as single requests, bulkId
// references resolved (§3.7.2) — also forward and circular ones, by creating first and adding the
// circular members afterwards — failOnErrors honoured, and the §3.7.4 limits enforced with 413.
import { maxOperations, maxPayloadSize } from "./discovery-docs.js";
import type { Json } from "./json-value.js";
import { isObject } from "./json-value.js";
import type { Reply, ServerCore } from "./operations.js";
import { createResource } from "./operations.js";
import { deleteResource, patchResource, replaceResource } from "./resource-updates.js";
import type { TypeDef } from "./schema-model.js";
import { fail, ScimFailure } from "./scim-failure.js";

function errorBody(status: number, scimType: string | undefined, detail: string): Json {
  return {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  };
}

function referenced(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === "string" && value.startsWith("bulkId:")) out.add(value.slice(7));
  else if (Array.isArray(value)) for (const v of value) referenced(v, out);
  else if (isObject(value)) for (const v of Object.values(value)) referenced(v, out);
  return out;
}

function substitute(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string" && value.startsWith("bulkId:")) return ids.get(value.slice(7)) ?? value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, ids));
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  return value;
}

interface PendingOp {
  readonly index: number;
  readonly raw: Json;
}

export function runBulk(core: ServerCore, types: readonly TypeDef[], body: unknown, size: number): Reply {
  const q = core.quirks;
  if (size > maxPayloadSize && !q.has("bulkNoLimits")) {
    return {
      status: 413,
      body: errorBody(413, undefined, `the request is ${size} bytes; maxPayloadSize is ${maxPayloadSize}`),
    };
  }
  if (
    !isObject(body) ||
    (!q.has("bulkLenient") &&
      (!Array.isArray(body.schemas) ||
        !body.schemas.some(
          (s) => String(s).toLowerCase() === "urn:ietf:params:scim:api:messages:2.0:bulkrequest",
        )))
  ) {
    throw fail.invalidSyntax("the body must be a BulkRequest");
  }
  const operations = body.Operations;
  if (!Array.isArray(operations)) throw fail.invalidSyntax(`"Operations" must be an array`);
  if (operations.length > maxOperations && !q.has("bulkNoLimits")) {
    return {
      status: 413,
      body: errorBody(413, undefined, `${operations.length} operations; maxOperations is ${maxOperations}`),
    };
  }
  const failOnErrors =
    typeof body.failOnErrors === "number" && !q.has("bulkIgnoresFailOnErrors")
      ? body.failOnErrors
      : undefined;
  const ids = new Map<string, string>();
  const defined = new Set(
    operations
      .filter(isObject)
      .map((o) => o.bulkId)
      .filter((b): b is string => typeof b === "string"),
  );
  const pending: PendingOp[] = operations.map((raw, index) => ({ index, raw: isObject(raw) ? raw : {} }));
  // Results are reported in request order, whatever order the operations ran in.
  const results: { index: number; json: Json }[] = [];
  const deferred: { groupId: string; members: Json[] }[] = [];
  let errors = 0;
  while (pending.length > 0) {
    if (failOnErrors !== undefined && errors >= failOnErrors) break;
    const ready = (op: PendingOp) =>
      [...referenced(op.raw, new Set())].every((b) => ids.has(b) || !defined.has(b));
    let at = q.has("bulkNoRefResolution") ? 0 : pending.findIndex(ready);
    let strip = false;
    if (at < 0 && q.has("bulkNoCircular")) {
      // The mutant gives up on a cycle with a server error for every waiting operation.
      for (const p of pending.splice(0)) {
        results.push({
          index: p.index,
          json: {
            method: String(p.raw.method),
            bulkId: p.raw.bulkId,
            status: "500",
            response: errorBody(500, undefined, "circular reference"),
          },
        });
      }
      break;
    }
    if (at < 0) {
      // A cycle: create the first waiting POST without its unresolved members, add them at the end.
      at = pending.findIndex((p) => String(p.raw.method).toUpperCase() === "POST");
      strip = true;
      if (at < 0) at = 0;
    }
    const [op] = pending.splice(at, 1);
    if (op === undefined) break;
    const result = runOne(
      core,
      types,
      op.raw,
      q.has("bulkNoRefResolution") ? new Map() : ids,
      strip,
      deferred,
    );
    if (typeof op.raw.bulkId === "string" && result.id !== undefined) ids.set(op.raw.bulkId, result.id);
    if (result.failed) errors += 1;
    results.push({ index: op.index, json: result.json });
    if (result.failed && q.has("bulkStopsOnFirstError")) break;
  }
  for (const { groupId, members } of deferred) {
    const resolved = substitute(members, ids);
    patchResource(
      core,
      types.find((t) => t.name === "Group") ?? (types[0] as TypeDef),
      groupId,
      {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "add", path: "members", value: resolved }],
      },
      {},
    );
  }
  return {
    status: 200,
    body: {
      schemas: q.has("bulkNoResponseUrn") ? [] : ["urn:ietf:params:scim:api:messages:2.0:BulkResponse"],
      Operations: results.sort((a, b) => a.index - b.index).map((r) => r.json),
    },
  };
}

function runOne(
  core: ServerCore,
  types: readonly TypeDef[],
  raw: Json,
  ids: ReadonlyMap<string, string>,
  strip: boolean,
  deferred: { groupId: string; members: Json[] }[],
): { json: Json; failed: boolean; id?: string } {
  const method = typeof raw.method === "string" ? raw.method.toUpperCase() : "";
  const bulkId = typeof raw.bulkId === "string" ? raw.bulkId : undefined;
  const echo = bulkId !== undefined && !core.quirks.has("bulkNoBulkIdEcho") ? { bulkId } : {};
  const statusOf = (n: number) => (core.quirks.has("bulkNumericStatus") ? n : String(n));
  try {
    if (!["POST", "PUT", "PATCH", "DELETE"].includes(method))
      throw fail.invalidSyntax(`unsupported method ${JSON.stringify(raw.method)}`);
    if (typeof raw.path !== "string") throw fail.invalidSyntax(`an operation needs "path"`);
    const path = String(substitute(raw.path, ids));
    const segments = path.split("/").filter((s) => s.length > 0);
    const type = types.find((t) => t.endpoint.slice(1).toLowerCase() === segments[0]?.toLowerCase());
    if (type === undefined) throw fail.notFound(`no endpoint ${path}`);
    let data = substitute(raw.data, ids);
    let waiting: Json[] = [];
    if (strip && isObject(data) && Array.isArray(data.members)) {
      waiting = data.members.filter(
        (m): m is Json => isObject(m) && typeof m.value === "string" && m.value.startsWith("bulkId:"),
      );
      data = { ...data, members: data.members.filter((m) => !waiting.includes(m as Json)) };
    }
    const unresolved = [...referenced(data, new Set())];
    if (unresolved.length > 0)
      throw new ScimFailure(409, undefined, `bulkId ${unresolved.join(", ")} could not be resolved`);
    const ifMatch =
      typeof raw.version === "string" && !core.quirks.has("bulkIgnoresVersion") ? raw.version : undefined;
    let reply: Reply;
    if (method === "POST") {
      if (segments.length !== 1) throw fail.invalidSyntax("POST goes to an endpoint");
      if (bulkId === undefined) throw fail.invalidSyntax("a POST operation needs bulkId");
      if (data === undefined) throw fail.invalidSyntax("a POST operation needs data");
      reply = createResource(core, type, data, {});
    } else {
      const id = segments[1];
      if (id === undefined) throw fail.invalidSyntax(`${method} needs a resource path`);
      if (method !== "DELETE" && data === undefined) throw fail.invalidSyntax(`${method} needs data`);
      reply =
        method === "PUT"
          ? replaceResource(core, type, id, data, {}, ifMatch)
          : method === "PATCH"
            ? patchResource(core, type, id, data, {}, ifMatch)
            : deleteResource(core, type, id, ifMatch);
    }
    const body = isObject(reply.body) ? reply.body : undefined;
    const id = typeof body?.id === "string" ? body.id : segments[1];
    if (waiting.length > 0 && id !== undefined) deferred.push({ groupId: id, members: waiting });
    const location = id === undefined ? undefined : `${core.baseUrl}${type.endpoint}/${id}`;
    const version = reply.headers?.ETag;
    return {
      json: {
        method,
        ...echo,
        ...(location ? { location } : {}),
        ...(version ? { version } : {}),
        status: statusOf(reply.status),
      },
      failed: false,
      ...(method === "POST" && id !== undefined ? { id } : {}),
    };
  } catch (error) {
    if (!(error instanceof ScimFailure)) throw error;
    const location =
      method !== "POST" && typeof raw.path === "string"
        ? `${core.baseUrl}${substitute(raw.path, ids)}`
        : undefined;
    return {
      json: {
        method: method || String(raw.method),
        ...echo,
        ...(location ? { location } : {}),
        status: statusOf(error.status),
        response: errorBody(error.status, error.scimType, error.message),
      },
      failed: true,
    };
  }
}
