// A FIFO async mutex. Datastores whose engine is synchronous (better-sqlite3) or in-process (memory)
// still expose an async `transaction(work)`: while one request's transaction is open across awaits,
// other requests' writes must queue behind it instead of interleaving into it.
export class AsyncMutex {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  lock(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return ready;
  }

  async run<T>(work: () => Promise<T> | T): Promise<T> {
    const release = await this.lock();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
