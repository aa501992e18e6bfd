// Runs the mapping check over the connections of a configuration: each connection's mapping is compiled
// (configuration issues are findings too), then every resource type it serves is round-tripped.
import type { ConfigIssue } from "../pingfederate/config-issue.js";
import { compileConnectionMappings } from "../pingfederate/connection-mappings.js";
import type { ConnectionSchemaSet } from "../pingfederate/connection-schemas.js";
import type { MappingLog, PingFederateMapping } from "../pingfederate/pingfederate-mapping.js";
import { generationShape, uncoveredPaths } from "./generation-shape.js";
import type { ConfiguredConnection } from "./read-connections-file.js";
import { checkRoundTrip, type RoundTripReport } from "./round-trip.js";

export interface ResourceTypeCheck {
  readonly report: RoundTripReport;
  /** Writable schema paths outside the attribute contract (not stored by design). */
  readonly uncovered: readonly string[];
}

export interface ConnectionCheck {
  readonly connectionId: string;
  readonly issues: readonly ConfigIssue[];
  readonly resourceTypes: readonly ResourceTypeCheck[];
}

export interface CheckOptions {
  readonly spec: ConnectionSchemaSet;
  readonly runs: number;
  readonly seed: number;
  readonly maxShrunk?: number;
}

/** Expression failures during the check show up as findings; their log lines would only repeat them. */
const quiet: MappingLog = { info: () => {}, warn: () => {} };

export async function checkConnection(
  connection: ConfiguredConnection,
  options: CheckOptions,
): Promise<ConnectionCheck> {
  const compiled = compileConnectionMappings({
    connection: connection.raw,
    path: connection.path,
    spec: options.spec,
    log: quiet,
  });
  if (!compiled.ok) return { connectionId: connection.id, issues: compiled.issues, resourceTypes: [] };
  const { registry, mappings } = compiled.value;
  const context = { connectionId: connection.id, clientAddress: "192.0.2.10", requestId: "mapping-check" };
  const checks: ResourceTypeCheck[] = [];
  for (const mapping of [mappings.users, mappings.groups].filter(
    (m): m is PingFederateMapping => m !== undefined,
  )) {
    const shape = generationShape(mapping.compiled);
    const report = await checkRoundTrip({
      registry,
      resourceType: mapping.compiled.resourceType,
      mapping,
      shape,
      runs: options.runs,
      seed: options.seed,
      context,
      ...(options.maxShrunk === undefined ? {} : { maxShrunk: options.maxShrunk }),
    });
    checks.push({ report, uncovered: uncoveredPaths(registry, shape) });
  }
  return { connectionId: connection.id, issues: [], resourceTypes: checks };
}

/** Lossy: a configuration issue, any finding, a generator fault, or (strict) anything outside the contract. */
export function isLossy(check: ConnectionCheck, strictCoverage: boolean): boolean {
  return (
    check.issues.length > 0 ||
    check.resourceTypes.some(
      (r) =>
        r.report.findings.length > 0 ||
        r.report.invalidGenerated > 0 ||
        (strictCoverage && r.uncovered.length > 0),
    )
  );
}
