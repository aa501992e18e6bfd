// The admin API's error body, PingFederate's `ApiResult` (admin-API model: `resultId`, `message`,
// `validationErrors[]` of `{ errorId, fieldPath, message }`; pingfederate-model.md §2.1: 404 for an unknown
// id, 422 for validation errors). Everything the admin API refuses is one of these, rendered in one place
// (admin-api.ts), never a SCIM error: the admin API is not SCIM.
import type { ConnectionIssue } from "../../connections/connection-issue.js";

export interface ApiValidationError {
  readonly errorId: string;
  readonly fieldPath: string;
  readonly message: string;
}

export interface ApiResult {
  readonly resultId: string;
  readonly message: string;
  readonly validationErrors?: readonly ApiValidationError[];
}

export class ApiResultError extends Error {
  readonly status: number;
  readonly result: ApiResult;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, result: ApiResult, headers: Record<string, string> = {}) {
    super(result.message);
    this.name = "ApiResultError";
    this.status = status;
    this.result = result;
    this.headers = Object.freeze({ ...headers });
  }
}

export function validationFailed(issues: readonly ConnectionIssue[]): ApiResultError {
  return new ApiResultError(422, {
    resultId: "validation_error",
    message: `Validation error(s) occurred (${issues.length}); see validationErrors, each names the field and the fix.`,
    validationErrors: issues.map((i) => ({
      errorId: i.errorId,
      fieldPath: i.fieldPath,
      message: `${i.message} ${i.fix}`,
    })),
  });
}

export function connectionNotFound(id: string): ApiResultError {
  return new ApiResultError(404, {
    resultId: "resource_not_found",
    message: `No IdP connection has the id "${id}".`,
  });
}

/** An ApiResult for a bare status (401, 404 route, 405, 415, 429, 500). */
export function apiError(
  status: number,
  resultId: string,
  message: string,
  headers: Record<string, string> = {},
): ApiResultError {
  return new ApiResultError(status, { resultId, message }, headers);
}
