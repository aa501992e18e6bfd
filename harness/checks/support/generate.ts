// Schema-driven values (RFC 7643 §2.3, §7): a User body with a plausible value for every client-writable
// attribute the target declares, so type, encoding and round-trip checks see every attribute type the
// target supports — not only the handful a hand-written fixture would carry. Attributes that refer to
// other resources (groups, members, manager) and readOnly ones are left out.
import type { SchemaAttributeInfo } from "../../engine/discovery.js";
import type { CheckContext } from "../check-context.js";
import type { JsonObject } from "./json.js";
import { attributesOf } from "./schema-attributes.js";
import { urn } from "./urns.js";

const knownStrings: Readonly<Record<string, (tag: string) => string>> = {
  "emails.value": (tag) => `${tag}@example.org`,
  "phoneNumbers.value": () => "tel:+1-201-555-0123",
  "ims.value": (tag) => `${tag}-im`,
  "photos.value": (tag) => `https://photos.example.org/${tag}.jpg`,
  locale: () => "en-US",
  preferredLanguage: () => "en-US",
  timezone: () => "America/Los_Angeles",
  profileUrl: (tag) => `https://example.org/profiles/${tag}`,
  "addresses.country": () => "US",
  "addresses.postalCode": () => "91608",
};

function refersToResources(def: SchemaAttributeInfo): boolean {
  const types =
    def.referenceTypes.length > 0 ? def.referenceTypes : def.subAttributes.flatMap((s) => s.referenceTypes);
  return types.some((t) => t !== "external" && t !== "uri");
}

function simple(def: SchemaAttributeInfo, path: string, tag: string): unknown {
  const known = knownStrings[path];
  if (known) return known(tag);
  const canonical = def.canonicalValues.find((v) => typeof v === "string");
  if (canonical !== undefined && def.type === "string") return canonical;
  switch (def.type) {
    case "boolean":
      return true;
    case "integer":
      return 7;
    case "decimal":
      return 1.5;
    case "dateTime":
      return "2020-01-02T03:04:05Z";
    case "binary":
      return "c2NpbWMtY29uZm9ybWFuY2U=";
    case "reference":
      return `https://example.org/${tag}/${def.name}`;
    default:
      return `${tag}-${def.name}`;
  }
}

function value(def: SchemaAttributeInfo, path: string, tag: string): unknown {
  if (def.type !== "complex") return def.multiValued ? [simple(def, path, tag)] : simple(def, path, tag);
  const item: JsonObject = {};
  for (const sub of def.subAttributes) {
    if (sub.mutability === "readOnly" || refersToResources(sub)) continue;
    if (sub.name === "primary") item.primary = true;
    else item[sub.name] = simple(sub, `${path}.${sub.name}`, tag);
  }
  return def.multiValued ? [item] : item;
}

function generatable(def: SchemaAttributeInfo): boolean {
  return (
    def.mutability !== "readOnly" &&
    def.returned !== "never" &&
    def.mutability !== "writeOnly" &&
    !refersToResources(def) &&
    def.name.toLowerCase() !== "username"
  );
}

/** A User body with a value for every generatable attribute of the User type and its extensions. */
export function generatedUserBody(ctx: CheckContext, tag: string): JsonObject {
  const body = ctx.resources.userBody({ userName: `${tag}-gen` });
  const schemas: string[] = [urn.user];
  for (const { def, container } of attributesOf(ctx, "User")) {
    if (!generatable(def)) continue;
    const v = value(def, def.name, tag);
    if (container === undefined) {
      body[def.name] = v;
      continue;
    }
    if (!schemas.includes(container)) schemas.push(container);
    const holder = (body[container] as JsonObject | undefined) ?? {};
    holder[def.name] = v;
    body[container] = holder;
  }
  body.schemas = schemas;
  return body;
}
