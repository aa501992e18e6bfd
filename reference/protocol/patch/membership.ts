// Group membership as a change, not a list (issue "Groups at scale": a PATCH adding or removing one
// member costs O(changed members), independent of group size). The common member operations of RFC 7644
// §3.5.2 say which ids to add or remove without needing to know the current members, so they compose
// into a MembershipDelta that the datastore applies directly (datastore.ts `MembershipChange`).
import type { FilterNode } from "../filter/filter-node.js";
import { isJsonObject, type JsonValue } from "../resource/json.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";

export interface MemberInput {
  /** The member's id (RFC 7643 §4.2 `members.value`). */
  readonly value: string;
  /** "User" or "Group" when the client said so; otherwise the datastore knows it from the id. */
  readonly type: string | undefined;
}

/**
 * The same shape as datastore.ts `MembershipChange`: `replaceAll` first, then `add` and `remove`, which
 * are disjoint, so their order does not matter. Removing an absent member and adding a present one are
 * no-ops, never errors (RFC 7644 §3.5.2.1, §3.5.2.2).
 */
export interface MembershipDelta {
  readonly replaceAll?: readonly MemberInput[];
  readonly add: readonly MemberInput[];
  readonly remove: readonly string[];
}

/** Folds member operations, in request order, into one delta. */
export class MembershipComposer {
  #replaceAll: Map<string, MemberInput> | undefined;
  readonly #add = new Map<string, MemberInput>();
  readonly #remove = new Set<string>();
  #touched = false;

  add(members: readonly MemberInput[]): void {
    this.#touched = true;
    for (const m of members) {
      if (this.#replaceAll !== undefined) {
        if (!this.#replaceAll.has(m.value)) this.#replaceAll.set(m.value, m);
        continue;
      }
      this.#remove.delete(m.value);
      if (!this.#add.has(m.value)) this.#add.set(m.value, m);
    }
  }

  remove(ids: readonly string[]): void {
    this.#touched = true;
    for (const id of ids) {
      if (this.#replaceAll !== undefined) {
        this.#replaceAll.delete(id);
        continue;
      }
      this.#add.delete(id);
      this.#remove.add(id);
    }
  }

  /** `replace members [...]` (RFC 7644 §3.5.2.3); `[]` and `remove members` clear the group. */
  replace(members: readonly MemberInput[]): void {
    this.#touched = true;
    this.#add.clear();
    this.#remove.clear();
    this.#replaceAll = new Map();
    this.add(members);
  }

  delta(): MembershipDelta | undefined {
    if (!this.#touched) return undefined;
    if (this.#replaceAll !== undefined) {
      return Object.freeze({
        replaceAll: Object.freeze([...this.#replaceAll.values()]),
        add: [],
        remove: [],
      });
    }
    if (this.#add.size === 0 && this.#remove.size === 0) return undefined;
    return Object.freeze({
      add: Object.freeze([...this.#add.values()]),
      remove: Object.freeze([...this.#remove]),
    });
  }
}

/**
 * The ids of a member value filter `value eq "a"`, or `value eq "a" or value eq "b" …`, or undefined
 * for any other filter (those need the member list: planPatch says so).
 */
export function memberIdsOf(filter: FilterNode<ResolvedAttribute>): string[] | undefined {
  if (filter.kind === "compare") {
    const isValue = filter.attr.leaf.name === "value";
    return isValue && filter.op === "eq" && typeof filter.value === "string" ? [filter.value] : undefined;
  }
  if (filter.kind !== "or") return undefined;
  const left = memberIdsOf(filter.left);
  const right = memberIdsOf(filter.right);
  return left === undefined || right === undefined ? undefined : [...left, ...right];
}

export function memberInputsOf(values: JsonValue | undefined): MemberInput[] {
  if (!Array.isArray(values)) return [];
  return values.flatMap((v) => {
    if (!isJsonObject(v) || typeof v.value !== "string") return [];
    return [{ value: v.value, type: typeof v.type === "string" ? v.type : undefined }];
  });
}

/** The delta between two full member lists, for the path that had to load the members. */
export function diffMembers(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
): MembershipDelta | undefined {
  const old = new Map(memberInputsOf(before).map((m) => [m.value, m]));
  const now = new Map(memberInputsOf(after).map((m) => [m.value, m]));
  const add = [...now.values()].filter((m) => !old.has(m.value));
  const remove = [...old.keys()].filter((id) => !now.has(id));
  if (add.length === 0 && remove.length === 0) return undefined;
  return Object.freeze({ add: Object.freeze(add), remove: Object.freeze(remove) });
}
