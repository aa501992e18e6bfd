// What this run created, and therefore what it may change and must delete (issue "Harness",
// Isolation: delete all it created, in reverse order, and never modify or delete anything it did not
// create). Every client of a run shares one ledger; the recording client fills it from successful
// creations and consults it before every PUT, PATCH and DELETE (the mutation guard). Resources are
// keyed by collection and id, because some servers number Users and Groups independently.

export interface OwnedResource {
  /** Path relative to the base URL, e.g. "/Users/2819c223" (id percent-encoded). */
  readonly path: string;
  /** The collection segment, e.g. "Users". */
  readonly collection: string;
  readonly id: string;
  /** The check that created it. */
  readonly owner: string;
  readonly seq: number;
}

function keyOf(collection: string, id: string): string {
  return `${collection.toLowerCase()}\u0000${id}`;
}

export class ResourceLedger {
  /** Ids that start with it were made up by the harness and cannot belong to anyone else. */
  readonly prefix: string;
  #entries = new Map<string, OwnedResource>();
  #deleted = new Set<string>();
  #seq = 0;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  register(collection: string, id: string, owner: string): void {
    const key = keyOf(collection, id);
    if (this.#entries.has(key) && !this.#deleted.has(key)) return;
    this.#deleted.delete(key);
    this.#seq += 1;
    const path = `/${collection}/${encodeURIComponent(id)}`;
    this.#entries.delete(key);
    this.#entries.set(key, Object.freeze({ path, collection, id, owner, seq: this.#seq }));
  }

  markDeleted(collection: string, id: string): void {
    const key = keyOf(collection, id);
    if (this.#entries.has(key)) this.#deleted.add(key);
  }

  /** True for a resource this run created, or an id it invented (it carries the run prefix). */
  owns(collection: string, id: string): boolean {
    return this.#entries.has(keyOf(collection, id)) || id.startsWith(this.prefix);
  }

  /** Resources not yet deleted, newest first: the order cleanup deletes them in. */
  pending(): OwnedResource[] {
    return [...this.#entries.entries()]
      .filter(([key]) => !this.#deleted.has(key))
      .map(([, entry]) => entry)
      .sort((a, b) => b.seq - a.seq);
  }

  get size(): number {
    return this.#entries.size;
  }
}
