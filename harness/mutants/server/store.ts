// The mutant server's in-memory resources. Timestamps come from a monotonic clock so that every
// modification really advances lastModified (RFC 7643 §3.1), even within one millisecond.
import type { Json } from "./json-value.js";
import type { TypeDef } from "./schema-model.js";

export interface StoredResource {
  readonly id: string;
  readonly type: TypeDef;
  data: Json;
  readonly created: string;
  lastModified: string;
  version: number;
}

export class ResourceStore {
  readonly #items = new Map<string, StoredResource>();
  #seq = 0;
  #lastTick = 0;

  now(): string {
    const tick = Math.max(Date.now(), this.#lastTick + 1);
    this.#lastTick = tick;
    return new Date(tick).toISOString();
  }

  nextId(): string {
    this.#seq += 1;
    return `${(0x1000 + this.#seq).toString(16)}-${Math.random().toString(36).slice(2, 10)}`;
  }

  insert(type: TypeDef, data: Json, id = this.nextId()): StoredResource {
    const now = this.now();
    const stored: StoredResource = { id, type, data, created: now, lastModified: now, version: 1 };
    this.#items.set(id, stored);
    return stored;
  }

  get(type: TypeDef, id: string): StoredResource | undefined {
    const found = this.#items.get(id);
    return found?.type === type ? found : undefined;
  }

  byId(id: string): StoredResource | undefined {
    return this.#items.get(id);
  }

  all(type?: TypeDef): StoredResource[] {
    return [...this.#items.values()].filter((r) => type === undefined || r.type === type);
  }

  touch(resource: StoredResource, data: Json): void {
    resource.data = data;
    resource.lastModified = this.now();
    resource.version += 1;
  }

  delete(id: string): boolean {
    return this.#items.delete(id);
  }
}
