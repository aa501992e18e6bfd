// One `attributeFulfillment` value, `{ source: { type }, value }`, checked and compiled into the source it
// names (pingfederate-model.md §1.7, §1.8, §2.3). The write side reads the SCIM request (SCIM_USER /
// SCIM_GROUP), the read side the stored entry (LDAP_DATA_STORE / IDENTITY_STORE_USER / IDENTITY_STORE_GROUP);
// both sides take TEXT, EXPRESSION, CONTEXT and NO_MAPPING.
import type { JsonValue } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import { simpleValueProblem } from "../../protocol/schema/simple-value.js";
import { type ConfigIssue, configIssue, keyPath } from "./config-issue.js";
import { type CompiledExpression, compileExpression, type ExpressionLimits } from "./expression-sandbox.js";
import {
  type ContextField,
  contextFields,
  readSourceTypes,
  type WriteSourceType,
  writeSourceTypes,
} from "./inbound-provisioning.js";
import { type MappingPath, parseMappingPath } from "./mapping-path.js";

export type WriteSource =
  | { readonly kind: "scim"; readonly path: MappingPath }
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "expression"; readonly expression: CompiledExpression }
  | { readonly kind: "context"; readonly field: ContextField }
  | { readonly kind: "none" };

export type ReadSource =
  | { readonly kind: "store"; readonly attribute: string }
  | { readonly kind: "text"; readonly value: JsonValue }
  | { readonly kind: "expression"; readonly expression: CompiledExpression }
  | { readonly kind: "context"; readonly field: ContextField }
  | { readonly kind: "none" };

export type MappedResource = "users" | "groups";

export interface SourceSettings {
  readonly registry: SchemaRegistry;
  readonly resourceType: ResourceTypeDefinition;
  readonly resource: MappedResource;
  /** `userRepository.type` when known: it decides which store source type the read side may use. */
  readonly repositoryType: "LDAP" | "IDENTITY_STORE" | undefined;
  readonly limits: ExpressionLimits;
}

interface Parsed<S> {
  readonly source: S | undefined;
  readonly issues: ConfigIssue[];
}

// LDAP attribute descriptions (RFC 4512 §2.5: a name or OID, with options such as ";binary") and the
// names SQL and provisioner stores use; never a key that would touch an object's prototype.
const storeAttributeName = /^[A-Za-z0-9][A-Za-z0-9_.;:-]{0,199}$/;
const forbiddenKeys = new Set(["__proto__", "constructor", "prototype"]);

/** Undefined when `name` can be a datastore attribute, else the problem. */
export function storeAttributeProblem(name: string): string | undefined {
  if (forbiddenKeys.has(name)) return `"${name}" cannot be an attribute name.`;
  if (!storeAttributeName.test(name)) {
    return `"${name}" is not a datastore attribute name (letters, digits, "-", "_", ".", ";", ":", at most 200).`;
  }
  return undefined;
}

function raw(value: unknown, path: string, issues: ConfigIssue[]) {
  if (!isJsonObject(value) || !isJsonObject(value.source) || typeof value.source.type !== "string") {
    issues.push(
      configIssue(
        path,
        "An attribute fulfillment must be { source: { type }, value }.",
        'Write e.g. { source: { type: "TEXT" }, value: "x" }.',
      ),
    );
    return undefined;
  }
  if (value.value !== undefined && typeof value.value !== "string") {
    issues.push(configIssue(keyPath(path, "value"), "value must be a string.", "Quote it."));
    return undefined;
  }
  return { type: value.source.type, value: value.value as string | undefined };
}

function needValue(
  r: { type: string; value: string | undefined },
  path: string,
  what: string,
  issues: ConfigIssue[],
) {
  if (r.value === undefined || (r.type !== "TEXT" && r.value.trim() === "")) {
    issues.push(
      configIssue(
        keyPath(path, "value"),
        `A ${r.type} source needs a value: ${what}.`,
        `Set value to ${what}.`,
      ),
    );
    return undefined;
  }
  return r.value;
}

function expression(value: string, path: string, limits: ExpressionLimits, issues: ConfigIssue[]) {
  const compiled = compileExpression(value, limits);
  if (compiled.ok) return compiled.expression;
  issues.push(
    configIssue(
      keyPath(path, "value"),
      `The JSONata expression does not compile: ${compiled.message}.`,
      "Correct the expression (https://docs.jsonata.org).",
    ),
  );
  return undefined;
}

function context(value: string, path: string, issues: ConfigIssue[]): ContextField | undefined {
  const field = contextFields.find((f) => f === value);
  if (field === undefined) {
    issues.push(
      configIssue(
        keyPath(path, "value"),
        `"${value}" is not a request fact.`,
        `Use one of ${contextFields.join(", ")}.`,
      ),
    );
  }
  return field;
}

function unknownType(type: string, side: readonly string[], path: string): ConfigIssue {
  return configIssue(
    keyPath(keyPath(path, "source"), "type"),
    `Source type ${type} is not available here.`,
    `Use one of ${side.join(", ")}.`,
  );
}

export function parseWriteSource(value: unknown, path: string, s: SourceSettings): Parsed<WriteSource> {
  const issues: ConfigIssue[] = [];
  const r = raw(value, path, issues);
  if (r === undefined) return { source: undefined, issues };
  const typePath = keyPath(keyPath(path, "source"), "type");
  if (!(writeSourceTypes as readonly string[]).includes(r.type)) {
    return { source: undefined, issues: [unknownType(r.type, writeSourceTypes, path)] };
  }
  const type = r.type as WriteSourceType;
  const scimType = s.resource === "users" ? "SCIM_USER" : "SCIM_GROUP";
  if (type === "SCIM_USER" || type === "SCIM_GROUP") {
    if (type !== scimType) {
      issues.push(
        configIssue(
          typePath,
          `A ${s.resource} mapping reads the SCIM request as ${scimType}, not ${type}.`,
          `Use ${scimType}.`,
        ),
      );
      return { source: undefined, issues };
    }
    const text = needValue(r, path, "a SCIM path such as userName or emails.work.value", issues);
    if (text === undefined) return { source: undefined, issues };
    const parsed = parseMappingPath(s.registry, s.resourceType, text);
    if (!parsed.ok) {
      issues.push(configIssue(keyPath(path, "value"), parsed.message, parsed.fix));
      return { source: undefined, issues };
    }
    if (parsed.path.leaf.leaf.mutability === "readOnly") {
      issues.push(
        configIssue(
          keyPath(path, "value"),
          `${parsed.path.text} is readOnly: clients never send it (RFC 7643 §7).`,
          "Map a writable attribute.",
        ),
      );
      return { source: undefined, issues };
    }
    return { source: { kind: "scim", path: parsed.path }, issues };
  }
  return common(type, r, path, s, issues);
}

function common(
  type: string,
  r: { type: string; value: string | undefined },
  path: string,
  s: SourceSettings,
  issues: ConfigIssue[],
): Parsed<WriteSource> {
  switch (type) {
    case "TEXT": {
      const value = needValue(r, path, "the literal text", issues);
      return { source: value === undefined ? undefined : { kind: "text", value }, issues };
    }
    case "EXPRESSION": {
      const value = needValue(r, path, "a JSONata expression", issues);
      const compiled = value === undefined ? undefined : expression(value, path, s.limits, issues);
      return {
        source: compiled === undefined ? undefined : { kind: "expression", expression: compiled },
        issues,
      };
    }
    case "CONTEXT": {
      const value = needValue(r, path, contextFields.join(" or "), issues);
      const field = value === undefined ? undefined : context(value, path, issues);
      return { source: field === undefined ? undefined : { kind: "context", field }, issues };
    }
    default:
      return { source: { kind: "none" }, issues };
  }
}

function storeTypeFor(s: SourceSettings): string | undefined {
  if (s.repositoryType === "LDAP") return "LDAP_DATA_STORE";
  if (s.repositoryType === "IDENTITY_STORE")
    return s.resource === "users" ? "IDENTITY_STORE_USER" : "IDENTITY_STORE_GROUP";
  return undefined;
}

/** TEXT on the read side becomes a value of the target's type ("true" for a boolean, "42" for an integer). */
function literalFor(target: AttributeDefinition, text: string): { value: JsonValue } | { problem: string } {
  if (target.type === "complex") return { problem: `${target.name} is complex; a literal cannot fill it.` };
  let value: JsonValue = text;
  if (target.type === "boolean") value = text === "true" ? true : text === "false" ? false : text;
  if ((target.type === "integer" || target.type === "decimal") && text.trim() !== "") value = Number(text);
  const problem = simpleValueProblem(target.type, value);
  return problem === undefined ? { value } : { problem: `"${text}" is not ${problem}.` };
}

export function parseReadSource(
  value: unknown,
  path: string,
  s: SourceSettings,
  target: MappingPath,
): Parsed<ReadSource> {
  const issues: ConfigIssue[] = [];
  const r = raw(value, path, issues);
  if (r === undefined) return { source: undefined, issues };
  const typePath = keyPath(keyPath(path, "source"), "type");
  if (!(readSourceTypes as readonly string[]).includes(r.type)) {
    return { source: undefined, issues: [unknownType(r.type, readSourceTypes, path)] };
  }
  if (r.type === "LDAP_DATA_STORE" || r.type === "IDENTITY_STORE_USER" || r.type === "IDENTITY_STORE_GROUP") {
    const wanted = storeTypeFor(s);
    const wrongResource =
      (r.type === "IDENTITY_STORE_USER" && s.resource === "groups") ||
      (r.type === "IDENTITY_STORE_GROUP" && s.resource === "users");
    if ((wanted !== undefined && r.type !== wanted) || wrongResource) {
      const fix = wanted ?? (s.resource === "users" ? "IDENTITY_STORE_USER" : "IDENTITY_STORE_GROUP");
      issues.push(
        configIssue(
          typePath,
          `${r.type} does not match this connection's ${s.resource} repository.`,
          `Use ${fix}.`,
        ),
      );
      return { source: undefined, issues };
    }
    const attribute = needValue(r, path, "a datastore attribute name", issues);
    if (attribute === undefined) return { source: undefined, issues };
    const problem = storeAttributeProblem(attribute);
    if (problem !== undefined) {
      issues.push(configIssue(keyPath(path, "value"), problem, "Name the datastore attribute to read."));
      return { source: undefined, issues };
    }
    return { source: { kind: "store", attribute }, issues };
  }
  if (r.type === "TEXT") {
    const text = needValue(r, path, "the literal text", issues);
    if (text === undefined) return { source: undefined, issues };
    const literal = literalFor(target.leaf.leaf, text);
    if ("problem" in literal) {
      issues.push(
        configIssue(
          keyPath(path, "value"),
          literal.problem,
          `Give a literal that is a valid ${target.leaf.leaf.type}.`,
        ),
      );
      return { source: undefined, issues };
    }
    return { source: { kind: "text", value: literal.value }, issues };
  }
  return common(r.type, r, path, s, issues) as Parsed<ReadSource>;
}
