// The in-memory store a Node developer would put behind SCIMMY, written the way its README and
// documentation suggest: a Map per resource type, egress returning one resource by id or the whole list
// (narrowed with SCIMMY's own `resource.filter.match`), ingress storing what SCIMMY hands over with an id
// and `meta` added. Nothing here is tuned for the benchmark: the point is to measure the library a Node
// user would pick, used the way it invites.
import { randomUUID } from "node:crypto";

export interface StoredResource {
  readonly id: string;
  readonly meta: { readonly created: string; readonly lastModified: string };
  readonly [attribute: string]: unknown;
}

/** What SCIMMY passes to egress/ingress/degress: the resource instance (id, filter) and nothing more. */
export interface ScimmyResourceView {
  readonly id?: string;
  readonly filter?: { match(values: readonly object[]): object[] };
}

export class MemoryCollection {
  readonly #items = new Map<string, StoredResource>();
  readonly #label: string;

  constructor(label: string) {
    this.#label = label;
  }

  get size(): number {
    return this.#items.size;
  }

  /** Seeds one resource without going through SCIMMY (the bench's data loader), returning its id. */
  seed(attributes: Record<string, unknown>): string {
    const now = new Date().toISOString();
    const id = randomUUID();
    this.#items.set(id, { ...attributes, id, meta: { created: now, lastModified: now } });
    return id;
  }

  egress(resource: ScimmyResourceView): StoredResource | StoredResource[] {
    if (resource.id !== undefined) {
      const found = this.#items.get(resource.id);
      if (found === undefined) throw new Error(`${this.#label} ${resource.id} not found`);
      return found;
    }
    const all = [...this.#items.values()];
    return resource.filter === undefined ? all : (resource.filter.match(all) as StoredResource[]);
  }

  ingress(resource: ScimmyResourceView, instance: object): StoredResource {
    const now = new Date().toISOString();
    // SCIMMY's schema instance is coerced and validated already; store a plain copy of it.
    const data = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
    if (resource.id !== undefined) {
      const existing = this.#items.get(resource.id);
      if (existing === undefined) throw new Error(`${this.#label} ${resource.id} not found`);
      const updated = {
        ...data,
        id: existing.id,
        meta: { created: existing.meta.created, lastModified: now },
      };
      this.#items.set(existing.id, updated);
      return updated;
    }
    const created = { ...data, id: randomUUID(), meta: { created: now, lastModified: now } };
    this.#items.set(created.id, created);
    return created;
  }

  degress(resource: ScimmyResourceView): void {
    if (resource.id === undefined || !this.#items.delete(resource.id))
      throw new Error(`${this.#label} ${resource.id ?? ""} not found`);
  }
}
