// A typed facade over ScimClient, driven by the types `npm run gen` derives from the spec
// (spec/openapi/scim-2.0.yaml → scim-api.gen.ts). Same call shape as openapi-fetch
// (`api.GET("/Users/{id}", { params: { path: { id } } })`) but built on the recording client, so a
// typed call is recorded, redacted and schema-validated like any other. `data` and `error` are typed
// only when the body really validated: a hostile target cannot make a check trust a wrong shape.
import type { AuthOverride, HttpMethod, QueryValue, ScimClient, ScimResponse } from "./client.js";
import type { components, paths } from "./scim-api.gen.js";
import { encodeSegment } from "./urls.js";

type Method = "get" | "head" | "post" | "put" | "patch" | "delete";

/** The spec paths that declare method M, e.g. PathWith<"post"> includes "/Users" and "/Bulk". */
export type PathWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never;
}[keyof paths];

type Operation<P extends keyof paths, M extends Method> = paths[P] extends { [K in M]: infer O } ? O : never;
type Params<O> = O extends { parameters: infer X } ? X : never;
type PathParams<O> = Params<O> extends { path: infer X } ? X : never;
type QueryParams<O> = Params<O> extends { query?: infer X } ? X : never;
type HeaderParams<O> = Params<O> extends { header?: infer X } ? X : never;
type RequestBody<O> = O extends { requestBody: { content: infer C } } ? C[keyof C] : never;
type Responses<O> = O extends { responses: infer R } ? R : never;
type JsonBody<R> = R extends { content: { "application/scim+json": infer B } } ? B : never;
type SuccessStatus = 200 | 201 | 202 | 203 | 206;

/** The union of the operation's 2xx JSON bodies. */
export type SuccessData<O> = {
  [S in keyof Responses<O>]: S extends SuccessStatus ? JsonBody<Responses<O>[S]> : never;
}[keyof Responses<O>];

export type ScimErrorBody = components["schemas"]["Error"];

export interface TypedResponse<O> extends ScimResponse {
  /** The 2xx body, typed, present only when it validated against the spec without findings. */
  readonly data: SuccessData<O> | undefined;
  /** The SCIM error body (RFC 7644 §3.12), present only for a 4xx/5xx body that validated as one. */
  readonly error: ScimErrorBody | undefined;
}

interface CommonOptions {
  readonly auth?: AuthOverride;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly followRedirects?: boolean;
  readonly allowForeignTarget?: boolean;
}

type ParamsOption<O> = [PathParams<O>] extends [never]
  ? { readonly params?: { readonly query?: QueryParams<O>; readonly header?: HeaderParams<O> } }
  : {
      readonly params: {
        readonly path: PathParams<O>;
        readonly query?: QueryParams<O>;
        readonly header?: HeaderParams<O>;
      };
    };

type BodyOption<O> = [RequestBody<O>] extends [never] ? object : { readonly body: RequestBody<O> };

export type TypedOptions<O> = CommonOptions & ParamsOption<O> & BodyOption<O>;

/** Options are optional only when the operation has neither path parameters nor a request body. */
type OptionsArgs<O> = [PathParams<O>] extends [never]
  ? [RequestBody<O>] extends [never]
    ? [options?: TypedOptions<O>]
    : [options: TypedOptions<O>]
  : [options: TypedOptions<O>];

type Call<M extends Method> = <P extends PathWith<M>>(
  path: P,
  ...options: OptionsArgs<Operation<P, M>>
) => Promise<TypedResponse<Operation<P, M>>>;

export interface ScimApi {
  readonly GET: Call<"get">;
  readonly HEAD: Call<"head">;
  readonly POST: Call<"post">;
  readonly PUT: Call<"put">;
  readonly PATCH: Call<"patch">;
  readonly DELETE: Call<"delete">;
}

interface LooseOptions extends CommonOptions {
  readonly params?: {
    readonly path?: Readonly<Record<string, string>>;
    readonly query?: Readonly<Record<string, QueryValue>>;
    readonly header?: Readonly<Record<string, string | undefined>>;
  };
  readonly body?: unknown;
}

/** Fills `{name}` segments; values are percent-encoded so an id can never add a path segment. */
export function fillPath(template: string, values: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TypeError(`missing path parameter "${name}" for ${template}`);
    return encodeSegment(value);
  });
}

function typed<O>(response: ScimResponse): TypedResponse<O> {
  const clean = response.bodyKind === "json" && response.schemaFindings.length === 0;
  const data = clean && response.status >= 200 && response.status < 300 ? response.body : undefined;
  const error = clean && response.status >= 400 ? response.body : undefined;
  return { ...response, data: data as SuccessData<O> | undefined, error: error as ScimErrorBody | undefined };
}

export function scimApi(client: ScimClient): ScimApi {
  const call =
    (method: HttpMethod) =>
    async (template: string, options: LooseOptions = {}): Promise<TypedResponse<unknown>> => {
      const headers: Record<string, string> = { ...options.headers };
      for (const [name, value] of Object.entries(options.params?.header ?? {})) {
        if (value !== undefined) headers[name] = value;
      }
      const response = await client.send({
        method,
        path: fillPath(template, options.params?.path),
        ...(options.params?.query ? { query: options.params.query } : {}),
        headers,
        ...(options.body !== undefined ? { body: options.body } : {}),
        ...(options.auth !== undefined ? { auth: options.auth } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.followRedirects !== undefined ? { followRedirects: options.followRedirects } : {}),
        ...(options.allowForeignTarget !== undefined
          ? { allowForeignTarget: options.allowForeignTarget }
          : {}),
      });
      return typed(response);
    };
  // The loose implementation is sound for every typed signature: ParamsOption/BodyOption are
  // structurally LooseOptions, and the cast only narrows the return type to the operation's.
  return {
    GET: call("GET") as unknown as Call<"get">,
    HEAD: call("HEAD") as unknown as Call<"head">,
    POST: call("POST") as unknown as Call<"post">,
    PUT: call("PUT") as unknown as Call<"put">,
    PATCH: call("PATCH") as unknown as Call<"patch">,
    DELETE: call("DELETE") as unknown as Call<"delete">,
  };
}
