// Mutations of what the mutant server sends, applied after rendering so that storage, filtering and
// sorting stay correct: each one breaks how a resource looks on the wire (RFC 7643 §2.3 encodings,
// §3.1 meta, §3.3 extensions) and nothing else.
import type { Json } from "./json-value.js";
import { isObject } from "./json-value.js";
import type { Quirks } from "./quirks.js";
import { enterpriseSchema } from "./schema-model.js";

/** "write" is a POST answer, "update" a PUT or PATCH answer. */
export type Where = "get" | "list" | "write" | "update";

function mapMeta(body: Json, change: (meta: Json) => void): void {
  if (isObject(body.meta)) change(body.meta);
}

export function applyWireQuirks(q: Quirks, typeName: string, body: Json, where: Where): Json {
  if (q.size === 0) return body;
  if (typeName === "User") {
    if (q.has("booleanAsString") && typeof body.active === "boolean") body.active = String(body.active);
    if (q.has("binaryNotBase64") && Array.isArray(body.x509Certificates)) {
      body.x509Certificates = body.x509Certificates.map((c) =>
        isObject(c) ? { ...c, value: `${String(c.value)}!!` } : c,
      );
    }
    if (q.has("referenceWithSpaces") && typeof body.profileUrl === "string")
      body.profileUrl = `profile of ${body.profileUrl}`;
    if (q.has("singleValueArray") && typeof body.title === "string") body.title = [body.title];
    if (q.has("badAttributeName")) body["1stLogin"] = "2020-01-01T00:00:00Z";
    if (q.has("extensionAtTopLevel") && isObject(body[enterpriseSchema.id])) {
      Object.assign(body, body[enterpriseSchema.id]);
      delete body[enterpriseSchema.id];
    }
    if (q.has("getOmitsIdentity") && where === "get") delete body.userName;
    if (q.has("listOmitsName") && where === "list") delete body.name;
  }
  if (typeName === "Group" && q.has("getOmitsIdentity") && where === "get") delete body.displayName;
  if (q.has("dateTimeNoTime"))
    mapMeta(body, (m) => {
      if (typeof m.created === "string") m.created = m.created.slice(0, 10);
    });
  if (q.has("noMetaLocation")) mapMeta(body, (m) => delete m.location);
  if (q.has("noMetaVersion")) mapMeta(body, (m) => delete m.version);
  if (q.has("metaVersionDiffers"))
    mapMeta(body, (m) => {
      if (typeof m.version === "string") m.version = m.version.replace(/"$/, '-meta"');
    });
  if (q.has("lowercaseWeakPrefix"))
    mapMeta(body, (m) => {
      if (typeof m.version === "string") m.version = m.version.replace(/^W\//, "w/");
    });
  if (where === "list" && q.has("schemasMissingBase")) delete body.schemas;
  if (where === "list" && q.has("listEntriesWithoutId")) delete body.id;
  if (where === "update" && q.has("idCaseChangesOnWrite") && typeof body.id === "string")
    body.id = body.id.toUpperCase();
  return body;
}
