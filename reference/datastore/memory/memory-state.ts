// The whole content of an in-memory datastore as plain maps, plus the holders that make writes atomic.
// Atomicity is copy-on-write: a write or transaction works on a clone and swaps it in only on success,
// so a throw anywhere leaves nothing behind. Clear rather than fast: this store serves unit tests and
// is the oracle the SQL stores are differentially tested against.
import { AsyncMutex } from "../async-mutex.js";
import type { EntryAttributes, EntryMeta, EntryValue } from "../datastore.js";

export interface MemoryEntry {
  /** Creation sequence: the stable order of unsorted results and the tie-breaker of sorted ones. */
  readonly seq: number;
  readonly connection: string;
  readonly resourceType: string;
  readonly id: string;
  readonly attributes: EntryAttributes;
  readonly passwordHash: string | undefined;
  readonly meta: EntryMeta;
}

/** Ids are unique within a connection, across its resource types (members refer to them by id). */
export function entryKey(connection: string, id: string): string {
  return `${connection}\u0000${id}`;
}

export class MemoryState {
  readonly entries: Map<string, MemoryEntry>;
  /** Entries deleted in "disable" mode: kept (PingFederate DISABLE_USER keeps them for audit), never seen. */
  readonly disabled: MemoryEntry[];
  /** Group entry key → member entry keys. */
  readonly members: Map<string, Set<string>>;
  readonly settings: Map<string, EntryValue>;
  nextSeq: number;

  constructor(from?: MemoryState) {
    this.entries = new Map(from?.entries);
    this.disabled = [...(from?.disabled ?? [])];
    this.members = new Map([...(from?.members ?? [])].map(([group, set]) => [group, new Set(set)]));
    this.settings = new Map(from?.settings);
    this.nextSeq = from?.nextSeq ?? 1;
  }

  clone(): MemoryState {
    return new MemoryState(this);
  }
}

/** Where a store view reads and writes: the committed state, or an open transaction's working copy. */
export interface StateHolder {
  read(): MemoryState;
  write<T>(change: (draft: MemoryState) => T): Promise<T>;
  transaction<T>(work: (holder: StateHolder) => Promise<T>): Promise<T>;
}

class TransactionHolder implements StateHolder {
  #state: MemoryState;
  #open = true;
  // Serialises nested transactions and writes issued concurrently on one transaction's store, so
  // savepoints nest strictly (a savepoint is a clone taken when it starts).
  readonly #mutex = new AsyncMutex();

  constructor(state: MemoryState) {
    this.#state = state;
  }

  get state(): MemoryState {
    return this.#state;
  }

  close(): void {
    this.#open = false;
  }

  read(): MemoryState {
    this.#assertOpen();
    return this.#state;
  }

  write<T>(change: (draft: MemoryState) => T): Promise<T> {
    this.#assertOpen();
    return this.#mutex.run(() => {
      const draft = this.#state.clone();
      const result = change(draft);
      this.#state = draft;
      return result;
    });
  }

  transaction<T>(work: (holder: StateHolder) => Promise<T>): Promise<T> {
    this.#assertOpen();
    return this.#mutex.run(async () => {
      const savepoint = new TransactionHolder(this.#state.clone());
      try {
        const result = await work(savepoint);
        this.#state = savepoint.state;
        return result;
      } finally {
        savepoint.close();
      }
    });
  }

  #assertOpen(): void {
    if (!this.#open) throw new Error("this transaction has ended; use the store the transaction was given");
  }
}

/** The committed state: reads see it directly, writes queue on one mutex behind open transactions. */
export class RootHolder implements StateHolder {
  #state = new MemoryState();
  readonly #mutex = new AsyncMutex();

  read(): MemoryState {
    return this.#state;
  }

  write<T>(change: (draft: MemoryState) => T): Promise<T> {
    return this.#mutex.run(() => {
      const draft = this.#state.clone();
      const result = change(draft);
      this.#state = draft;
      return result;
    });
  }

  transaction<T>(work: (holder: StateHolder) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      const tx = new TransactionHolder(this.#state.clone());
      try {
        const result = await work(tx);
        this.#state = tx.state;
        return result;
      } finally {
        tx.close();
      }
    });
  }
}
