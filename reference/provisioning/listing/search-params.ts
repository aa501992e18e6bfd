// The query of a list or search request (RFC 7644 §3.4.2 and §3.4.3, RFC 9865 §2), parsed from URL query
// parameters or from a SearchRequest body into one typed shape. Malformed values are 400 `invalidValue`
// (RFC 7644 §3.12: "the value specified was not compatible with the operation"); filter and path syntax
// are checked later by their own parsers.
import { badRequest } from "../../protocol/errors/scim-error.js";
import type { JsonObject, JsonValue } from "../../protocol/resource/json.js";
import { messageUrns } from "../../protocol/schema/schema-definition.js";

export interface SearchParams {
  readonly filter: string | undefined;
  readonly sortBy: string | undefined;
  readonly sortOrder: "ascending" | "descending" | undefined;
  readonly startIndex: number | undefined;
  readonly count: number | undefined;
  /** RFC 9865 §2: present (possibly "") selects cursor paging; "" asks for the first page. */
  readonly cursor: string | undefined;
  /** Comma-separated attrPath lists (RFC 7644 §3.4.2.5, §3.10). */
  readonly attributes: string | undefined;
  readonly excludedAttributes: string | undefined;
}

export const noSearchParams: SearchParams = Object.freeze({
  filter: undefined,
  sortBy: undefined,
  sortOrder: undefined,
  startIndex: undefined,
  count: undefined,
  cursor: undefined,
  attributes: undefined,
  excludedAttributes: undefined,
});

export type QueryRecord = Readonly<Record<string, string | readonly string[] | undefined>>;

function integer(name: string, value: JsonValue | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === "string" && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isSafeInteger(n)) {
    throw badRequest(
      "invalidValue",
      `${name} must be an integer (RFC 7644 §3.4.2.4), not ${JSON.stringify(value)}.`,
    );
  }
  return n;
}

function sortOrder(value: JsonValue | undefined): SearchParams["sortOrder"] {
  if (value === undefined || value === null) return undefined;
  const order = typeof value === "string" ? value.toLowerCase() : undefined;
  if (order === "ascending" || order === "descending") return order;
  throw badRequest("invalidValue", `sortOrder must be "ascending" or "descending" (RFC 7644 §3.4.2.3).`);
}

function text(name: string, value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw badRequest("invalidValue", `${name} must be a string.`);
  return value;
}

/** attributes/excludedAttributes: a list of strings in a SearchRequest (§3.4.3), a comma list in a URL. */
function pathList(name: string, value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join(",");
  throw badRequest("invalidValue", `${name} must be a list of attribute names.`);
}

const queryKeys = [
  "filter",
  "sortBy",
  "sortOrder",
  "startIndex",
  "count",
  "cursor",
  "attributes",
  "excludedAttributes",
];
/** Each parameter by its lower-cased name: one lookup per query key, on every list request. */
const queryKeyByLowerName = new Map(queryKeys.map((k) => [k.toLowerCase(), k]));

/** From URL query parameters; names match case-insensitively, and a repeated parameter is refused. */
export function searchParamsFromQuery(query: QueryRecord): SearchParams {
  const single: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(query)) {
    const name = queryKeyByLowerName.get(rawName.toLowerCase());
    if (name === undefined || value === undefined) continue;
    if (typeof value !== "string" || name in single) {
      throw badRequest("invalidValue", `The query parameter ${name} may be given only once.`);
    }
    single[name] = value;
  }
  return {
    filter: single.filter,
    sortBy: single.sortBy,
    sortOrder: sortOrder(single.sortOrder),
    startIndex: integer("startIndex", single.startIndex),
    count: integer("count", single.count),
    cursor: single.cursor,
    attributes: single.attributes,
    excludedAttributes: single.excludedAttributes,
  };
}

/** From a POST /.search body (RFC 7644 §3.4.3): identified by the SearchRequest URN, which it MUST carry. */
export function searchParamsFromBody(body: JsonObject): SearchParams {
  const schemas = body.schemas;
  const urn = messageUrns.searchRequest.toLowerCase();
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === urn)) {
    throw badRequest(
      "invalidSyntax",
      `A search request must list "${messageUrns.searchRequest}" in schemas (RFC 7644 §3.4.3).`,
    );
  }
  const field = (name: string) => {
    const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : body[key];
  };
  const cursor = field("cursor");
  return {
    filter: text("filter", field("filter")),
    sortBy: text("sortBy", field("sortBy")),
    sortOrder: sortOrder(field("sortOrder")),
    startIndex: integer("startIndex", field("startIndex")),
    count: integer("count", field("count")),
    cursor: cursor === null ? "" : text("cursor", cursor),
    attributes: pathList("attributes", field("attributes")),
    excludedAttributes: pathList("excludedAttributes", field("excludedAttributes")),
  };
}
