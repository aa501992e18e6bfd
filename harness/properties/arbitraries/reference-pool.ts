// Resources the harness created before generating references to them: Group members and the
// enterprise manager must name resources that exist (RFC 7643 §4.2 members "the identifier of the
// member"; §4.3 manager "The id of the SCIM resource representing the User's manager"), and only ones
// this run created, so nothing foreign is ever referenced.

export interface ReferencePool {
  /** Ids of created resources by resource type name ("User", "Group"). */
  idsOf(typeName: string): readonly string[];
}

export class CreatedPool implements ReferencePool {
  readonly #ids = new Map<string, string[]>();

  add(typeName: string, id: string): void {
    const key = typeName.toLowerCase();
    const list = this.#ids.get(key) ?? [];
    if (!list.includes(id)) list.push(id);
    this.#ids.set(key, list);
  }

  idsOf(typeName: string): readonly string[] {
    return this.#ids.get(typeName.toLowerCase()) ?? [];
  }
}

export const emptyPool: ReferencePool = { idsOf: () => [] };
