// TEST DATA: a registry with the spec's User and Group plus a made-up "Device" resource type whose schema
// has every attribute type and characteristic the spec schemas lack (integer, decimal, dateTime, binary,
// immutable, writeOnly, returned request/always/never, a readOnly required attribute, required
// sub-attributes, a global uniqueness, an extension with a required attribute) and a "StrictDevice" type
// whose extension is required. Only tests import this (it reads spec/schemas through specRegistry).
import { specRegistry } from "../testing/spec-registry.js";
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from "./schema-definition.js";
import { SchemaRegistry } from "./schema-registry.js";

export const deviceUrn = "urn:example:scim:schemas:core:1.0:Device";
export const rackUrn = "urn:example:scim:schemas:extension:rack:1.0:Device";

function attr(name: string, type: AttributeDefinition["type"], extra: Partial<AttributeDefinition> = {}) {
  return {
    name,
    type,
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...extra,
  } satisfies AttributeDefinition;
}

const deviceSchema: SchemaDefinition = {
  id: deviceUrn,
  name: "Device",
  attributes: [
    attr("name", "string", { required: true, uniqueness: "server" }),
    attr("serial", "string", { mutability: "immutable", caseExact: true, uniqueness: "global" }),
    attr("count", "integer"),
    attr("weight", "decimal"),
    attr("seen", "dateTime"),
    attr("blob", "binary", { caseExact: true }),
    attr("homepage", "reference", { caseExact: true, referenceTypes: ["external"] }),
    attr("enabled", "boolean"),
    attr("tags", "string", { multiValued: true }),
    attr("secret", "string", { mutability: "writeOnly", returned: "never" }),
    // A schema may pair writeOnly with returned "default"; RFC 7643 §7 still forbids returning it.
    attr("pin", "string", { mutability: "writeOnly" }),
    attr("detail", "string", { returned: "request" }),
    attr("fingerprint", "string", { returned: "always" }),
    attr("status", "string", { mutability: "readOnly", required: true }),
    attr("owner", "complex", {
      subAttributes: [
        attr("value", "string", { required: true }),
        attr("display", "string"),
        attr("badge", "string", { mutability: "immutable" }),
        attr("note", "string", { returned: "request" }),
      ],
    }),
    attr("ports", "complex", {
      multiValued: true,
      subAttributes: [
        attr("value", "integer", { required: true }),
        attr("type", "string", { canonicalValues: ["tcp", "udp"] }),
        attr("primary", "boolean"),
      ],
    }),
  ],
};

const rackSchema: SchemaDefinition = {
  id: rackUrn,
  name: "Rack",
  attributes: [attr("rack", "string", { required: true }), attr("slot", "integer")],
};

const device: ResourceTypeDefinition = {
  id: "Device",
  name: "Device",
  endpoint: "/Devices",
  schema: deviceUrn,
  schemaExtensions: [{ schema: rackUrn, required: false }],
};

const strictDevice: ResourceTypeDefinition = {
  ...device,
  id: "StrictDevice",
  name: "StrictDevice",
  endpoint: "/StrictDevices",
  schemaExtensions: [{ schema: rackUrn, required: true }],
};

let memo: SchemaRegistry | undefined;

export function deviceRegistry(): SchemaRegistry {
  const spec = specRegistry();
  memo ??= new SchemaRegistry(
    [...spec.schemas(), deviceSchema, rackSchema],
    [...spec.resourceTypes(), device, strictDevice],
  );
  return memo;
}

/** A resource type of the registry by name; throws in a test that names one that does not exist. */
export function rtOf(registry: SchemaRegistry, name: string): ResourceTypeDefinition {
  const rt = registry.resourceType(name);
  if (rt === undefined) throw new Error(`no resource type ${name}`);
  return rt;
}
