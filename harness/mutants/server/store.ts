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
  /** A mutant's stale schemas list (patchNoExtensionSchema). */
  schemaOverride?: readonly string[];
}

export class ResourceStore {
  /** Keyed "<type>/<id>", so that ids repeating across types (the idsFromNames mutant) can be stored. */
  readonly #items = new Map<string, StoredResource>();

  /** "groupId|memberId" for every membership ever stored (for the userGroupsStale mutant). */
  readonly memberships = new Set<string>();
  #seq = 0;
  #lastTick = 0;

  readonly #idPrefix: string;
  /** Deleted resources, kept only so the deletedStillListed mutant can show them in queries. */
  readonly tombstones: StoredResource[] = [];

  readonly #frozenVersions: boolean;

  constructor(
    options: {
      readonly idPrefix?: string;
      readonly frozenVersions?: boolean;
    } = {},
  ) {
    this.#frozenVersions = options.frozenVersions ?? false;
    this.#idPrefix = options.idPrefix ?? "";
  }

  now(): string {
    const tick = Math.max(Date.now(), this.#lastTick + 1);
    this.#lastTick = tick;
    return new Date(tick).toISOString();
  }

  nextId(): string {
    this.#seq += 1;
    return `${this.#idPrefix}${(0x1000 + this.#seq).toString(16)}-${Math.random().toString(36).slice(2, 10)}`;
  }

  insert(type: TypeDef, data: Json, id = this.nextId()): StoredResource {
    const now = this.now();
    const stored: StoredResource = { id, type, data, created: now, lastModified: now, version: 1 };
    this.#items.set(`${type.name}/${id}`, stored);
    this.#remember(stored);
    return stored;
  }

  get(type: TypeDef, id: string): StoredResource | undefined {
    return this.#items.get(`${type.name}/${id}`);
  }

  byId(id: string): StoredResource | undefined {
    return [...this.#items.values()].find((r) => r.id === id);
  }

  all(type?: TypeDef): StoredResource[] {
    return [...this.#items.values()].filter((r) => type === undefined || r.type === type);
  }

  #remember(resource: StoredResource): void {
    const members = resource.data.members;
    if (!Array.isArray(members)) return;
    for (const m of members) {
      if (typeof m === "object" && m !== null && typeof (m as Json).value === "string") {
        this.memberships.add(`${resource.id}|${String((m as Json).value)}`);
      }
    }
  }

  touch(resource: StoredResource, data: Json, options: { readonly keepTimestamp?: boolean } = {}): void {
    resource.data = data;
    this.#remember(resource);
    // The etagNeverChanges mutant keeps one version forever.
    if (!this.#frozenVersions) resource.version += 1;
    if (!options.keepTimestamp) resource.lastModified = this.now();
  }

  delete(resource: StoredResource): boolean {
    this.tombstones.push(resource);
    return this.#items.delete(`${resource.type.name}/${resource.id}`);
  }
}
