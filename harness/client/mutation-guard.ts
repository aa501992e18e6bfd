// The isolation rules, applied to every request before it is sent and to every response after
// (issue "Harness", Isolation): the harness never modifies or deletes anything it did not create, and
// everything it creates is registered for cleanup — including resources created inside /Bulk and any
// resource a non-conforming server creates on PUT (RFC 7644 §3.5.1 says it MUST NOT).
import type { ScimRequest, ScimResponse } from "./client.js";
import type { ResourceLedger } from "./resource-ledger.js";
import { relativePath, segmentsOf } from "./urls.js";

const writes = new Set(["PUT", "PATCH", "DELETE"]);

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function refuseWrite(method: string, path: string, ledger: ResourceLedger): string | undefined {
  const segments = segmentsOf(path);
  const last = segments.at(-1);
  if (segments.length === 1 && last?.toLowerCase() === "me") {
    return `refused: ${method} /Me would change the authenticated subject, which this run did not create`;
  }
  if (last === undefined || segments.length < 2) {
    return `refused: ${method} ${path || "/"} targets a collection and could touch resources this run did not create`;
  }
  const collection = segments.slice(0, -1).join("/");
  if (ledger.owns(collection, last)) return undefined;
  return `refused: ${method} ${path} targets a resource this run did not create`;
}

/** Attributes the harness fills with run-prefixed values (ctx.unique), so that it can recognise its own. */
const identifying = ["userName", "displayName", "externalId"];

function attributeOf(object: Record<string, unknown> | undefined, name: string): unknown {
  const key = Object.keys(object ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object?.[key];
}

/**
 * Whether a creation was answered with another resource than the one requested: the request named it with
 * the run prefix and the answer carries that attribute without it (attribute names and case compared
 * loosely, RFC 7643 §2.1). Believing such an answer would hand someone else's resource, by its id, to later
 * PUT, PATCH and DELETE and to cleanup (the hostile-target test saw the harness delete it).
 */
function answeredWithAnother(
  request: ScimRequest,
  answer: Record<string, unknown> | undefined,
  prefix: string,
): boolean {
  const sent = bulkBody(request);
  const own = prefix.toLowerCase();
  return identifying.some((name) => {
    const asked = attributeOf(sent, name);
    const got = attributeOf(answer, name);
    return (
      typeof asked === "string" &&
      asked.toLowerCase().includes(own) &&
      typeof got === "string" &&
      !got.toLowerCase().includes(own)
    );
  });
}

function bulkBody(request: ScimRequest): Record<string, unknown> | undefined {
  if (request.body !== undefined) return asObject(request.body);
  if (typeof request.rawBody !== "string") return undefined;
  try {
    return asObject(JSON.parse(request.rawBody));
  } catch {
    return undefined; // Unparseable: the server must reject it (and cannot act on it).
  }
}

/** Why the request must not be sent, or undefined when it may be. */
export function guardMutation(
  request: ScimRequest,
  relative: string | undefined,
  ledger: ResourceLedger,
): string | undefined {
  const method = request.method.toUpperCase();
  if (writes.has(method)) {
    if (relative === undefined) return `refused: ${method} outside the base URL`;
    return refuseWrite(method, relative, ledger);
  }
  if (
    method === "POST" &&
    relative !== undefined &&
    segmentsOf(relative).join("/").toLowerCase() === "bulk"
  ) {
    const operations = bulkBody(request)?.Operations;
    if (!Array.isArray(operations)) return undefined;
    for (const op of operations) {
      const operation = asObject(op);
      const opMethod = typeof operation?.method === "string" ? operation.method.toUpperCase() : "";
      const path = typeof operation?.path === "string" ? operation.path : "";
      // "bulkId:" references name resources created earlier in the same request (RFC 7644 §3.7.2).
      if (!writes.has(opMethod) || path.includes("bulkId:")) continue;
      const refusal = refuseWrite(opMethod, path, ledger);
      if (refusal !== undefined) return `${refusal} (inside a Bulk request)`;
    }
  }
  return undefined;
}

function register(ledger: ResourceLedger, path: string | undefined, owner: string): boolean {
  if (path === undefined) return false;
  const segments = segmentsOf(path);
  const id = segments.at(-1);
  if (segments.length < 2 || id === undefined) return false;
  ledger.register(segments.slice(0, -1).join("/"), id, owner);
  return true;
}

/** Records what a successful response created or deleted. */
export function registerCreations(
  request: ScimRequest,
  relative: string | undefined,
  response: ScimResponse,
  ledger: ResourceLedger,
  owner: string,
  baseUrl: string,
): void {
  if (relative === undefined) return;
  const method = request.method.toUpperCase();
  const ok = response.status >= 200 && response.status < 300;
  const segments = segmentsOf(relative);
  if (method === "DELETE" && (ok || response.status === 404) && segments.length >= 2) {
    ledger.markDeleted(segments.slice(0, -1).join("/"), segments.at(-1) ?? "");
    return;
  }
  if (!ok || (method !== "POST" && method !== "PUT")) return;
  if (method === "POST" && segments.at(-1)?.toLowerCase() === ".search") return;
  const body = asObject(response.body);
  if (method === "POST" && segments.join("/").toLowerCase() === "bulk") {
    for (const op of Array.isArray(body?.Operations) ? body.Operations : []) {
      const result = asObject(op);
      const status = Number(result?.status);
      if (String(result?.method).toUpperCase() !== "POST" || !(status >= 200 && status < 300)) continue;
      if (typeof result?.location === "string")
        register(ledger, relativePath(baseUrl, result.location), owner);
    }
    return;
  }
  // PUT creates nothing on a conforming server (RFC 7644 §3.5.1); a 201 means it did anyway.
  if (method === "PUT" && response.status !== 201) return;
  if (answeredWithAnother(request, body, ledger.prefix)) return;
  // The body's id under the collection the request named is what was created; Location is only a
  // fallback (e.g. POST /Me, RFC 7644 §3.11), since it could name some other resource.
  const id = body?.id;
  const collection = method === "PUT" ? segments.slice(0, -1) : segments;
  const isMe = collection.length === 1 && collection[0]?.toLowerCase() === "me";
  if (typeof id === "string" && id.length > 0 && collection.length > 0 && !isMe) {
    register(ledger, `/${collection.map(encodeURIComponent).join("/")}/${encodeURIComponent(id)}`, owner);
    return;
  }
  const location = response.header("location");
  if (location === undefined) return;
  try {
    register(ledger, relativePath(baseUrl, new URL(location, response.url)), owner);
  } catch {
    // An unparseable Location names nothing we could delete; the create checks report it.
  }
}
