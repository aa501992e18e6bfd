// Reads the target's discovery documents before any check runs (RFC 7644 §4) and builds the Discovery
// the checks and the grading share. Tolerant on purpose: this is not where conformance is judged (the
// discovery checks do that), so any shape that can be understood is used, and what cannot be read is
// listed in `problems` and leaves the affected features `unknown`.
import type { Gate } from "../checks/check.js";
import type { ScimClient, ScimResponse } from "../client/client.js";
import { ExchangeFailure } from "../client/client.js";
import { encodeSegment } from "../client/urls.js";
import type {
  Discovery,
  DiscoveryDocuments,
  FeatureState,
  ResourceTypeInfo,
  SchemaAttributeInfo,
  SchemaInfo,
} from "./discovery.js";

export const userSchemaUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
export const groupSchemaUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** A property by case-insensitive name (RFC 7643 §2.1). */
function get(object: Json | undefined, name: string): unknown {
  if (object === undefined) return undefined;
  if (name in object) return object[name];
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The items of a ListResponse, or of a bare array (lenient: judged by the discovery checks). */
function listItems(body: unknown): Json[] | undefined {
  const items = Array.isArray(body) ? body : get(asObject(body), "Resources");
  return Array.isArray(items) ? items.map(asObject).filter((x): x is Json => x !== undefined) : undefined;
}

/** RFC 7643 §2.2 defaults for characteristics a schema leaves out. */
export function parseAttribute(raw: Json): SchemaAttributeInfo {
  const bool = (name: string, fallback: boolean): boolean => {
    const v = get(raw, name);
    return typeof v === "boolean" ? v : fallback;
  };
  const sub = get(raw, "subAttributes");
  return {
    name: str(get(raw, "name")) ?? "",
    type: str(get(raw, "type")) ?? "string",
    multiValued: bool("multiValued", false),
    required: bool("required", false),
    caseExact: bool("caseExact", false),
    mutability: str(get(raw, "mutability")) ?? "readWrite",
    returned: str(get(raw, "returned")) ?? "default",
    uniqueness: str(get(raw, "uniqueness")) ?? "none",
    canonicalValues: Array.isArray(get(raw, "canonicalValues"))
      ? (get(raw, "canonicalValues") as unknown[])
      : [],
    referenceTypes: Array.isArray(get(raw, "referenceTypes"))
      ? (get(raw, "referenceTypes") as unknown[]).filter((x): x is string => typeof x === "string")
      : [],
    subAttributes: Array.isArray(sub)
      ? sub
          .map(asObject)
          .filter((x): x is Json => x !== undefined)
          .map(parseAttribute)
      : [],
  };
}

export function parseSchema(raw: Json): SchemaInfo | undefined {
  const id = str(get(raw, "id"));
  if (id === undefined) return undefined;
  const attributes = get(raw, "attributes");
  return {
    id,
    name: str(get(raw, "name")),
    attributes: Array.isArray(attributes)
      ? attributes
          .map(asObject)
          .filter((x): x is Json => x !== undefined)
          .map(parseAttribute)
      : [],
  };
}

export function parseResourceType(raw: Json): ResourceTypeInfo | undefined {
  const name = str(get(raw, "name"));
  const endpoint = str(get(raw, "endpoint"));
  const schema = str(get(raw, "schema"));
  if (name === undefined || endpoint === undefined || schema === undefined) return undefined;
  // Endpoints are relative to the base URI ("/Users", RFC 7643 §6); tolerate "Users" and absolute URLs.
  let path = endpoint;
  if (/^https?:\/\//i.test(path)) path = new URL(path).pathname.replace(/.*(\/[^/]+)$/, "$1");
  if (!path.startsWith("/")) path = `/${path}`;
  const extensions = get(raw, "schemaExtensions");
  return {
    id: str(get(raw, "id")),
    name,
    endpoint: path.replace(/\/+$/, ""),
    schema,
    schemaExtensions: Array.isArray(extensions)
      ? extensions
          .map(asObject)
          .filter((x): x is Json => x !== undefined)
          .flatMap((e) => {
            const s = str(get(e, "schema"));
            return s === undefined ? [] : [{ schema: s, required: get(e, "required") === true }];
          })
      : [],
  };
}

const spcFeatures: Partial<Record<Gate, string>> = {
  filter: "filter",
  sort: "sort",
  patch: "patch",
  bulk: "bulk",
  etag: "etag",
  changePassword: "changePassword",
};

export class DiscoveryResult implements Discovery {
  readonly reachable: boolean;
  readonly serviceProviderConfig: Readonly<Json> | undefined;
  readonly resourceTypes: readonly ResourceTypeInfo[];
  readonly schemas: readonly SchemaInfo[];
  readonly documents: DiscoveryDocuments;
  readonly exchanges: Discovery["exchanges"];
  readonly problems: readonly string[];
  readonly #resourceTypesKnown: boolean;

  constructor(init: {
    reachable: boolean;
    serviceProviderConfig: Json | undefined;
    resourceTypes: ResourceTypeInfo[] | undefined;
    schemas: SchemaInfo[];
    documents: DiscoveryDocuments;
    exchanges: Discovery["exchanges"];
    problems: string[];
  }) {
    this.reachable = init.reachable;
    this.serviceProviderConfig = init.serviceProviderConfig;
    this.resourceTypes = init.resourceTypes ?? [];
    this.#resourceTypesKnown = init.resourceTypes !== undefined;
    this.schemas = init.schemas;
    this.documents = init.documents;
    this.exchanges = init.exchanges;
    this.problems = init.problems;
  }

  feature(gate: Gate): FeatureState {
    if (gate === "core") return "advertised";
    if (gate === "users" || gate === "groups") {
      if (!this.#resourceTypesKnown) return "unknown";
      return this.resourceType(gate === "users" ? userSchemaUrn : groupSchemaUrn)
        ? "advertised"
        : "not-advertised";
    }
    const spc = this.serviceProviderConfig;
    if (spc === undefined) return "unknown";
    if (gate === "cursor") {
      const cursor = get(asObject(get(spc, "pagination")), "cursor");
      return typeof cursor === "boolean" ? (cursor ? "advertised" : "not-advertised") : "unknown";
    }
    const key = spcFeatures[gate];
    if (key === undefined) return "unknown"; // me, search: RFC 7643 §5 has no flag for them.
    const supported = get(asObject(get(spc, key)), "supported");
    return typeof supported === "boolean" ? (supported ? "advertised" : "not-advertised") : "unknown";
  }

  resourceType(nameOrSchema: string): ResourceTypeInfo | undefined {
    const wanted = nameOrSchema.toLowerCase();
    return (
      this.resourceTypes.find((rt) => rt.schema.toLowerCase() === wanted) ??
      this.resourceTypes.find((rt) => rt.name.toLowerCase() === wanted || rt.id?.toLowerCase() === wanted)
    );
  }

  endpoint(nameOrSchema: string): string | undefined {
    const found = this.resourceType(nameOrSchema)?.endpoint;
    if (found !== undefined) return found;
    const wanted = nameOrSchema.toLowerCase();
    // RFC 7644 §3.2's well-known endpoints, for a target whose /ResourceTypes could not be read.
    if (wanted === "user" || wanted === userSchemaUrn.toLowerCase()) return "/Users";
    if (wanted === "group" || wanted === groupSchemaUrn.toLowerCase()) return "/Groups";
    return undefined;
  }

  schema(id: string): SchemaInfo | undefined {
    return this.schemas.find((s) => s.id.toLowerCase() === id.toLowerCase());
  }

  attribute(schemaId: string, path: string): SchemaAttributeInfo | undefined {
    let attributes = this.schema(schemaId)?.attributes;
    let found: SchemaAttributeInfo | undefined;
    for (const name of path.split(".")) {
      found = attributes?.find((a) => a.name.toLowerCase() === name.toLowerCase());
      attributes = found?.subAttributes;
    }
    return found;
  }
}

async function read(client: ScimClient, path: string, problems: string[]): Promise<ScimResponse | undefined> {
  try {
    const res = await client.send({ method: "GET", path });
    if (res.status !== 200) problems.push(`GET ${path} answered ${res.status}`);
    else if (res.bodyKind !== "json") problems.push(`GET ${path} did not return JSON (${res.bodyKind})`);
    return res;
  } catch (error) {
    if (!(error instanceof ExchangeFailure)) throw error;
    problems.push(`GET ${path}: ${error.message}`);
    return undefined;
  }
}

/** Reads /ServiceProviderConfig, /ResourceTypes and /Schemas (and any schema a type names but the list lacks). */
export async function discover(client: ScimClient): Promise<DiscoveryResult> {
  const problems: string[] = [];
  const spcRes = await read(client, "/ServiceProviderConfig", problems);
  if (spcRes === undefined) {
    return new DiscoveryResult({
      reachable: false,
      serviceProviderConfig: undefined,
      resourceTypes: undefined,
      schemas: [],
      documents: {},
      exchanges: client.exchanges,
      problems,
    });
  }
  const rtRes = await read(client, "/ResourceTypes", problems);
  const schemaRes = await read(client, "/Schemas", problems);
  const spc = spcRes.status === 200 ? asObject(spcRes.body) : undefined;
  const rtItems = rtRes?.status === 200 ? listItems(rtRes.body) : undefined;
  const resourceTypes = rtItems?.map(parseResourceType).filter((x): x is ResourceTypeInfo => x !== undefined);
  const schemas = (schemaRes?.status === 200 ? (listItems(schemaRes.body) ?? []) : [])
    .map(parseSchema)
    .filter((x): x is SchemaInfo => x !== undefined);
  const named = new Set(
    (resourceTypes ?? []).flatMap((rt) => [rt.schema, ...rt.schemaExtensions.map((e) => e.schema)]),
  );
  for (const urn of named) {
    if (schemas.some((s) => s.id.toLowerCase() === urn.toLowerCase())) continue;
    const single = await read(client, `/Schemas/${encodeSegment(urn)}`, problems);
    const parsed = single?.status === 200 ? asObject(single.body) : undefined;
    const schema = parsed ? parseSchema(parsed) : undefined;
    if (schema) schemas.push(schema);
  }
  return new DiscoveryResult({
    reachable: true,
    serviceProviderConfig: spc,
    resourceTypes,
    schemas,
    documents: {
      ...(spcRes.body !== undefined ? { serviceProviderConfig: spcRes.body } : {}),
      ...(rtRes?.body !== undefined ? { resourceTypes: rtRes.body } : {}),
      ...(schemaRes?.body !== undefined ? { schemas: schemaRes.body } : {}),
    },
    exchanges: client.exchanges,
    problems,
  });
}
