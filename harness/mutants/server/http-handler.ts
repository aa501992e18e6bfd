// Routing and HTTP semantics of the mutant server: bearer authentication with a WWW-Authenticate
// challenge (RFC 7644 §2), the SCIM media type (§3.8), ETag preconditions (§3.14), discovery (§4),
// /Me (§3.11), and every error rendered once as an RFC 7644 §3.12 body.
import { runBulk } from "./bulk.js";
import {
  messageSchemaDoc,
  resourceTypeDoc,
  schemaDoc,
  schemasServed,
  serviceProviderConfig,
  typesServed,
} from "./discovery-docs.js";
import type { Json } from "./json-value.js";
import { isObject } from "./json-value.js";
import type { Reply, ServerCore } from "./operations.js";
import { createResource, getResource } from "./operations.js";
import type { QueryParams } from "./query.js";
import { paramsFrom, runQuery } from "./query.js";
import type { Quirks } from "./quirks.js";
import type { RenderOptions } from "./render.js";
import { locationOf, render } from "./render.js";
import { deleteResource, patchResource, replaceResource } from "./resource-updates.js";
import type { TypeDef } from "./schema-model.js";
import { userType } from "./schema-model.js";
import { fail, ScimFailure } from "./scim-failure.js";

export interface PlainRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string;
}

export interface ServerSettings {
  readonly baseUrl: string;
  readonly token: string;
  /** The id of the User the token authenticates as (/Me). */
  readonly subjectId: () => string | undefined;
}

function errorReply(core: ServerCore, status: number, scimType: string | undefined, detail: string): Reply {
  const body: Json = {
    schemas: core.quirks.has("errorWithoutUrn") ? [] : ["urn:ietf:params:scim:api:messages:2.0:Error"],
    status: core.quirks.has("numericErrorStatus") ? status : String(status),
    detail,
  };
  if (scimType !== undefined)
    body.scimType =
      core.quirks.has("wrongScimType") && scimType === "invalidFilter" ? "invalidValue" : scimType;
  if (core.quirks.has("errorsAs200")) return { status: 200, body };
  return { status, body };
}

function renderOptions(url: URL): RenderOptions {
  const p = paramsFrom(Object.fromEntries(url.searchParams));
  return {
    ...(p.attributes ? { attributes: p.attributes } : {}),
    ...(p.excludedAttributes ? { excludedAttributes: p.excludedAttributes } : {}),
  };
}

function parseJson(body: string, quirks?: Quirks): unknown {
  if (body.trim() === "") throw fail.invalidSyntax("the request has no body");
  try {
    return JSON.parse(body) as unknown;
  } catch {
    // The mutant crashes on unparsable JSON instead of answering 400 invalidSyntax.
    if (quirks?.has("malformedJson500")) throw new Error("unexpected token");
    throw fail.invalidSyntax("the body is not valid JSON");
  }
}

function query(core: ServerCore, types: readonly TypeDef[], params: QueryParams, root: boolean): Reply {
  return { status: 200, body: runQuery(core, { types, resources: core.store.all(), params, root }) };
}

function discovery(
  core: ServerCore,
  settings: ServerSettings,
  req: PlainRequest,
  segments: string[],
): Reply | undefined {
  const [head = "", id] = segments;
  const which = head.toLowerCase();
  if (which !== "serviceproviderconfig" && which !== "resourcetypes" && which !== "schemas") return undefined;
  if (req.method !== "GET") {
    if (core.quirks.has("discoveryWritable")) return { status: 200, body: {} };
    return {
      status: 405,
      headers: { Allow: "GET" },
      body: errorReply(core, 405, undefined, `${req.method} is not allowed on /${head}`).body,
    };
  }
  const base = settings.baseUrl;
  const q = core.quirks;
  if (req.url.searchParams.has("filter") && !q.has("discoveryFilterAllowed")) {
    return errorReply(
      core,
      403,
      undefined,
      "filtering is not supported on discovery endpoints (RFC 7644 §4)",
    );
  }
  if (which === "serviceproviderconfig") return { status: 200, body: serviceProviderConfig(base, q) };
  const list = (resources: Json[]): Reply => {
    let shown = resources;
    if (q.has("discoveryHonoursCount") && req.url.searchParams.has("count"))
      shown = resources.slice(0, Number(req.url.searchParams.get("count")));
    return {
      status: 200,
      body: {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        totalResults: shown.length,
        itemsPerPage: shown.length,
        startIndex: 1,
        Resources: shown,
      },
    };
  };
  if (which === "resourcetypes") {
    const docs = typesServed(q).map((t) => resourceTypeDoc(base, t, q));
    if (id === undefined) return list(docs);
    const doc = docs.find((d) => String(d.id).toLowerCase() === id.toLowerCase());
    if (doc === undefined && q.has("rtUnknown200")) return { status: 200, body: {} };
    if (doc === undefined) return errorReply(core, 404, undefined, `no resource type ${id}`);
    return { status: 200, body: q.has("byIdAsList") ? list([doc]).body : doc };
  }
  const docs = schemasServed(q).map((s) => schemaDoc(base, s, q));
  if (q.has("listsMessageSchemas")) docs.push(messageSchemaDoc(base));
  if (id === undefined) {
    return list(q.has("schemasListNoUrn") ? docs.map(({ schemas: _s, ...rest }) => rest) : docs);
  }
  const doc = docs.find((d) => String(d.id).toLowerCase() === id.toLowerCase());
  if (doc !== undefined && q.has("schemaByIdAsList")) return list([doc]);
  if (doc === undefined)
    return q.has("unknownSchema200")
      ? { status: 200, body: {} }
      : errorReply(core, 404, undefined, `no schema ${id}`);
  return { status: 200, body: doc };
}

function resources(core: ServerCore, req: PlainRequest, type: TypeDef, id: string | undefined): Reply {
  const options = renderOptions(req.url);
  const ifMatch = req.headers.get("if-match") ?? undefined;
  if (id === undefined) {
    const known = /^(filter|sortBy|sortOrder|startIndex|count|cursor|attributes|excludedAttributes)$/i;
    if (
      core.quirks.has("rejectUnknownParameters") &&
      [...req.url.searchParams.keys()].some((k) => !known.test(k))
    ) {
      throw fail.invalidValue("unknown query parameter");
    }
    const listed = core.quirks.has("endpointServesUsers") && type.name === "Group" ? userType : type;
    if (req.method === "GET")
      return query(core, [listed], paramsFrom(Object.fromEntries(req.url.searchParams)), false);
    if (req.method === "POST") return createResource(core, type, parseJson(req.body, core.quirks), options);
    return errorReply(core, 405, undefined, `${req.method} is not allowed on ${type.endpoint}`);
  }
  if (id === ".search") {
    if (req.method !== "POST") return errorReply(core, 405, undefined, ".search takes POST");
    return search(core, [type], req, false);
  }
  switch (req.method) {
    case "GET": {
      if (core.quirks.has("inactiveHidden") && core.store.get(type, id)?.data.active === false) {
        throw fail.notFound(`${type.name} ${id} not found`);
      }
      const ifNoneMatch = core.quirks.has("ifNoneMatchIgnored")
        ? undefined
        : (req.headers.get("if-none-match") ?? undefined);
      return getResource(core, type, id, options, ifNoneMatch);
    }
    case "PUT":
      if (core.quirks.has("putUnsupported")) return errorReply(core, 405, undefined, "PUT is not supported");
      return replaceResource(core, type, id, parseJson(req.body, core.quirks), options, ifMatch);
    case "PATCH":
      if (core.quirks.has("noPatchSupport")) {
        const status = core.quirks.has("patchUnsupported405") ? 405 : 501;
        return errorReply(core, status, undefined, "PATCH is not supported");
      }
      return patchResource(core, type, id, parseJson(req.body, core.quirks), options, ifMatch);
    case "DELETE":
      return deleteResource(core, type, id, ifMatch);
    default:
      return errorReply(core, 405, undefined, `${req.method} is not allowed`);
  }
}

function search(core: ServerCore, types: readonly TypeDef[], req: PlainRequest, root: boolean): Reply {
  const body = parseJson(req.body, core.quirks);
  if (!isObject(body)) throw fail.invalidSyntax("a SearchRequest must be an object");
  const schemas = body.schemas;
  if (
    !core.quirks.has("searchIgnoresSchemas") &&
    (!Array.isArray(schemas) ||
      !schemas.some((s) => String(s).toLowerCase() === "urn:ietf:params:scim:api:messages:2.0:searchrequest"))
  ) {
    throw fail.invalidSyntax("schemas must contain urn:ietf:params:scim:api:messages:2.0:SearchRequest");
  }
  let params = paramsFrom(body);
  if (core.quirks.has("searchIgnoresSort"))
    params = { ...params, sortBy: undefined, sortOrder: undefined } as QueryParams;
  if (core.quirks.has("searchNoCursor")) params = { ...params, cursor: undefined } as QueryParams;
  if (core.quirks.has("searchAnswers201")) return { ...query(core, types, params, root), status: 201 };
  if (core.quirks.has("searchIgnoresProjection"))
    return query(
      core,
      types,
      { ...params, attributes: undefined, excludedAttributes: undefined } as QueryParams,
      root,
    );
  return query(core, types, params, root);
}

function me(core: ServerCore, settings: ServerSettings, req: PlainRequest, types: readonly TypeDef[]): Reply {
  const subject = settings.subjectId();
  const users = types.find((t) => t.name === "User");
  if (core.quirks.has("meUnsupported403")) return errorReply(core, 403, undefined, "/Me is not available");
  if (subject === undefined || users === undefined)
    return errorReply(core, 501, undefined, "/Me is not supported");
  const r = core.store.get(users, subject);
  if (r === undefined) return errorReply(core, 404, undefined, "the authenticated subject has no resource");
  if (req.method !== "GET") return resources(core, req, users, subject);
  const headers: Record<string, string> = {};
  if (!core.quirks.has("meNoLocation")) headers.Location = locationOf(core, r);
  const body = render(core, r, renderOptions(req.url));
  // The mutant answers /Me from a stale copy of another account: the subject's id, someone's data.
  if (core.quirks.has("meWrongSubject")) body.userName = `${String(body.userName)}-elsewhere`;
  return { status: 200, headers, body };
}

function route(core: ServerCore, settings: ServerSettings, req: PlainRequest): Reply {
  const basePath = new URL(settings.baseUrl).pathname.replace(/\/+$/, "");
  if (!req.url.pathname.startsWith(basePath)) return errorReply(core, 404, undefined, "not a SCIM path");
  const segments = req.url.pathname
    .slice(basePath.length)
    .split("/")
    .filter((s) => s.length > 0)
    .map((s) => decodeURIComponent(s));
  const authorization = req.headers.get("authorization");
  const isSpc = segments[0]?.toLowerCase() === "serviceproviderconfig";
  const groupsRefused =
    core.quirks.has("groupsNeedOtherAuth") &&
    segments[0]?.toLowerCase() === "groups" &&
    authorization === `Bearer ${settings.token}`;
  if (
    (groupsRefused || authorization !== `Bearer ${settings.token}`) &&
    !(isSpc && authorization === null && !core.quirks.has("spcNeedsAuth"))
  ) {
    const detail = core.quirks.has("echoTokenInError")
      ? `authentication required; ${authorization ?? "no credentials"} is not valid`
      : "authentication required";
    const reply = errorReply(core, 401, undefined, detail);
    if (core.quirks.has("authDisabled")) {
      // falls through: the mutant serves everything without credentials
    } else {
      const challenge: Record<string, string> = core.quirks.has("noWwwAuthenticate")
        ? {}
        : { "WWW-Authenticate": 'Bearer realm="scim"' };
      if (core.quirks.has("unauthorizedPlainText"))
        return { status: 401, headers: challenge, body: "Unauthorized" };
      return { ...reply, headers: challenge };
    }
  }
  const d = discovery(core, settings, req, segments);
  if (d !== undefined) return d;
  const types = typesServed(core.quirks);
  const [head, id, extra] = segments;
  if (head === undefined || (head === ".search" && id === undefined)) {
    if (head === ".search" && req.method === "POST") return search(core, types, req, true);
    if (head === undefined && req.method === "GET")
      return query(core, types, paramsFrom(Object.fromEntries(req.url.searchParams)), true);
    return errorReply(core, 404, undefined, "not a SCIM endpoint");
  }
  if (head.toLowerCase() === "bulk" && id === undefined) {
    if (req.method !== "POST") return errorReply(core, 405, undefined, "/Bulk takes POST");
    return runBulk(core, types, parseJson(req.body, core.quirks), Buffer.byteLength(req.body));
  }
  if (head.toLowerCase() === "me" && id === undefined) return me(core, settings, req, types);
  const type = types.find((t) => t.endpoint.slice(1).toLowerCase() === head.toLowerCase());
  if (type === undefined || extra !== undefined) {
    if (core.quirks.has("versionIgnored") && /^v\d+$/i.test(head)) {
      return route(core, settings, { ...req, url: new URL(req.url.href.replace(`/${head}/`, "/")) });
    }
    const status = core.quirks.has("unknownEndpoint400") ? 400 : 404;
    return errorReply(core, status, undefined, `no endpoint /${segments.join("/")}`);
  }
  return resources(core, req, type, id);
}

export function handle(core: ServerCore, settings: ServerSettings, req: PlainRequest): Reply {
  try {
    return route(core, settings, req);
  } catch (error) {
    if (error instanceof ScimFailure) {
      if (error.status === 404 && core.quirks.has("notFoundPlain")) return { status: 404, body: "Not Found" };
      return errorReply(core, error.status, error.scimType, error.message);
    }
    return errorReply(core, 500, undefined, `internal error: ${(error as Error).message}`);
  }
}
