// Validates response bodies against the spec's schema for their operation and status (Ajv, JSON
// Schema 2020-12, the dialect of OpenAPI 3.1). Findings carry the JSON pointer of the offending value
// and the spec location of the failed rule. The spec's response schemas are deliberately permissive
// about extensions and unknown attributes (see the header of spec/openapi/scim-2.0.yaml), so a correct
// server produces no findings; an undeclared status is not validated at all rather than guessed at.
import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { SchemaFinding } from "./exchange.js";
import type { OperationSpec } from "./spec-index.js";
import { SpecIndex } from "./spec-index.js";

const documentId = "https://scim-conformance.invalid/openapi";
/** Enough to diagnose; a hostile body must not make a report of a million findings. */
export const maxFindingsPerBody = 25;

export interface ValidationResult {
  readonly operation: OperationSpec | undefined;
  readonly findings: readonly SchemaFinding[];
}

function rewriteRefs(value: unknown): unknown {
  // OpenAPI refs point into the whole document; Ajv sees only the schemas, moved under $defs.
  return JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'));
}

function specPath(root: string, schemaPath: string): string {
  if (schemaPath.startsWith("#/$defs/")) return `#/components/schemas/${schemaPath.slice("#/$defs/".length)}`;
  return `${root}${schemaPath.slice(1)}`;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties")
    return `${error.message} "${String(params.additionalProperty)}"`;
  if (error.keyword === "enum") return `${error.message}: ${JSON.stringify(params.allowedValues)}`;
  if (error.keyword === "const") return `${error.message}: ${JSON.stringify(params.allowedValue)}`;
  return error.message ?? error.keyword;
}

/**
 * Ajv reports every failed branch of an anyOf/oneOf and the `if` that selected a failed `then`. Fold
 * branch errors into their anyOf/oneOf finding, and drop `if` errors (the `then` errors say it all).
 */
export function toFindings(errors: readonly ErrorObject[], root: string): SchemaFinding[] {
  const unions = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  const folded = new Set<ErrorObject>();
  const findings: SchemaFinding[] = [];
  for (const union of unions) {
    const branches = errors.filter(
      (e) =>
        e !== union &&
        e.schemaPath.startsWith(`${union.schemaPath}/`) &&
        e.instancePath.startsWith(union.instancePath),
    );
    for (const b of branches) folded.add(b);
    const reasons = [
      ...new Set(
        branches.map(
          (b) =>
            `${b.instancePath.slice(union.instancePath.length) || ""}${b.instancePath.length > union.instancePath.length ? " " : ""}${describe(b)}`,
        ),
      ),
    ];
    findings.push({
      pointer: union.instancePath,
      message: reasons.length > 0 ? `${describe(union)}: ${reasons.join(" | ")}` : describe(union),
      schemaPath: specPath(root, union.schemaPath),
    });
  }
  for (const error of errors) {
    if (folded.has(error) || unions.includes(error) || error.keyword === "if") continue;
    findings.push({
      pointer: error.instancePath,
      message: describe(error),
      schemaPath: specPath(root, error.schemaPath),
    });
  }
  return findings.slice(0, maxFindingsPerBody);
}

export class SpecValidator {
  readonly index: SpecIndex;
  #ajv: Ajv2020;
  #compiled = new Map<string, ValidateFunction>();

  constructor(index: SpecIndex) {
    this.index = index;
    // strictRequired/strictTypes/allowMatchingProperties: the spec uses `required` inside anyOf
    // branches, untyped `allOf` members and `patternProperties: ^urn:` beside the enterprise URN
    // property, all valid JSON Schema that Ajv's strict mode would otherwise refuse to compile.
    this.#ajv = new Ajv2020({
      strict: true,
      strictRequired: false,
      strictTypes: false,
      allowMatchingProperties: true,
      allErrors: true,
      logger: false,
    });
    addFormats.default(this.#ajv);
    const components = (index.document.components ?? {}) as Record<string, unknown>;
    this.#ajv.addSchema({ $id: documentId, $defs: rewriteRefs(components.schemas ?? {}) as object });
  }

  static #shared: SpecValidator | undefined;

  /** One validator per process: compiling the spec takes a few hundred milliseconds. */
  static shared(): SpecValidator {
    SpecValidator.#shared ??= new SpecValidator(SpecIndex.load());
    return SpecValidator.#shared;
  }

  /** Validates `body` against a components/schemas entry, e.g. "Error". */
  validateComponent(name: string, body: unknown): SchemaFinding[] {
    let validate = this.#compiled.get(name);
    if (validate === undefined) {
      const found = this.#ajv.getSchema(`${documentId}#/$defs/${name}`);
      if (found === undefined) throw new Error(`the spec has no component schema "${name}"`);
      validate = found;
      this.#compiled.set(name, validate);
    }
    return validate(body) ? [] : toFindings(validate.errors ?? [], `#/components/schemas/${name}`);
  }

  /** Validates `body` against an arbitrary JSON Schema that may $ref the spec's components. */
  validateSchema(schema: object, body: unknown, root = "#"): SchemaFinding[] {
    const key = `inline:${JSON.stringify(schema)}`;
    let validate = this.#compiled.get(key);
    if (validate === undefined) {
      const rewritten = JSON.stringify(rewriteRefs(schema)).replaceAll('"#/$defs/', `"${documentId}#/$defs/`);
      validate = this.#ajv.compile(JSON.parse(rewritten) as object);
      this.#compiled.set(key, validate);
    }
    return validate(body) ? [] : toFindings(validate.errors ?? [], root);
  }

  /**
   * Validates a response body for an operation (by operationId, or matched from method + path).
   * Statuses the spec does not declare, and bodies of statuses declared empty, are not validated.
   */
  validateResponse(
    request: {
      readonly method: string;
      readonly relativePath: string | undefined;
      readonly operationId?: string;
    },
    status: number,
    body: unknown,
  ): ValidationResult {
    if (request.operationId === "none") return { operation: undefined, findings: [] };
    const operation =
      request.operationId !== undefined
        ? this.index.operationById(request.operationId)
        : request.relativePath !== undefined
          ? this.index.match(request.method, request.relativePath)
          : undefined;
    const declared = operation?.responses.get(status);
    if (operation === undefined || declared === undefined || declared.kind === "empty") {
      return { operation, findings: [] };
    }
    const findings =
      declared.kind === "schema"
        ? this.validateComponent(declared.schema, body)
        : this.validateSchema(declared.schema, body, declared.pointer);
    return { operation, findings };
  }
}
