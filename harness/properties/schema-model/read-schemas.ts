// Reads a target's /Schemas answer (RFC 7643 §7; a ListResponse per RFC 7644 §4, or a bare array from
// a lenient target) into SchemaDefs, recording every defect instead of failing.
import { getCi, isObject } from "../json/json.js";
import { dropDuplicates, readAttribute } from "./read-attribute.js";
import type { AttributeDef, ModelFinding, SchemaDef } from "./schema-model.js";

/** The items of a ListResponse, a bare array, or a single resource; undefined when none can be found. */
export function listItems(document: unknown): unknown[] | undefined {
  if (Array.isArray(document)) return document;
  const resources = getCi(document, "Resources");
  if (Array.isArray(resources)) return resources;
  return isObject(document) && getCi(document, "id") !== undefined ? [document] : undefined;
}

/**
 * One schema. `pathPrefix` is filled in later, when it is known whether a resource type uses the schema
 * as its base (plain paths) or as an extension (URN-qualified paths), so attributes are read per use.
 */
export function readSchema(
  raw: unknown,
  index: number,
  pathPrefix: (id: string) => string,
  findings: ModelFinding[],
): SchemaDef | undefined {
  if (!isObject(raw)) {
    findings.push({
      severity: "defect",
      code: "schema.not-an-object",
      where: `Schemas[${index}]`,
      message: `schema entry is ${JSON.stringify(raw)}, not an object; skipped`,
    });
    return undefined;
  }
  const id = getCi(raw, "id");
  if (typeof id !== "string" || id.length === 0) {
    findings.push({
      severity: "defect",
      code: "schema.missing-id",
      where: `Schemas[${index}]`,
      message: 'schema has no string "id" (RFC 7643 §7); skipped',
    });
    return undefined;
  }
  const where = `Schemas[${id}]`;
  if (!/^urn:/i.test(id)) {
    findings.push({
      severity: "defect",
      code: "schema.id-not-urn",
      where,
      message: `schema id "${id}" is not a URN (RFC 7643 §7 "The unique URI of the schema"); used as given`,
    });
  }
  const rawAttributes = getCi(raw, "attributes");
  let attributes: AttributeDef[] = [];
  if (!Array.isArray(rawAttributes)) {
    findings.push({
      severity: "defect",
      code: "schema.missing-attributes",
      where,
      message: 'schema has no "attributes" array (RFC 7643 §7); it defines no attributes',
    });
  } else {
    const ctx = { schema: id, parent: undefined, pathPrefix: pathPrefix(id), where, findings };
    attributes = dropDuplicates(
      rawAttributes.map((a, i) => readAttribute(a, i, ctx)).filter((a): a is AttributeDef => a !== undefined),
      where,
      findings,
    );
  }
  const name = getCi(raw, "name");
  return Object.freeze({
    id,
    name: typeof name === "string" ? name : undefined,
    attributes: Object.freeze(attributes),
  });
}
