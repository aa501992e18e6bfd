// A bounded pool (`--concurrency`): at most `size` tasks in flight, results in input order. Once the
// signal aborts, tasks not yet started are not started; `onSkipped` gives their placeholder results.

export async function runPool<T, R>(
  items: readonly T[],
  size: number,
  worker: (item: T, index: number) => Promise<R>,
  signal: AbortSignal,
  onSkipped: (item: T) => R,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      const item = items[index] as T;
      results[index] = signal.aborted ? onSkipped(item) : await worker(item, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, lane));
  return results;
}
