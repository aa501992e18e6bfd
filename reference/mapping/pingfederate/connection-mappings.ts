// One call from a configured IdP connection to what the request pipeline needs from the mapping side:
// the registry of the schemas the connection serves (spec schemas, its custom extension, Group only with
// group support) and a ResourceMapping per resource type. The connections layer adds credentials,
// datastore and delete mode and passes `mappings.mappingFor` to buildConnection.
import { isJsonObject } from "../../protocol/resource/json.js";
import type { SchemaDefinition } from "../../protocol/schema/schema-definition.js";
import { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import { type Checked, type ConfigIssue, configIssue, keyPath } from "./config-issue.js";
import { type ConnectionSchemaSet, connectionSchemaSet } from "./connection-schemas.js";
import { customScim2Schema } from "./custom-scim2-schema.js";
import type { ExpressionLimits } from "./expression-sandbox.js";
import { compileInboundMappings, type InboundMappings } from "./inbound-mappings.js";
import type { MappingLog } from "./pingfederate-mapping.js";

export interface ConnectionMappings {
  readonly connectionId: string;
  readonly registry: SchemaRegistry;
  readonly customSchema: SchemaDefinition | undefined;
  readonly mappings: InboundMappings;
}

export interface ConnectionMappingOptions {
  /** One IdP connection as configured (PingFederate admin-API shape), unchecked. */
  readonly connection: unknown;
  /** Issue path of the connection, e.g. `idpConnections[0]`. */
  readonly path: string;
  /** The spec's schemas and resource types (reference/connections/spec-schemas.ts `specDefinitions()`). */
  readonly spec: ConnectionSchemaSet;
  readonly log: MappingLog;
  readonly limits?: ExpressionLimits;
}

export function compileConnectionMappings(options: ConnectionMappingOptions): Checked<ConnectionMappings> {
  const { connection, path } = options;
  if (!isJsonObject(connection) || typeof connection.id !== "string" || connection.id === "") {
    return {
      ok: false,
      issues: [
        configIssue(
          keyPath(path, "id"),
          "A connection needs a non-empty string id.",
          'Add id: "my-connection".',
        ),
      ],
    };
  }
  const inbound = connection.inboundProvisioning;
  const inboundPath = keyPath(path, "inboundProvisioning");
  const issues: ConfigIssue[] = [];
  let customSchema: SchemaDefinition | undefined;
  if (isJsonObject(inbound) && inbound.customScim2Schema !== undefined) {
    const custom = customScim2Schema(inbound.customScim2Schema, keyPath(inboundPath, "customScim2Schema"));
    if (custom.ok) customSchema = custom.value;
    else issues.push(...custom.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  const groupSupport = isJsonObject(inbound) && inbound.groupSupport === true;
  const set = connectionSchemaSet(options.spec, { groupSupport, customSchema });
  const registry = new SchemaRegistry(set.schemas, set.resourceTypes);
  const mappings = compileInboundMappings({
    inboundProvisioning: inbound,
    registry,
    connectionId: connection.id,
    log: options.log,
    path: inboundPath,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  if (!mappings.ok) return mappings;
  return {
    ok: true,
    value: Object.freeze({ connectionId: connection.id, registry, customSchema, mappings: mappings.value }),
  };
}
