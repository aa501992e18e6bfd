// Reading a BulkRequest (RFC 7644 §3.7). Problems with the request as a whole (no BulkRequest URN, no
// Operations, a duplicate bulkId, a bad failOnErrors) are one 400; more operations than maxOperations is
// 413 naming the limit (§3.7.4). Problems of one operation (an unknown method, a missing path, data or
// POST bulkId) fail that operation alone, as the service provider "MUST continue performing as many
// changes as possible" (§3.7).
import { badRequest, ScimError } from "../../protocol/errors/scim-error.js";
import type { JsonObject, JsonValue } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import { messageUrns } from "../../protocol/schema/schema-definition.js";

export const bulkMethods = ["POST", "PUT", "PATCH", "DELETE"] as const;
export type BulkMethod = (typeof bulkMethods)[number];

export interface BulkOperation {
  /** Position in the request, which is also the order of the response. */
  readonly index: number;
  /** As the client wrote it (echoed in the response), or the canonical method when it was valid. */
  readonly method: string;
  readonly bulkId: string | undefined;
  /** RFC 7644 §3.7: the ETag a PUT, PATCH or DELETE must still match. */
  readonly version: string | undefined;
  readonly path: string | undefined;
  readonly data: JsonValue | undefined;
  /** Set when the operation is malformed; it then fails with this error without running. */
  readonly invalid: ScimError | undefined;
}

export interface BulkRequest {
  readonly failOnErrors: number | undefined;
  readonly operations: readonly BulkOperation[];
}

function field(object: JsonObject, name: string): JsonValue | undefined {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

function optionalString(value: JsonValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function readOperation(raw: JsonValue, index: number): BulkOperation {
  if (!isJsonObject(raw)) {
    const invalid = badRequest("invalidSyntax", `Operation ${index + 1} is not an object.`);
    return {
      index,
      method: "",
      bulkId: undefined,
      version: undefined,
      path: undefined,
      data: undefined,
      invalid,
    };
  }
  const rawMethod = optionalString(field(raw, "method")) ?? "";
  const method = bulkMethods.find((m) => m === rawMethod.toUpperCase());
  const bulkId = optionalString(field(raw, "bulkId"));
  const path = optionalString(field(raw, "path"));
  const data = field(raw, "data");
  const problem = (() => {
    if (method === undefined) {
      return `method must be one of ${bulkMethods.join(", ")} (RFC 7644 §3.7), not ${JSON.stringify(field(raw, "method") ?? null)}`;
    }
    if (path === undefined || !path.startsWith("/"))
      return "path must be a relative path such as /Users (RFC 7644 §3.7)";
    if (method === "POST" && (bulkId === undefined || bulkId === ""))
      return "bulkId is REQUIRED for POST (RFC 7644 §3.7)";
    if (method !== "DELETE" && !isJsonObject(data))
      return `data is REQUIRED for ${method} and must be an object (RFC 7644 §3.7)`;
    return undefined;
  })();
  return {
    index,
    method: method ?? rawMethod,
    bulkId,
    version: optionalString(field(raw, "version")),
    path,
    data,
    invalid:
      problem === undefined ? undefined : badRequest("invalidSyntax", `Operation ${index + 1}: ${problem}.`),
  };
}

export function parseBulkRequest(body: JsonObject, maxOperations: number): BulkRequest {
  const schemas = field(body, "schemas");
  const urn = messageUrns.bulkRequest.toLowerCase();
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === urn)) {
    throw badRequest(
      "invalidSyntax",
      `A bulk request must list "${messageUrns.bulkRequest}" in schemas (RFC 7644 §3.7).`,
    );
  }
  const operations = field(body, "Operations");
  if (!Array.isArray(operations)) {
    throw badRequest("invalidSyntax", "A bulk request needs an Operations array (RFC 7644 §3.7).");
  }
  if (operations.length > maxOperations) {
    throw new ScimError(
      413,
      undefined,
      `The bulk request has ${operations.length} operations, more than maxOperations (${maxOperations}) (RFC 7644 §3.7.4).`,
    );
  }
  const failOnErrors = field(body, "failOnErrors");
  if (failOnErrors !== undefined && !(Number.isSafeInteger(failOnErrors) && (failOnErrors as number) >= 1)) {
    throw badRequest("invalidValue", "failOnErrors must be a positive integer (RFC 7644 §3.7).");
  }
  const parsed = operations.map(readOperation);
  const seen = new Set<string>();
  for (const op of parsed) {
    if (op.bulkId === undefined || op.invalid !== undefined) continue;
    if (seen.has(op.bulkId)) {
      throw badRequest(
        "invalidValue",
        `bulkId "${op.bulkId}" is used twice; it must be unique within a request (RFC 7644 §3.7).`,
      );
    }
    seen.add(op.bulkId);
  }
  return { failOnErrors: failOnErrors as number | undefined, operations: parsed };
}
