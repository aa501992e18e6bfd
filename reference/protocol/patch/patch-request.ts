// The PATCH request message (RFC 7644 §3.5.2): parse and validate the body into an ordered list of
// operations before anything touches a resource, so a malformed operation anywhere in the list fails
// the whole request up front (the request is atomic, §3.5.2) and its error names the operation.
import { badRequest, type ScimError } from "../errors/scim-error.js";
import { isJsonObject, type JsonValue } from "../resource/json.js";
import { messageUrns } from "../schema/schema-definition.js";

export const patchOpNames = ["add", "remove", "replace"] as const;
export type PatchOpName = (typeof patchOpNames)[number];

/**
 * Directives that only a client compatibility layer sets (reference/protocol/compat/). A request that
 * went through the strict parser never carries them, so the engine stays RFC-exact unless a layer asks.
 */
export interface PatchLeniency {
  /**
   * An `add` whose path is `attr[sub eq "x" and …].leaf` and matches no value creates one value built
   * from the `eq` terms plus the leaf (Entra ID, typed valuePaths such as `emails[type eq "work"].value`).
   */
  readonly createOnNoMatch?: boolean;
  /** A readOnly attribute in a no-path value is skipped when it equals the current value (Okta). */
  readonly ignoreUnchangedReadOnly?: boolean;
}

export interface PatchOperation {
  /** Position in the request's `Operations` array (0-based); errors cite it as `Operations[i]`. */
  readonly index: number;
  readonly op: PatchOpName;
  /** The raw path text (RFC 7644 §3.5.2 PATH); undefined when the operation has no path. */
  readonly path: string | undefined;
  /** The operation's value; undefined for `remove`. `null` is a value: it means "unassigned". */
  readonly value: JsonValue | undefined;
  readonly leniency?: PatchLeniency;
}

export interface PatchRequest {
  readonly operations: readonly PatchOperation[];
}

export interface ParsePatchOptions {
  /** Accept `Add`/`REPLACE`/… (the Entra layer); the RFC's values are lowercase (RFC 7644 §3.5.2). */
  readonly caseInsensitiveOps?: boolean;
  /**
   * Keep a `value` on remove for a compatibility layer to interpret (Entra removes members by a value
   * list). Strictly it is refused; the engine itself never reads a remove's value.
   */
  readonly keepRemoveValue?: boolean;
}

/** `Operations[2] (replace emails): …`: every operation error starts with this so clients can find it. */
export function operationLabel(op: Pick<PatchOperation, "index" | "op" | "path">): string {
  return `Operations[${op.index}] (${op.op}${op.path === undefined ? "" : ` ${op.path}`})`;
}

export function operationError(
  op: Pick<PatchOperation, "index" | "op" | "path">,
  scimType: Parameters<typeof badRequest>[0],
  message: string,
): ScimError {
  return badRequest(scimType, `${operationLabel(op)}: ${message}`);
}

function findKey(object: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === wanted);
}

/**
 * Parses a PATCH body. RFC 7644 §3.5.2: `schemas` MUST contain the PatchOp URN; `Operations` is "an
 * array of one or more PATCH operations"; each has exactly one `op` (add, remove or replace); `path` is
 * OPTIONAL for add and replace and REQUIRED for remove (§3.5.2.2: otherwise 400 `noTarget`); add and
 * replace MUST carry a `value` (§3.5.2.1, §3.5.2.3). Member names are matched case-insensitively
 * (RFC 7643 §2.1: attribute names are case insensitive; `operations` is such a name).
 */
export function parsePatchRequest(body: unknown, options: ParsePatchOptions = {}): PatchRequest {
  if (!isJsonObject(body)) {
    throw badRequest(
      "invalidSyntax",
      "a PATCH body is a JSON object with schemas and Operations (RFC 7644 §3.5.2)",
    );
  }
  const schemasKey = findKey(body, "schemas");
  const schemas = schemasKey === undefined ? undefined : body[schemasKey];
  const hasUrn =
    Array.isArray(schemas) &&
    schemas.some((s) => typeof s === "string" && s.toLowerCase() === messageUrns.patchOp.toLowerCase());
  if (!hasUrn) {
    throw badRequest("invalidSyntax", `schemas must contain "${messageUrns.patchOp}" (RFC 7644 §3.5.2)`);
  }
  const operationsKey = findKey(body, "Operations");
  const operations = operationsKey === undefined ? undefined : body[operationsKey];
  if (!Array.isArray(operations) || operations.length === 0) {
    throw badRequest(
      "invalidSyntax",
      "Operations must be an array of one or more PATCH operations (RFC 7644 §3.5.2)",
    );
  }
  return Object.freeze({
    operations: Object.freeze(operations.map((raw, index) => parseOperation(raw, index, options))),
  });
}

function parseOperation(raw: JsonValue, index: number, options: ParsePatchOptions): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isJsonObject(raw)) throw badRequest("invalidSyntax", `${where}: an operation is a JSON object`);
  const opKey = findKey(raw, "op");
  const opValue = opKey === undefined ? undefined : raw[opKey];
  if (typeof opValue !== "string") {
    throw badRequest("invalidSyntax", `${where}: "op" is required: add, remove or replace (RFC 7644 §3.5.2)`);
  }
  const spelled = options.caseInsensitiveOps ? opValue.toLowerCase() : opValue;
  const op = patchOpNames.find((name) => name === spelled);
  if (op === undefined) {
    throw badRequest(
      "invalidSyntax",
      `${where}: "op" is "${opValue}"; it must be one of add, remove, replace (RFC 7644 §3.5.2)`,
    );
  }
  const pathKey = findKey(raw, "path");
  const pathValue = pathKey === undefined ? undefined : raw[pathKey];
  if (pathValue !== undefined && pathValue !== null && typeof pathValue !== "string") {
    throw badRequest("invalidPath", `${where} (${op}): "path" must be a string (RFC 7644 §3.5.2)`);
  }
  // An empty or blank path names nothing; treating it as "no path" would turn a remove into a no-op.
  const path = typeof pathValue === "string" ? pathValue : undefined;
  if (path !== undefined && path.trim() === "") {
    throw badRequest("invalidPath", `${where} (${op}): "path" is empty (RFC 7644 §3.5.2)`);
  }
  const valueKey = findKey(raw, "value");
  const value = valueKey === undefined ? undefined : raw[valueKey];
  const label = { index, op, path };
  if (op === "remove") {
    if (path === undefined) {
      throw operationError(label, "noTarget", "remove requires a path (RFC 7644 §3.5.2.2)");
    }
    // §3.5.2.2 selects what to remove through the path alone. A value here is Entra ID's dialect
    // (`remove members` + a value list); read literally by the RFC it would wipe every member, so the
    // strict parser refuses it instead and the Entra layer rewrites it into a filter.
    if (value !== undefined && value !== null && !options.keepRemoveValue) {
      throw operationError(
        label,
        "invalidSyntax",
        'remove takes no "value": select values with a filter in the path, e.g. members[value eq "…"] (RFC 7644 §3.5.2.2)',
      );
    }
    return Object.freeze({
      index,
      op,
      path,
      value: options.keepRemoveValue ? (value ?? undefined) : undefined,
    });
  }
  if (value === undefined) {
    throw operationError(label, "invalidValue", `${op} requires a "value" (RFC 7644 §3.5.2.1, §3.5.2.3)`);
  }
  if (path === undefined && !isJsonObject(value)) {
    throw operationError(
      label,
      "invalidValue",
      `${op} without a path needs an object of attributes as its value (RFC 7644 §3.5.2.1, §3.5.2.3)`,
    );
  }
  return Object.freeze({ index, op, path, value });
}
