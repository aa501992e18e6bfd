// TEST-ONLY helpers for the PingFederate mapping tests: a registry for the spec schemas, mappings compiled
// from inline YAML, a log that records what the mapping says, and an async property runner that prints its
// seed (brief: every fast-check property prints the seed; FC_SEED replays it).
import fc from "fast-check";
import type { EntryAttributes, StoredEntry } from "../../datastore/datastore.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import { specRegistry } from "../../protocol/testing/spec-registry.js";
import type { MappingContext } from "../mapping.js";
import { formatIssues } from "./config-issue.js";
import { compileInboundMappings, type InboundMappings } from "./inbound-mappings.js";
import type { MappingLog } from "./pingfederate-mapping.js";

export const context: MappingContext = Object.freeze({
  connectionId: "c1",
  clientAddress: "192.0.2.7",
  requestId: "req-1",
});

export class RecordingLog implements MappingLog {
  readonly lines: { level: "info" | "warn"; obj: Record<string, unknown>; msg: string | undefined }[] = [];
  info(obj: object, msg?: string): void {
    this.lines.push({ level: "info", obj: obj as Record<string, unknown>, msg });
  }
  warn(obj: object, msg?: string): void {
    this.lines.push({ level: "warn", obj: obj as Record<string, unknown>, msg });
  }
}

export function compileOrThrow(
  inboundProvisioning: unknown,
  options: { registry?: SchemaRegistry; log?: MappingLog } = {},
): InboundMappings {
  const result = compileInboundMappings({
    inboundProvisioning,
    registry: options.registry ?? specRegistry(),
    connectionId: "c1",
    log: options.log ?? new RecordingLog(),
  });
  if (!result.ok) throw new Error(`unexpected issues:\n${formatIssues(result.issues)}`);
  return result.value;
}

/** A users-only inboundProvisioning with the given write and read fulfillments (YAML maps). */
export function usersOnly(
  write: Record<string, unknown>,
  read: Record<string, unknown>,
  extended: readonly string[] = [],
): unknown {
  return {
    groupSupport: false,
    userRepository: { type: "LDAP" },
    users: {
      writeUsers: { attributeFulfillment: write },
      readUsers: {
        attributeContract: { extendedAttributes: extended.map((name) => ({ name })) },
        attributeFulfillment: read,
      },
    },
  };
}

export const scim = (value: string) => ({ source: { type: "SCIM_USER" }, value });
export const ldap = (value: string) => ({ source: { type: "LDAP_DATA_STORE" }, value });
export const expr = (value: string) => ({ source: { type: "EXPRESSION" }, value });

export function entryOf(attributes: EntryAttributes, resourceType = "User"): StoredEntry {
  return {
    id: "e1",
    resourceType,
    meta: { created: "2025-01-01T00:00:00.000Z", lastModified: "2025-01-01T00:00:00.000Z", version: 1 },
    attributes,
  };
}

export function seedFromEnv(): number {
  return process.env.FC_SEED === undefined
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.FC_SEED);
}

/** Runs an async property; a failure message starts with the seed to replay it with FC_SEED. */
export async function assertAsyncProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<unknown>,
  numRuns = 100,
): Promise<void> {
  const seed = seedFromEnv();
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (value) => (await predicate(value)) !== false),
      { seed, numRuns },
    );
  } catch (error) {
    throw new Error(`property failed; replay with FC_SEED=${seed}\n${(error as Error).message}`);
  }
}
