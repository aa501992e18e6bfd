// Adapter from the engine's Discovery (harness/engine/discovery.ts) to the model: the raw documents as
// the target sent them, plus any schema the engine fetched one by one because /Schemas lacked it
// (its parsed SchemaInfo has the same field names as the RFC 7643 §7 representation).
import type { Discovery } from "../../engine/discovery.js";
import { getCi } from "../json/json.js";
import type { SchemaModel } from "./build-schema-model.js";
import { buildSchemaModel } from "./build-schema-model.js";
import { listItems } from "./read-schemas.js";

export function schemaModelFromDiscovery(discovery: Discovery): SchemaModel {
  const listed = new Set(
    (listItems(discovery.documents.schemas) ?? [])
      .map((s) => getCi(s, "id"))
      .filter((id): id is string => typeof id === "string")
      .map((id) => id.toLowerCase()),
  );
  const extraSchemas = discovery.schemas.filter((s) => !listed.has(s.id.toLowerCase()));
  return buildSchemaModel({
    schemas: discovery.documents.schemas,
    resourceTypes: discovery.documents.resourceTypes,
    extraSchemas,
  });
}
