// Filters and sorting through the dual mapping (issue 4: "a direct mapping pushes the filter down to the
// datastore; a filter on an attribute produced only by an expression is evaluated on the mapped results").
// Filters are evaluated against the resource AS THE READ MAPPING BUILDS IT (RFC 7644 §3.4.2.2: the
// service provider's representation), so a part pushes down only when it is EQUIVALENT in store terms:
// - a path with exactly one contributor in the read layout, a direct mapping, becomes its store attribute
//   (`userName` → `uid`; `emails.value` → `mail` when `emails.work.value` ↔ `mail` is the only source of
//   emails: the view then holds exactly the mail values, whatever the client once sent);
// - a path several element groups contribute to (`emails.value` with work → mail and home → homeMail) is
//   rewritten as a value filter and then per group, the group's fixed `type` folded to a constant with the
//   matcher's own semantics (`emails[type eq "work" and value eq "x"]` → `mail eq "x"`);
// - anything fed by an expression, a literal or context, or groups whose elements zip several store
//   attributes, stays residual: the caller runs it with the matcher over read-mapped results.
// Soundness is checked by a property test: pushed filter on entries ≡ matcher on read views.
import type { StoreAttribute, StoreFilter } from "../../datastore/datastore.js";
import type { FilterNode } from "../../protocol/filter/filter-node.js";
import { compileValueFilter } from "../../protocol/filter/match-filter.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import type { AttributeDefinition } from "../../protocol/schema/schema-definition.js";
import { directStoreAttribute } from "../direct/direct-store-attribute.js";
import { type AttributeLayout, type ReadLayout, topKey } from "./read-layout.js";
import type { ReadSlot } from "./resource-mapping.js";

type Node = FilterNode<ResolvedAttribute>;

const engineOwned = new Set(["id", "meta", "members", "groups", "password", "schemas"]);

function isEngine(attribute: ResolvedAttribute): boolean {
  return !attribute.extension && engineOwned.has(attribute.attribute.name);
}

function storeAttribute(
  name: string,
  subPath: string | undefined,
  leaf: AttributeDefinition,
  multiValued: boolean,
): StoreAttribute {
  return Object.freeze({
    source: "entry",
    name,
    subPath,
    type: leaf.type,
    caseExact: leaf.caseExact,
    multiValued,
  });
}

/** The store attribute of a direct slot, or undefined. */
function directStore(slot: ReadSlot | undefined): string | undefined {
  return slot?.direct === true && slot.source.kind === "store" ? slot.source.attribute : undefined;
}

type Contributor = { readonly kind: "whole" | "slot"; readonly slot: ReadSlot } | { readonly kind: "other" };

/** Everything in the layout that puts values at `attribute`'s path in a view. */
function contributors(layout: AttributeLayout, attribute: ResolvedAttribute): Contributor[] {
  const out: Contributor[] = [];
  if (layout.whole !== undefined) out.push({ kind: "whole", slot: layout.whole });
  const sub = attribute.subAttribute?.name.toLowerCase();
  if (sub === undefined) {
    if (layout.subs.size > 0 || layout.groups.length > 0) out.push({ kind: "other" });
    return out;
  }
  const own = layout.subs.get(sub);
  if (own !== undefined) out.push({ kind: "slot", slot: own });
  for (const group of layout.groups) {
    const slot = group.subs.get(sub);
    if (slot !== undefined) out.push({ kind: "slot", slot });
    else if (sub === "type" && group.type !== undefined) out.push({ kind: "other" });
  }
  return out;
}

function isPositive<A>(node: FilterNode<A>): boolean {
  return node.kind === "present" || (node.kind === "compare" && node.op !== "ne" && node.value !== null);
}

export class MappedFilterTranslator {
  readonly #layout: ReadLayout;

  constructor(layout: ReadLayout) {
    this.#layout = layout;
  }

  /** The one store attribute that holds exactly the values of `attribute` in every view, if there is one. */
  leaf(attribute: ResolvedAttribute): StoreAttribute | undefined {
    if (isEngine(attribute)) return directStoreAttribute(attribute);
    const layout = this.#layout.get(topKey(attribute));
    if (layout === undefined) return undefined;
    const found = contributors(layout, attribute);
    const only = found.length === 1 ? found[0] : undefined;
    if (only === undefined || only.kind === "other") return undefined;
    const name = directStore(only.slot);
    if (name === undefined) return undefined;
    const multiValued = attribute.attribute.multiValued;
    if (only.kind === "whole")
      return storeAttribute(name, attribute.subAttribute?.name, attribute.leaf, multiValued);
    return storeAttribute(name, undefined, attribute.leaf, multiValued);
  }

  /**
   * A sort key pushes down when the store orders the same way the view does (RFC 7644 §3.4.2.3: a
   * multi-valued attribute sorts by its primary value, else its first): a whole attribute carries its
   * `primary` flags into the store, element groups do only when no view element can be primary.
   */
  sortAttribute(attribute: ResolvedAttribute): StoreAttribute | undefined {
    const store = this.leaf(attribute);
    if (
      store === undefined ||
      isEngine(attribute) ||
      !attribute.attribute.multiValued ||
      store.subPath !== undefined
    ) {
      return store;
    }
    const layout = this.#layout.get(topKey(attribute));
    const primary = layout?.groups.some((g) => g.subs.has("primary")) ?? false;
    return primary || layout?.whole !== undefined ? undefined : store;
  }

  /** The whole filter in store terms, or undefined when any part of it is not equivalent there. */
  translate(node: Node): StoreFilter | undefined {
    switch (node.kind) {
      case "compare":
      case "present":
        return this.#leafNode(node);
      case "and":
      case "or": {
        const left = this.translate(node.left);
        const right = left && this.translate(node.right);
        return left && right ? Object.freeze({ kind: node.kind, left, right }) : undefined;
      }
      case "not": {
        const operand = this.translate(node.operand);
        return operand && Object.freeze({ kind: "not", operand });
      }
      case "valuePath":
        return this.#valuePath(node.attr, node.filter);
    }
  }

  #leafNode(node: Extract<Node, { kind: "compare" | "present" }>): StoreFilter | undefined {
    const attr = this.leaf(node.attr);
    if (attr !== undefined) return Object.freeze({ ...node, attr });
    if (isEngine(node.attr) || node.attr.subAttribute === undefined || !node.attr.attribute.multiValued)
      return undefined;
    // RFC 7644 §3.4.2.2: a multi-valued attribute matches when ANY value does, which is "some element
    // satisfies it"; ne and null forms are negations of positive ones (match-filter.ts).
    const top = node.attr;
    if (isPositive(node)) return this.#elements(top, node);
    if (node.kind !== "compare") return undefined;
    const present: Node = { kind: "present", attr: node.attr };
    const positive: Node = node.value === null ? present : { ...node, op: "eq" };
    const translated = this.#elements(top, positive);
    if (translated === undefined) return undefined;
    return node.op === "ne" && node.value === null
      ? translated
      : Object.freeze({ kind: "not", operand: translated });
  }

  #valuePath(outer: ResolvedAttribute, inner: Node): StoreFilter | undefined {
    const whole = this.leaf(outer);
    if (whole !== undefined) {
      const filter = this.#inside(inner);
      return filter && Object.freeze({ kind: "valuePath", attr: whole, filter });
    }
    if (isEngine(outer)) return undefined;
    if (outer.attribute.multiValued) return this.#elements(outer, inner);
    // One complex value: its sub-attributes may be separate store attributes, since there is one element.
    // Only filters that need some sub-attribute present say that the element exists (no not/ne/null).
    const monotone = (n: Node): boolean =>
      n.kind === "and" || n.kind === "or" ? monotone(n.left) && monotone(n.right) : isPositive(n);
    return monotone(inner) ? this.translate(inner) : undefined;
  }

  /** Inner attributes of a value filter over a whole-attribute slot: each is that attribute's own leaf. */
  #inside(node: Node): StoreFilter | undefined {
    switch (node.kind) {
      case "compare":
      case "present": {
        const attr = this.leaf(node.attr);
        return attr && Object.freeze({ ...node, attr });
      }
      case "and":
      case "or": {
        const left = this.#inside(node.left);
        const right = left && this.#inside(node.right);
        return left && right ? Object.freeze({ kind: node.kind, left, right }) : undefined;
      }
      case "not": {
        const operand = this.#inside(node.operand);
        return operand && Object.freeze({ kind: "not", operand });
      }
      case "valuePath":
        return undefined;
    }
  }

  /** `outer[inner]` over every element group of a multi-valued attribute, or undefined. */
  #elements(outer: ResolvedAttribute, inner: Node): StoreFilter | undefined {
    const layout = this.#layout.get(topKey(outer));
    if (layout === undefined) return undefined;
    const parts: StoreFilter[] = [];
    if (layout.whole !== undefined) {
      const name = directStore(layout.whole);
      if (name === undefined) return undefined;
      const attr = storeAttribute(name, undefined, outer.attribute, true);
      const filter = this.#withSubs(inner, name);
      if (filter === undefined) return undefined;
      parts.push(Object.freeze({ kind: "valuePath", attr, filter }));
    }
    for (const group of layout.groups) {
      const [slot, ...others] = group.subs.values();
      const name = directStore(slot);
      // Elements zipped from several store attributes cannot be searched one attribute at a time, and null
      // placeholders (non-compact writes) would be elements in the store but not in the view.
      if (slot === undefined || others.length > 0 || name === undefined || slot.written?.compact !== true)
        return undefined;
      const sub = slot.path.leaf.subAttribute?.name.toLowerCase() ?? "";
      const attr = storeAttribute(name, undefined, slot.path.leaf.leaf, true);
      const folded = fold(inner, sub, group.type, attr);
      if (folded === false) continue;
      if (folded === true || folded === undefined) return undefined;
      parts.push(isPositive(folded) ? folded : Object.freeze({ kind: "valuePath", attr, filter: folded }));
    }
    // Nothing can match: left to the matcher, which says so cheaply, rather than invent a "false" node.
    if (parts.length === 0) return undefined;
    return parts.reduce((left, right) => Object.freeze({ kind: "or", left, right }));
  }

  #withSubs(node: Node, name: string): StoreFilter | undefined {
    return mapLeaves(node, (n) => {
      const sub = n.attr.subAttribute;
      return sub === undefined ? undefined : storeAttribute(name, sub.name, n.attr.leaf, true);
    });
  }
}

type Leaf = Extract<Node, { kind: "compare" | "present" }>;

function mapLeaves(node: Node, map: (leaf: Leaf) => StoreAttribute | undefined): StoreFilter | undefined {
  switch (node.kind) {
    case "compare":
    case "present": {
      const attr = map(node);
      return attr && Object.freeze({ ...node, attr });
    }
    case "and":
    case "or": {
      const left = mapLeaves(node.left, map);
      const right = left && mapLeaves(node.right, map);
      return left && right ? Object.freeze({ kind: node.kind, left, right }) : undefined;
    }
    case "not": {
      const operand = mapLeaves(node.operand, map);
      return operand && Object.freeze({ kind: "not", operand });
    }
    case "valuePath":
      return undefined;
  }
}

/**
 * The inner filter for the elements of one group, whose elements hold only `sub` (from `attr`) and, for a
 * typed group, `type`: leaves on other sub-attributes are decided by the matcher on such an element.
 */
function fold(
  node: Node,
  sub: string,
  type: string | undefined,
  attr: StoreAttribute,
): StoreFilter | boolean | undefined {
  switch (node.kind) {
    case "compare":
    case "present": {
      const name = node.attr.subAttribute?.name.toLowerCase();
      if (name === sub) return Object.freeze({ ...node, attr });
      const element: JsonObject = name === "type" && type !== undefined ? { type } : {};
      return compileValueFilter(node)(element);
    }
    case "and":
    case "or": {
      const left = fold(node.left, sub, type, attr);
      const right = fold(node.right, sub, type, attr);
      if (left === undefined || right === undefined) return undefined;
      // false absorbs an `and`, true absorbs an `or`.
      const absorbing = node.kind === "or";
      if (left === absorbing || right === absorbing) return absorbing;
      if (typeof left === "boolean") return right;
      if (typeof right === "boolean") return left;
      return Object.freeze({ kind: node.kind, left, right });
    }
    case "not": {
      const operand = fold(node.operand, sub, type, attr);
      if (operand === undefined) return undefined;
      return typeof operand === "boolean" ? !operand : Object.freeze({ kind: "not", operand });
    }
    case "valuePath":
      return undefined;
  }
}
