// The adapter from the engine's Discovery: the raw documents as sent, plus schemas the engine had to
// fetch one by one (GET /Schemas/{id}) because the list lacked them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Discovery } from "../../engine/discovery.js";
import { listResponse, specResourceTypes, specSchemas } from "../testing/spec-model.js";
import { schemaModelFromDiscovery } from "./from-discovery.js";

function discovery(schemas: unknown[], extra: Discovery["schemas"]): Discovery {
  return {
    reachable: true,
    serviceProviderConfig: undefined,
    resourceTypes: [],
    schemas: extra,
    documents: { schemas: listResponse(schemas), resourceTypes: listResponse(specResourceTypes()) },
    exchanges: [],
    problems: [],
    feature: () => "unknown",
    resourceType: () => undefined,
    endpoint: () => undefined,
    schema: () => undefined,
    attribute: () => undefined,
  };
}

describe("schemaModelFromDiscovery", () => {
  it("models the listed schemas", () => {
    const model = schemaModelFromDiscovery(discovery(specSchemas(), []));
    assert.equal(model.resourceType("User")?.extensions.length, 1);
    assert.equal(model.findings.filter((f) => f.severity === "defect").length, 0);
  });

  it("adds a schema the list lacked but the engine fetched by id", () => {
    const [user, group, enterprise] = specSchemas();
    const fetched = enterprise as unknown as Discovery["schemas"][number];
    const model = schemaModelFromDiscovery(discovery([user, group], [fetched]));
    assert.equal(
      model.resourceType("User")?.extensions[0]?.schema.id,
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
    );
    assert.ok(!model.findings.some((f) => f.code === "resource-type.schema-not-found"));
  });
});
