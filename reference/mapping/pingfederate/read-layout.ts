// Where the read mapping puts values, per top-level SCIM attribute: a whole value, sub-attributes of a
// single complex value, and groups of elements of a multi-valued one (all elements from `emails.value`-style
// paths, or one type from PingFederate's flattened `emails.work.value` paths). Assembling responses,
// translating filters and deriving the plan all read this one layout, so they agree on what a view holds.
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import type { ReadSlot } from "./resource-mapping.js";

export interface ElementGroup {
  /** The element type a flattened path fixes, as configured; undefined for paths across all elements. */
  readonly type: string | undefined;
  /** Slots by lower-cased sub-attribute name, in configuration order. */
  readonly subs: ReadonlyMap<string, ReadSlot>;
}

export interface AttributeLayout {
  readonly top: ResolvedAttribute;
  readonly whole: ReadSlot | undefined;
  /** Sub-attribute slots of a single-valued complex attribute. */
  readonly subs: ReadonlyMap<string, ReadSlot>;
  /** Element groups of a multi-valued complex attribute: the untyped group first, then types in order. */
  readonly groups: readonly ElementGroup[];
}

export type ReadLayout = ReadonlyMap<string, AttributeLayout>;

/** The layout key of a resolved attribute's top-level attribute. */
export function topKey(attribute: ResolvedAttribute): string {
  const name = attribute.attribute.name;
  return (attribute.extension ? `${attribute.schema}:${name}` : name).toLowerCase();
}

interface Draft {
  top: ResolvedAttribute;
  whole: ReadSlot | undefined;
  subs: Map<string, ReadSlot>;
  groups: Map<string, { type: string | undefined; subs: Map<string, ReadSlot> }>;
}

/** NO_MAPPING slots produce nothing and are left out. */
export function readLayout(slots: readonly ReadSlot[]): ReadLayout {
  const drafts = new Map<string, Draft>();
  for (const slot of slots) {
    if (slot.source.kind === "none") continue;
    const key = topKey(slot.path.top);
    let draft = drafts.get(key);
    if (draft === undefined) {
      draft = { top: slot.path.top, whole: undefined, subs: new Map(), groups: new Map() };
      drafts.set(key, draft);
    }
    const sub = slot.path.leaf.subAttribute?.name.toLowerCase() ?? "";
    if (slot.path.kind === "attribute") draft.whole = slot;
    else if (!slot.path.top.attribute.multiValued) draft.subs.set(sub, slot);
    else {
      const groupKey = slot.path.type?.toLowerCase() ?? "";
      let group = draft.groups.get(groupKey);
      if (group === undefined) {
        group = { type: slot.path.type, subs: new Map() };
        draft.groups.set(groupKey, group);
      }
      group.subs.set(sub, slot);
    }
  }
  const layout = new Map<string, AttributeLayout>();
  for (const [key, d] of drafts) {
    const untyped = d.groups.get("");
    const typed = [...d.groups.entries()].filter(([k]) => k !== "").map(([, g]) => g);
    layout.set(
      key,
      Object.freeze({
        top: d.top,
        whole: d.whole,
        subs: d.subs,
        groups: Object.freeze([...(untyped === undefined ? [] : [untyped]), ...typed]),
      }),
    );
  }
  return layout;
}
