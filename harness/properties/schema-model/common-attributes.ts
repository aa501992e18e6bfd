// The common attributes of RFC 7643 §3.1 (id, externalId, meta). /Schemas does not list them (the
// RFC's own §8.7.1 listing leaves them out), yet every resource has them, so the model adds them to
// each resource type's base schema unless the target declared an attribute of the same name itself.
import type { AttributeDef } from "./schema-model.js";

function attribute(
  schema: string,
  parent: string | undefined,
  fields: Partial<AttributeDef> & Pick<AttributeDef, "name">,
): AttributeDef {
  return Object.freeze({
    type: "string",
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: "readOnly",
    returned: "default",
    uniqueness: "none",
    canonicalValues: [],
    referenceTypes: [],
    subAttributes: [],
    schema,
    parent,
    path: parent ? `${parent}.${fields.name}` : fields.name,
    ...fields,
  });
}

export function commonAttributes(schema: string): AttributeDef[] {
  const meta = (name: string, fields: Partial<AttributeDef> = {}) =>
    attribute(schema, "meta", { name, ...fields });
  return [
    // §3.1 id: "always returned", "readOnly", case-sensitive (caseExact), unique across the provider.
    attribute(schema, undefined, {
      name: "id",
      caseExact: true,
      returned: "always",
      uniqueness: "server",
    }),
    // §3.1 externalId: client-assigned, caseExact; mutability readWrite.
    attribute(schema, undefined, { name: "externalId", caseExact: true, mutability: "readWrite" }),
    // §3.1 meta: readOnly complex; version and location are caseExact.
    attribute(schema, undefined, {
      name: "meta",
      type: "complex",
      subAttributes: [
        meta("resourceType", { caseExact: true }),
        meta("created", { type: "dateTime" }),
        meta("lastModified", { type: "dateTime" }),
        meta("location", { type: "reference", caseExact: true, referenceTypes: ["uri"] }),
        meta("version", { caseExact: true }),
      ],
    }),
  ];
}
