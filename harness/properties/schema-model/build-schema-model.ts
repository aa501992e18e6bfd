// Builds the SchemaModel from a target's /ResourceTypes and /Schemas answers as received (RFC 7643 §6,
// §7; RFC 7644 §4). Untrusted input: nothing here throws on a malformed document. Each defect becomes a
// ModelFinding, and whatever could be understood is still modelled, so a property check can run on a
// target whose discovery is partly broken (and the discovery checks report the breakage).
import { getCi, isObject } from "../json/json.js";
import { commonAttributes } from "./common-attributes.js";
import { listItems, readSchema } from "./read-schemas.js";
import { ResourceTypeModel } from "./resource-type-model.js";
import type { ExtensionRef, ModelFinding, SchemaDef } from "./schema-model.js";
import { sameUrn } from "./schema-model.js";

export interface DiscoveryInput {
  /** The /Schemas answer (ListResponse or array). */
  readonly schemas: unknown;
  /** The /ResourceTypes answer (ListResponse or array). */
  readonly resourceTypes: unknown;
  /** Schemas fetched one by one (GET /Schemas/{id}) because the list lacked them. */
  readonly extraSchemas?: readonly unknown[];
}

export class SchemaModel {
  readonly resourceTypes: readonly ResourceTypeModel[];
  readonly findings: readonly ModelFinding[];

  constructor(resourceTypes: readonly ResourceTypeModel[], findings: readonly ModelFinding[]) {
    this.resourceTypes = resourceTypes;
    this.findings = findings;
  }

  /** A resource type by name, id or base schema URN, case-insensitively. */
  resourceType(nameOrUrn: string): ResourceTypeModel | undefined {
    const lower = nameOrUrn.toLowerCase();
    return (
      this.resourceTypes.find((t) => t.base.id.toLowerCase() === lower) ??
      this.resourceTypes.find((t) => t.name.toLowerCase() === lower || t.id?.toLowerCase() === lower)
    );
  }
}

function endpointOf(raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw.length === 0) return undefined;
  // RFC 7643 §6: "The resource type's HTTP-addressable endpoint relative to the Base URL, e.g., /Users";
  // tolerate "Users" and absolute URLs by keeping the last path segment. A query or fragment has no
  // place in it (RFC 7644 §1.3: the base URI has none) and would corrupt "{endpoint}/{id}": dropped.
  let path = raw.replace(/[?#].*$/, "");
  if (/^https?:\/\//i.test(path)) path = new URL(path).pathname.replace(/.*(\/[^/]+)\/*$/, "$1");
  if (!path.startsWith("/")) path = `/${path}`;
  return path.replace(/\/+$/, "");
}

/** Dedupes findings by code and location: a schema used by two types is read twice. */
function dedupe(findings: readonly ModelFinding[]): ModelFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.where}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function buildSchemaModel(input: DiscoveryInput): SchemaModel {
  const findings: ModelFinding[] = [];
  const listed = listItems(input.schemas);
  if (listed === undefined) {
    findings.push({
      severity: "defect",
      code: "schemas.not-a-list",
      where: "Schemas",
      message: "the /Schemas answer is not a ListResponse (RFC 7644 §4); no schema could be read",
    });
  }
  const rawSchemas = [...(listed ?? []), ...(input.extraSchemas ?? [])];
  const rawById = new Map<string, { raw: unknown; index: number }>();
  rawSchemas.forEach((raw, index) => {
    const id = getCi(raw, "id");
    if (typeof id !== "string" || id.length === 0) {
      findings.push({
        severity: "defect",
        code: isObject(raw) ? "schema.missing-id" : "schema.not-an-object",
        where: `Schemas[${index}]`,
        message: `schema entry has no string "id" (RFC 7643 §7); skipped`,
      });
    } else if (rawById.has(id.toLowerCase())) {
      findings.push({
        severity: "defect",
        code: "schema.duplicate-id",
        where: `Schemas[${id}]`,
        message: "the schema is listed more than once; the first is used",
      });
    } else {
      rawById.set(id.toLowerCase(), { raw, index });
    }
  });
  const schemaFor = (urn: string, extension: boolean, where: string): SchemaDef | undefined => {
    const found = rawById.get(urn.toLowerCase());
    if (found === undefined) {
      findings.push({
        severity: "defect",
        code: "resource-type.schema-not-found",
        where,
        message: `schema "${urn}" is named but /Schemas does not define it (RFC 7643 §6)`,
      });
      return undefined;
    }
    return readSchema(found.raw, found.index, (id) => (extension ? `${id}:` : ""), findings);
  };

  const rawTypes = listItems(input.resourceTypes);
  if (rawTypes === undefined) {
    findings.push({
      severity: "defect",
      code: "resource-types.not-a-list",
      where: "ResourceTypes",
      message:
        "the /ResourceTypes answer is not a ListResponse (RFC 7644 §4); no resource type could be read",
    });
  }
  const types: ResourceTypeModel[] = [];
  (rawTypes ?? []).forEach((raw, index) => {
    const where = `ResourceTypes[${index}]`;
    if (!isObject(raw)) {
      findings.push({ severity: "defect", code: "resource-type.not-an-object", where, message: "skipped" });
      return;
    }
    const name = getCi(raw, "name");
    const endpoint = endpointOf(getCi(raw, "endpoint"));
    const schemaUrn = getCi(raw, "schema");
    const id = getCi(raw, "id");
    const label = typeof name === "string" ? `ResourceTypes[${name}]` : where;
    const rawEndpoint = getCi(raw, "endpoint");
    if (typeof rawEndpoint === "string" && /[?#]/.test(rawEndpoint)) {
      findings.push({
        severity: "defect",
        code: "resource-type.endpoint-query",
        where: label,
        message: `endpoint "${rawEndpoint}" carries a query or fragment (RFC 7644 §1.3); it is ignored`,
      });
    }
    if (typeof name !== "string" || endpoint === undefined || typeof schemaUrn !== "string") {
      findings.push({
        severity: "defect",
        code: "resource-type.incomplete",
        where: label,
        message: 'resource type lacks a string "name", "endpoint" or "schema" (RFC 7643 §6); skipped',
      });
      return;
    }
    const base = schemaFor(schemaUrn, false, label);
    if (base === undefined) return;
    const declared = new Set(base.attributes.map((a) => a.name.toLowerCase()));
    const withCommon: SchemaDef = Object.freeze({
      ...base,
      attributes: Object.freeze([
        ...commonAttributes(base.id).filter((a) => !declared.has(a.name.toLowerCase())),
        ...base.attributes,
      ]),
    });
    const extensions: ExtensionRef[] = [];
    const rawExtensions = getCi(raw, "schemaExtensions");
    if (rawExtensions !== undefined && !Array.isArray(rawExtensions)) {
      findings.push({
        severity: "defect",
        code: "resource-type.invalid-schema-extensions",
        where: label,
        message: '"schemaExtensions" is not an array; ignored',
      });
    }
    for (const e of Array.isArray(rawExtensions) ? rawExtensions : []) {
      const urn = getCi(e, "schema");
      if (typeof urn !== "string") {
        findings.push({
          severity: "defect",
          code: "resource-type.invalid-schema-extension",
          where: label,
          message: `schemaExtensions entry ${JSON.stringify(e)} has no "schema"; skipped`,
        });
        continue;
      }
      if (sameUrn(urn, schemaUrn) || extensions.some((x) => sameUrn(x.schema.id, urn))) continue;
      const required = getCi(e, "required");
      if (typeof required !== "boolean") {
        findings.push({
          severity: required === undefined ? "defaulted" : "defect",
          code: "resource-type.extension-required",
          where: `${label}.schemaExtensions[${urn}]`,
          message: `"required" is ${JSON.stringify(required) ?? "missing"}; false assumed (RFC 7643 §6 makes it REQUIRED)`,
        });
      }
      const schema = schemaFor(urn, true, `${label}.schemaExtensions`);
      if (schema !== undefined) extensions.push({ schema, required: required === true });
    }
    types.push(
      new ResourceTypeModel({
        id: typeof id === "string" ? id : undefined,
        name,
        endpoint,
        base: withCommon,
        extensions,
      }),
    );
  });
  return new SchemaModel(types, dedupe(findings));
}
