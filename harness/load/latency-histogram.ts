// Latency recording for load runs: a log-bucketed histogram (HdrHistogram's idea, small): buckets grow by
// 2 % so any percentile is reported within 2 % of the true value, whatever the run's length, in a fixed
// few kilobytes. Keeping every sample would grow without bound on a long --duration run.

/** Bucket i holds values in [base·g^i, base·g^(i+1)); 0.01 ms to ~10 min fits in under 900 buckets. */
const growth = 1.02;
const baseMs = 0.01;
const logGrowth = Math.log(growth);

export interface LatencySummary {
  readonly count: number;
  readonly minMs: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export class LatencyHistogram {
  readonly #buckets: number[] = [];
  #count = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = 0;

  record(ms: number): void {
    const value = Math.max(ms, 0);
    const index = value <= baseMs ? 0 : Math.floor(Math.log(value / baseMs) / logGrowth) + 1;
    this.#buckets[index] = (this.#buckets[index] ?? 0) + 1;
    this.#count += 1;
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  /** Adds another histogram's samples (the run's totals over every operation). */
  merge(other: LatencyHistogram): void {
    other.#buckets.forEach((n, i) => {
      this.#buckets[i] = (this.#buckets[i] ?? 0) + n;
    });
    this.#count += other.#count;
    this.#sum += other.#sum;
    this.#min = Math.min(this.#min, other.#min);
    this.#max = Math.max(this.#max, other.#max);
  }

  get count(): number {
    return this.#count;
  }

  /** The value at quantile q (0..1): the upper edge of its bucket, clamped to the observed range. */
  quantile(q: number): number {
    if (this.#count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.#count));
    let seen = 0;
    for (let i = 0; i < this.#buckets.length; i++) {
      seen += this.#buckets[i] ?? 0;
      if (seen >= rank) {
        const upper = i === 0 ? baseMs : baseMs * growth ** i;
        return Math.min(Math.max(upper, this.#min), this.#max);
      }
    }
    return this.#max;
  }

  summary(): LatencySummary {
    const round = (ms: number): number => Math.round(ms * 1000) / 1000;
    return {
      count: this.#count,
      minMs: this.#count === 0 ? 0 : round(this.#min),
      meanMs: this.#count === 0 ? 0 : round(this.#sum / this.#count),
      p50Ms: round(this.quantile(0.5)),
      p95Ms: round(this.quantile(0.95)),
      p99Ms: round(this.quantile(0.99)),
      maxMs: round(this.#max),
    };
  }
}
