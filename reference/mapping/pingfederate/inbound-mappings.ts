// The entry point for the connections layer: from a connection's `inboundProvisioning` (PingFederate
// admin-API shape) and the registry of the schemas it serves, the ResourceMapping of each resource type,
// or every ConfigIssue found. PingFederate's rules that tie the mapping to the connection type are checked
// here (Terraform provider validators, pingfederate-model.md §2.4): `groups` needs `groupSupport: true`,
// and `groupSupport: true` needs `groups`.

import { isJsonObject } from "../../protocol/resource/json.js";
import type { ResourceTypeDefinition } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import type { ResourceMapping } from "../mapping.js";
import { compileResourceMapping } from "./compile-resource-mapping.js";
import { type Checked, type ConfigIssue, configIssue, keyPath } from "./config-issue.js";
import { defaultExpressionLimits, type ExpressionLimits } from "./expression-sandbox.js";
import type { MappedResource } from "./fulfillment-source.js";
import { type MappingLog, PingFederateMapping } from "./pingfederate-mapping.js";

export interface InboundMappingOptions {
  /** The connection's `inboundProvisioning` object, as configured (unchecked). */
  readonly inboundProvisioning: unknown;
  /** The schemas and resource types the connection serves (connection-schemas.ts). */
  readonly registry: SchemaRegistry;
  readonly connectionId: string;
  readonly log: MappingLog;
  /** Issue path of `inboundProvisioning`, e.g. `idpConnections[0].inboundProvisioning`. */
  readonly path?: string;
  readonly limits?: ExpressionLimits;
}

export interface InboundMappings {
  readonly users: PingFederateMapping;
  readonly groups: PingFederateMapping | undefined;
  /** For buildConnection's `mappingFor`: the mapping of a resource type the registry serves. */
  mappingFor(rt: ResourceTypeDefinition): ResourceMapping;
}

const sides: Record<MappedResource, { readonly rt: string; readonly write: string; readonly read: string }> =
  {
    users: { rt: "User", write: "writeUsers", read: "readUsers" },
    groups: { rt: "Group", write: "writeGroups", read: "readGroups" },
  };

export function compileInboundMappings(options: InboundMappingOptions): Checked<InboundMappings> {
  const at = options.path ?? "inboundProvisioning";
  const inbound = options.inboundProvisioning;
  if (!isJsonObject(inbound)) {
    return {
      ok: false,
      issues: [
        configIssue(
          at,
          "inboundProvisioning is missing or not an object.",
          "Add inboundProvisioning with users.writeUsers and users.readUsers.",
        ),
      ],
    };
  }
  const issues: ConfigIssue[] = [];
  const groupSupport = inbound.groupSupport;
  if (typeof groupSupport !== "boolean") {
    issues.push(
      configIssue(
        keyPath(at, "groupSupport"),
        "groupSupport must be true or false.",
        "true for User and Group Support, false for User Support.",
      ),
    );
  }
  if (inbound.groups !== undefined && groupSupport !== true) {
    issues.push(
      configIssue(
        keyPath(at, "groups"),
        "groups is configured but groupSupport is not true.",
        "Set groupSupport: true, or remove groups.",
      ),
    );
  }
  if (groupSupport === true && inbound.groups === undefined) {
    issues.push(
      configIssue(
        keyPath(at, "groups"),
        "groupSupport is true but groups is missing.",
        "Add groups.writeGroups and groups.readGroups.",
      ),
    );
  }
  const repository = isJsonObject(inbound.userRepository) ? inbound.userRepository.type : undefined;
  const repositoryType = repository === "LDAP" || repository === "IDENTITY_STORE" ? repository : undefined;
  const compile = (resource: MappedResource): PingFederateMapping | undefined => {
    const side = sides[resource];
    const container = inbound[resource];
    const containerPath = keyPath(at, resource);
    const rt = options.registry.resourceType(side.rt);
    if (rt === undefined) {
      issues.push(
        configIssue(
          containerPath,
          `The connection's schemas have no ${side.rt} resource type.`,
          `Serve ${side.rt} for this connection.`,
        ),
      );
      return undefined;
    }
    if (!isJsonObject(container)) {
      issues.push(
        configIssue(
          containerPath,
          `${resource} must be an object with ${side.write} and ${side.read}.`,
          `Add ${resource}.${side.write} and ${resource}.${side.read}.`,
        ),
      );
      return undefined;
    }
    const compiled = compileResourceMapping({
      registry: options.registry,
      resourceType: rt,
      resource,
      repositoryType,
      limits: options.limits ?? defaultExpressionLimits,
      write: container[side.write],
      read: container[side.read],
      writePath: keyPath(containerPath, side.write),
      readPath: keyPath(containerPath, side.read),
    });
    if (!compiled.ok) {
      issues.push(...compiled.issues);
      return undefined;
    }
    return new PingFederateMapping(compiled.value, { connectionId: options.connectionId, log: options.log });
  };
  const users = compile("users");
  const groups = groupSupport === true && inbound.groups !== undefined ? compile("groups") : undefined;
  if (issues.length > 0 || users === undefined) return { ok: false, issues };
  const byType = new Map<string, ResourceMapping>([["User", users]]);
  if (groups !== undefined) byType.set("Group", groups);
  return {
    ok: true,
    value: Object.freeze({
      users,
      groups,
      mappingFor(rt: ResourceTypeDefinition): ResourceMapping {
        const mapping = byType.get(rt.id);
        if (mapping === undefined)
          throw new Error(`connection ${options.connectionId} has no mapping for ${rt.id}`);
        return mapping;
      },
    }),
  };
}
