// The spec's operations, indexed so a concrete request ("GET /Users/2819c223") finds its OpenAPI
// operation and, for a response status, the schema its body must match. The harness validates every
// response against spec/openapi/scim-2.0.yaml (issue "Harness": schema findings with JSON pointers), so
// this index is the single place that reads the spec's paths and responses.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export const specUrl = new URL("../../spec/openapi/scim-2.0.yaml", import.meta.url);

/** What the spec says about one response status of one operation. */
export type ResponseSpec =
  /** A JSON body described by this components/schemas entry (e.g. "User", "Error"). */
  | { readonly kind: "schema"; readonly schema: string }
  /** A body described inline rather than by a named component; `pointer` locates it in the spec. */
  | { readonly kind: "inline"; readonly pointer: string; readonly schema: Readonly<Record<string, unknown>> }
  /** The status is declared with no body (204, 304, HEAD). */
  | { readonly kind: "empty" };

export interface OperationSpec {
  readonly operationId: string;
  readonly method: string;
  readonly template: string;
  readonly responses: ReadonlyMap<number, ResponseSpec>;
}

interface Route {
  readonly segments: readonly string[];
  readonly operations: ReadonlyMap<string, OperationSpec>;
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function segmentsOf(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

const componentPrefix = "#/components/schemas/";
const responsePrefix = "#/components/responses/";

function escapePointer(token: string): string {
  return token.replaceAll("~", "~0").replaceAll("/", "~1");
}

export class SpecIndex {
  readonly document: Json;
  #routes: Route[] = [];
  #byId = new Map<string, OperationSpec>();

  constructor(document: Json) {
    this.document = document;
    const components = asObject(document.components);
    const sharedResponses = asObject(components.responses);
    for (const [template, item] of Object.entries(asObject(document.paths))) {
      const operations = new Map<string, OperationSpec>();
      for (const [method, raw] of Object.entries(asObject(item))) {
        const op = asObject(raw);
        if (typeof op.operationId !== "string") continue;
        const responses = new Map<number, ResponseSpec>();
        for (const [status, declared] of Object.entries(asObject(op.responses))) {
          const code = Number(status);
          if (!Number.isInteger(code)) continue;
          let response = asObject(declared);
          const ref = response.$ref;
          if (typeof ref === "string" && ref.startsWith(responsePrefix)) {
            response = asObject(sharedResponses[ref.slice(responsePrefix.length)]);
          }
          const content = asObject(response.content);
          const media = asObject(content["application/scim+json"] ?? content["application/json"]);
          const schema = asObject(media.schema);
          if (Object.keys(content).length === 0 || Object.keys(schema).length === 0) {
            responses.set(code, { kind: "empty" });
          } else if (typeof schema.$ref === "string" && schema.$ref.startsWith(componentPrefix)) {
            responses.set(code, { kind: "schema", schema: schema.$ref.slice(componentPrefix.length) });
          } else {
            const pointer = `#/paths/${escapePointer(template)}/${method}/responses/${status}/content/application~1scim+json/schema`;
            responses.set(code, { kind: "inline", pointer, schema });
          }
        }
        const spec: OperationSpec = {
          operationId: op.operationId,
          method: method.toUpperCase(),
          template,
          responses,
        };
        operations.set(spec.method, spec);
        this.#byId.set(spec.operationId, spec);
      }
      this.#routes.push({ segments: segmentsOf(template), operations });
    }
  }

  static load(url: URL = specUrl): SpecIndex {
    return new SpecIndex(asObject(parse(readFileSync(url, "utf8"))));
  }

  operationById(operationId: string): OperationSpec | undefined {
    return this.#byId.get(operationId);
  }

  /**
   * The operation for a method and a path relative to the base URL. Literal segments beat template
   * segments (`/Users/.search` over `/Users/{id}`, `/Users` over `/{resourceType}`), as OpenAPI
   * requires concrete paths to match before templated ones.
   */
  match(method: string, relativePath: string): OperationSpec | undefined {
    const wanted = segmentsOf(relativePath.split("?")[0] ?? "");
    let best: { score: number; op: OperationSpec } | undefined;
    for (const route of this.#routes) {
      if (route.segments.length !== wanted.length) continue;
      let score = 0;
      let matches = true;
      route.segments.forEach((segment, i) => {
        if (segment.startsWith("{") && segment.endsWith("}")) return;
        if (segment === wanted[i]) score += 1;
        else matches = false;
      });
      const op = route.operations.get(method.toUpperCase());
      if (matches && op && (best === undefined || score > best.score)) best = { score, op };
    }
    return best?.op;
  }
}
