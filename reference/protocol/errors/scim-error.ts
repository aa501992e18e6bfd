// The one protocol error of the reference server (RFC 7644 §3.12). Everything that rejects a request
// throws a ScimError; exactly one HTTP middleware renders it, and any other exception becomes an opaque,
// logged 500. Keeping it free of Koa lets the protocol core and the datastores throw it directly.

/** The `scimType` values of RFC 7644 §3.12 (Table 9) and RFC 9865 §5 (cursor errors). */
export const scimTypes = [
  "invalidFilter",
  "tooMany",
  "uniqueness",
  "mutability",
  "invalidSyntax",
  "invalidPath",
  "noTarget",
  "invalidValue",
  "invalidVers",
  "sensitive",
  "invalidCursor",
  "expiredCursor",
] as const;
export type ScimType = (typeof scimTypes)[number];

export const errorSchemaUrn = "urn:ietf:params:scim:api:messages:2.0:Error";

/** The RFC 7644 §3.12 error body. `status` is a string there, not a number. */
export interface ScimErrorBody {
  readonly schemas: readonly [typeof errorSchemaUrn];
  readonly status: string;
  readonly scimType?: ScimType;
  readonly detail?: string;
}

export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly detail: string;
  /** Extra response headers the error needs, e.g. `WWW-Authenticate` on 401 or `Retry-After` on 429. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    scimType: ScimType | undefined,
    detail: string,
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "ScimError";
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
    this.headers = Object.freeze({ ...headers });
  }

  toJSON(): ScimErrorBody {
    return {
      schemas: [errorSchemaUrn],
      status: String(this.status),
      ...(this.scimType === undefined ? {} : { scimType: this.scimType }),
      detail: this.detail,
    };
  }
}

/** 400 with a scimType: the common case for rejected input (RFC 7644 §3.12 Table 9). */
export function badRequest(scimType: ScimType, detail: string): ScimError {
  return new ScimError(400, scimType, detail);
}

export function notFound(detail: string): ScimError {
  return new ScimError(404, undefined, detail);
}

/** RFC 7644 §3.3 and §3.12: a uniqueness violation is 409 with scimType `uniqueness`. */
export function uniquenessConflict(detail: string): ScimError {
  return new ScimError(409, "uniqueness", detail);
}

/** RFC 7644 §3.14: an If-Match that no longer matches the resource's version. */
export function preconditionFailed(detail: string): ScimError {
  return new ScimError(412, undefined, detail);
}

/** RFC 7644 §3.12: 501 for an operation the service provider does not support. */
export function notImplemented(detail: string): ScimError {
  return new ScimError(501, undefined, detail);
}
