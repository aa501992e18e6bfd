// Values that must never come back (RFC 7643 §7: returned "never", mutability "writeOnly"; §4.1.1
// password "MUST NOT be returned by a service provider in any form"), and keeping them out of the
// harness's own evidence: the recording client redacts passwords in exchanges, and counterexamples
// are redacted the same way before they reach a report.
import type { JsonObject } from "../json/json.js";
import { cloneJson, getCi, isObject, isUnassigned, keyCi } from "../json/json.js";
import { attributeValue } from "../schema-model/resource-access.js";
import type { ResourceTypeModel } from "../schema-model/resource-type-model.js";
import type { AttributeDef, ResolvedPath } from "../schema-model/schema-model.js";

function secret(attr: AttributeDef): boolean {
  return attr.returned === "never" || attr.mutability === "writeOnly";
}

function topSecrets(type: ResourceTypeModel): ResolvedPath[] {
  return type
    .topLevel()
    .filter(({ attribute }) => secret(attribute))
    .map(({ attribute, schema, extension }) => ({
      schema,
      extension,
      attribute,
      sub: undefined,
      target: attribute,
    }));
}

/** Paths of never-returned attributes that a representation carries anyway. */
export function leakedPaths(type: ResourceTypeModel, representation: unknown): string[] {
  if (!isObject(representation)) return [];
  const out: string[] = [];
  for (const resolved of topSecrets(type)) {
    if (!isUnassigned(attributeValue(representation, resolved))) out.push(resolved.attribute.path);
  }
  for (const { attribute, schema, extension } of type.topLevel()) {
    for (const sub of attribute.subAttributes.filter(secret)) {
      const v = attributeValue(representation, { schema, extension, attribute, sub, target: sub });
      const values = Array.isArray(v) ? v : [v];
      if (values.some((e) => !isUnassigned(getCi(e, sub.name)))) out.push(sub.path);
    }
  }
  return out;
}

/** A copy of a body with every never-returned value replaced by "[redacted]". */
export function redactSecrets(type: ResourceTypeModel, body: JsonObject): JsonObject {
  const copy = cloneJson(body);
  for (const resolved of topSecrets(type)) {
    const container = resolved.extension ? getCi(copy, resolved.schema.id) : copy;
    if (!isObject(container)) continue;
    const key = keyCi(container, resolved.attribute.name);
    if (key !== undefined) container[key] = "[redacted]";
  }
  return copy;
}
