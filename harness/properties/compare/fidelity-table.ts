// The attribute fidelity table (issue "property-based round trips"): for every attribute path of every
// resource type the properties wrote, how often the value was accepted and read back equal, lost,
// altered or invented, with one example of each. A server that silently drops accepted data is the bug
// vendors most need to know about. This is a stable, JSON-serialisable data structure; the reporters
// (harness/reporters/) render it, the property checks fill it through FidelityRecorder.
import type { FieldDiff, FieldVerdict, ResourceDiff } from "./resource-diff.js";

export const fidelityTableVersion = 1;

export interface FidelityExample {
  /** What was sent or expected; absent for an invention. */
  readonly sent?: unknown;
  /** What came back; absent for a loss. */
  readonly got?: unknown;
  /** For an invention: why it was tolerated (a server default), when it was. */
  readonly tolerated?: string;
}

export interface FidelityRow {
  /** Resource type name as discovered ("User"). */
  readonly resourceType: string;
  /** Attribute path key: "emails.value", "urn:…:enterprise:2.0:User:manager.value". */
  readonly path: string;
  /** Sent, accepted and read back equal. */
  readonly equal: number;
  readonly lost: number;
  readonly altered: number;
  /** Returned without having been sent (tolerated defaults included; see `examples.invented`). */
  readonly invented: number;
  /** Of the inventions, how many were tolerated (server defaults, undeclared attributes). */
  readonly inventedTolerated: number;
  readonly examples: {
    readonly lost?: FidelityExample;
    readonly altered?: FidelityExample;
    readonly invented?: FidelityExample;
  };
}

export interface FidelityTable {
  readonly version: typeof fidelityTableVersion;
  /** How many read-back comparisons the table aggregates. */
  readonly comparisons: number;
  /** Sorted by resource type, then path. */
  readonly rows: readonly FidelityRow[];
}

export interface FidelityObservation {
  readonly resourceType: string;
  readonly diff: ResourceDiff;
}

type MutableRow = {
  -readonly [K in keyof FidelityRow]: K extends "examples"
    ? { -readonly [E in keyof FidelityRow["examples"]]: FidelityExample }
    : FidelityRow[K];
};

function example(f: FieldDiff): FidelityExample {
  return {
    ...(f.sent !== undefined ? { sent: f.sent } : {}),
    ...(f.got !== undefined ? { got: f.got } : {}),
    ...(f.tolerated !== undefined ? { tolerated: f.tolerated } : {}),
  };
}

/** Accumulates observations; `table()` is a snapshot. One recorder per run, shared by the checks. */
export class FidelityRecorder {
  readonly #rows = new Map<string, MutableRow>();
  #comparisons = 0;

  record(resourceType: string, diff: ResourceDiff): void {
    this.#comparisons += 1;
    for (const f of diff.fields) this.#add(resourceType, f.path, f.verdict, f);
  }

  /** Adds another table's counts (e.g. from a parallel check), keeping existing examples. */
  merge(table: FidelityTable): void {
    this.#comparisons += table.comparisons;
    for (const r of table.rows) {
      const row = this.#row(r.resourceType, r.path);
      row.equal += r.equal;
      row.lost += r.lost;
      row.altered += r.altered;
      row.invented += r.invented;
      row.inventedTolerated += r.inventedTolerated;
      for (const k of ["lost", "altered", "invented"] as const) {
        const e = r.examples[k];
        if (row.examples[k] === undefined && e !== undefined) row.examples[k] = e;
      }
    }
  }

  table(): FidelityTable {
    const rows = [...this.#rows.values()]
      .map((r) => ({ ...r, examples: { ...r.examples } }))
      .sort((a, b) =>
        a.resourceType === b.resourceType
          ? a.path.localeCompare(b.path, "en")
          : a.resourceType.localeCompare(b.resourceType, "en"),
      );
    return { version: fidelityTableVersion, comparisons: this.#comparisons, rows };
  }

  #row(resourceType: string, path: string): MutableRow {
    const key = `${resourceType}\u0000${path.toLowerCase()}`;
    let row = this.#rows.get(key);
    if (row === undefined) {
      row = {
        resourceType,
        path,
        equal: 0,
        lost: 0,
        altered: 0,
        invented: 0,
        inventedTolerated: 0,
        examples: {},
      };
      this.#rows.set(key, row);
    }
    return row;
  }

  #add(resourceType: string, path: string, verdict: FieldVerdict, f: FieldDiff): void {
    const row = this.#row(resourceType, path);
    row[verdict] += 1;
    if (verdict === "invented" && f.tolerated !== undefined) row.inventedTolerated += 1;
    if (verdict !== "equal" && row.examples[verdict] === undefined) row.examples[verdict] = example(f);
  }
}

/** Aggregates diffs into a table in one go. */
export function aggregateFidelity(observations: Iterable<FidelityObservation>): FidelityTable {
  const recorder = new FidelityRecorder();
  for (const o of observations) recorder.record(o.resourceType, o.diff);
  return recorder.table();
}

/** The rows that show data loss or change: what a report should lead with. */
export function troubledRows(table: FidelityTable): FidelityRow[] {
  return table.rows.filter((r) => r.lost > 0 || r.altered > 0 || r.invented > r.inventedTolerated);
}
