// Small statistics for the bench: medians and nearest-rank percentiles over measured series, and the
// spread of per-round ratios (the bench reports the median ratio with its min and max, never one run).

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

export function spreadOf(values: readonly number[]): Spread {
  return {
    median: median(values),
    min: values.length === 0 ? Number.NaN : Math.min(...values),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
    samples: values.length,
  };
}

/** Rounds for display and JSON: 3 significant digits below 100, integers above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(3));
}

/**
 * Ratios of medians over consecutive blocks of two paired series (a[i] with b[i]): the spread of a latency
 * ratio. Per-pair ratios would mostly show scheduler noise; a block's median is what the figure compares.
 */
export function blockRatios(a: readonly number[], b: readonly number[], blocks: number): number[] {
  const n = Math.min(a.length, b.length);
  const size = Math.max(1, Math.floor(n / Math.max(1, blocks)));
  const out: number[] = [];
  for (let from = 0; from + size <= n; from += size)
    out.push(median(a.slice(from, from + size)) / median(b.slice(from, from + size)));
  return out;
}
