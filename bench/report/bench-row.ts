// One row of reports/bench/latest.json per figure: `{ name, value, unit, baseline, ratio, target, met }`
// (issue "Performance"), plus the spread of the per-round ratios and notes on how it was measured. A
// figure that could not be measured keeps its row with null values and says why, so every row of the
// issue's table is always printed.
import { round, type Spread } from "../measure/stats.js";

export interface Target {
  /** What the target applies to: the ratio to the baseline, or the value itself. */
  readonly on: "ratio" | "value";
  readonly comparator: ">=" | "<=";
  readonly value: number;
}

export interface BenchRow {
  /** A stable key, e.g. "get-by-id-vs-node-http". */
  readonly id: string;
  readonly name: string;
  readonly value: number | null;
  readonly unit: string;
  readonly baseline: { readonly name: string; readonly value: number | null; readonly unit: string } | null;
  readonly ratio: number | null;
  readonly target: Target;
  /** null when the figure was not measured (see notes). */
  readonly met: boolean | null;
  /** Min and max of the per-round ratios (or values) around the median reported. */
  readonly spread: { readonly min: number; readonly max: number; readonly rounds: number } | null;
  readonly notes: readonly string[];
}

export function targetText(target: Target): string {
  return `${target.comparator === ">=" ? "≥" : "≤"} ${target.value.toLocaleString("en-US")}${target.on === "ratio" ? "×" : ""}`;
}

export function isMet(target: Target, value: number | null, ratio: number | null): boolean | null {
  const measured = target.on === "ratio" ? ratio : value;
  if (measured === null || !Number.isFinite(measured)) return null;
  return target.comparator === ">=" ? measured >= target.value : measured <= target.value;
}

export interface RowInput {
  readonly id: string;
  readonly name: string;
  readonly value: number | null;
  readonly unit: string;
  readonly baseline?: { readonly name: string; readonly value: number | null; readonly unit: string };
  readonly ratio?: number | null;
  readonly target: Target;
  readonly spread?: Spread;
  readonly notes?: readonly string[];
  /** Why the measurement cannot be judged (met stays null); shown first in the notes. */
  readonly invalid?: string;
}

const clean = (n: number | null | undefined): number | null =>
  n === null || n === undefined || !Number.isFinite(n) ? null : round(n);

export function row(input: RowInput): BenchRow {
  const value = clean(input.value);
  const ratio = clean(input.ratio);
  return {
    id: input.id,
    name: input.name,
    value,
    unit: input.unit,
    baseline: input.baseline === undefined ? null : { ...input.baseline, value: clean(input.baseline.value) },
    ratio,
    target: input.target,
    met: input.invalid === undefined ? isMet(input.target, value, ratio) : null,
    spread:
      input.spread === undefined || !Number.isFinite(input.spread.min)
        ? null
        : { min: round(input.spread.min), max: round(input.spread.max), rounds: input.spread.samples },
    notes: [...(input.invalid === undefined ? [] : [input.invalid]), ...(input.notes ?? [])],
  };
}

/** The row of a figure that could not be measured: same name and target, the reason in its notes. */
export function unmeasured(id: string, name: string, unit: string, target: Target, why: string): BenchRow {
  return row({ id, name, value: null, unit, ratio: null, target, notes: [why] });
}
