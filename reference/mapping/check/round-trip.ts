// The mapping check's round trip (issue 4, `scim-conformance mapping check`): random valid resources for a
// connection's schemas go through the write mapping, a JSON copy (what any datastore keeps), and the read
// mapping; the result is compared with what was sent (scim-diff.ts). Every distinct lost, altered or
// invented attribute is then searched for again on its own, so that fast-check shrinks a counter-example
// for it, replayable with the printed seed (fast-check's mapper/unmapper round trips, STYLE.md §11).
import fc from "fast-check";
import type { EntryAttributes, StoredEntry } from "../../datastore/datastore.js";
import { ScimError } from "../../protocol/errors/scim-error.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import type { ResourceTypeDefinition } from "../../protocol/schema/schema-definition.js";
import type { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import { validateForCreate } from "../../protocol/schema/validate-resource.js";
import type { MappingContext, ResourceMapping } from "../mapping.js";
import type { GenerationShape } from "./generation-shape.js";
import { resourceArbitrary } from "./resource-arbitrary.js";
import { type DiffKind, diffResources } from "./scim-diff.js";

export type FindingKind = DiffKind | "rejected";

export interface RoundTrip {
  readonly sent: JsonObject;
  readonly stored: EntryAttributes | undefined;
  readonly returned: JsonObject | undefined;
  /** Why the write mapping refused the resource (an expression failed), if it did. */
  readonly rejected: string | undefined;
  readonly differences: readonly { readonly path: string; readonly kind: FindingKind }[];
}

export interface Finding {
  readonly path: string;
  readonly kind: FindingKind;
  /** In how many of the generated resources it happened. */
  readonly occurrences: number;
  /** The shrunk counter-example, when shrinking reproduced it. */
  readonly example: RoundTrip | undefined;
}

export interface RoundTripReport {
  readonly resourceType: string;
  readonly runs: number;
  readonly seed: number;
  /** Generated resources that validation refused (a generator fault; reported, never silently dropped). */
  readonly invalidGenerated: number;
  readonly findings: readonly Finding[];
}

export interface RoundTripOptions {
  readonly registry: SchemaRegistry;
  readonly resourceType: ResourceTypeDefinition;
  readonly mapping: ResourceMapping;
  readonly shape: GenerationShape;
  readonly runs: number;
  readonly seed: number;
  readonly context: MappingContext;
  /** How many distinct findings get their own shrunk counter-example (each costs another search). */
  readonly maxShrunk?: number;
}

const clientOwnedDrop = new Set(["id", "meta", "password", "members", "groups"]);

/** One resource through write, storage and read. */
export async function roundTrip(options: RoundTripOptions, body: JsonObject): Promise<RoundTrip | undefined> {
  const validated = validateForCreate(options.registry, options.resourceType, body);
  if (!validated.ok) return undefined;
  const sent: JsonObject = {};
  for (const [k, v] of Object.entries(validated.resource)) if (!clientOwnedDrop.has(k)) sent[k] = v;
  let stored: EntryAttributes;
  try {
    stored = JSON.parse(
      JSON.stringify(await options.mapping.write(sent, options.context)),
    ) as EntryAttributes;
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    return {
      sent,
      stored: undefined,
      returned: undefined,
      rejected: error.detail,
      differences: [{ path: "(write mapping)", kind: "rejected" }],
    };
  }
  const entry: StoredEntry = {
    id: "mapping-check",
    resourceType: options.resourceType.id,
    meta: { created: "2025-01-01T00:00:00.000Z", lastModified: "2025-01-01T00:00:00.000Z", version: 1 },
    attributes: stored,
  };
  const returned = await options.mapping.read(entry, options.context);
  const differences = diffResources(options.registry, options.resourceType, sent, returned);
  return { sent, stored, returned, rejected: undefined, differences };
}

const keyOf = (d: { path: string; kind: FindingKind }) => `${d.kind}\u0000${d.path}`;

export async function checkRoundTrip(options: RoundTripOptions): Promise<RoundTripReport> {
  const arbitrary = resourceArbitrary(options.shape);
  const counts = new Map<string, { path: string; kind: FindingKind; occurrences: number }>();
  let invalid = 0;
  await fc.check(
    fc.asyncProperty(arbitrary, async (body) => {
      const outcome = await roundTrip(options, body);
      if (outcome === undefined) invalid++;
      for (const d of outcome?.differences ?? []) {
        const entry = counts.get(keyOf(d)) ?? { ...d, occurrences: 0 };
        entry.occurrences++;
        counts.set(keyOf(d), entry);
      }
      return true;
    }),
    { seed: options.seed, numRuns: options.runs },
  );
  const findings: Finding[] = [];
  let shrunk = 0;
  for (const [key, found] of counts) {
    let example: RoundTrip | undefined;
    if (shrunk < (options.maxShrunk ?? 25)) {
      shrunk++;
      const details = await fc.check(
        fc.asyncProperty(arbitrary, async (body) => {
          const outcome = await roundTrip(options, body);
          return !(outcome?.differences ?? []).some((d) => keyOf(d) === key);
        }),
        { seed: options.seed, numRuns: options.runs },
      );
      const counterexample = details.counterexample?.[0];
      example = counterexample === undefined ? undefined : await roundTrip(options, counterexample);
    }
    findings.push({ ...found, example });
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.kind.localeCompare(b.kind));
  return {
    resourceType: options.resourceType.id,
    runs: options.runs,
    seed: options.seed,
    invalidGenerated: invalid,
    findings,
  };
}
