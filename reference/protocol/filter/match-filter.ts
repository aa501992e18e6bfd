// The in-memory filter matcher (RFC 7644 §3.4.2.2) over resolved filters and SCIM JSON resources. It is the
// reference the SQL compiler is tested against, so every rule below is the server's filter semantics:
// - multi-valued attributes match when ANY value matches (§3.4.2.2: "the filter matches if any of the
//   values of the specified attribute match the specified criterion");
// - a valuePath matches when ONE element satisfies the whole inner filter (§3.4.2.2 Table 5: "[ ]" are
//   "Complex attribute filter grouping"), so `emails[type eq "work" and value co "@x"]` needs both on the
//   same email;
// - `pr`: a value that is not null, "" or [] (RFC 7643 §2.5 treats unassigned, null and [] alike), and
//   for complex values an object with at least one such sub-value (§3.4.2.2 Table 3);
// - `eq null` is "absent" and `ne null` is "present" (RFC 7643 §2.5);
// - `ne` is exactly `not eq`: it matches when NO value equals the literal, so it matches a resource without
//   the attribute (`title ne "x"` matches a user with no title). Table 3 defines ne as "The attribute and
//   operator values are not identical"; an absent value is not identical to "x". Our decision: it keeps
//   `a ne v` ≡ `not (a eq v)` for every resource, which lets a datastore compile ne as NOT(eq) and keeps
//   two-valued logic (no SQL-style unknown). For a multi-valued attribute this reads "no value equals",
//   not "some value differs": `emails.type ne "work"` excludes every user with a work email;
// - gt/ge/lt/le/co/sw/ew on an absent value are false; comparisons use compare-values.ts (caseExact,
//   dateTime instants, numbers).
import type { JsonObject, JsonValue } from "../resource/json.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";
import { applyOperator, type ComparisonKey, comparisonKey } from "./compare-values.js";
import type { CompareNode, FilterNode } from "./filter-node.js";
import {
  complexElements,
  elementValuesReader,
  isPresentValue,
  topValueReader,
  valuesReader,
} from "./resource-values.js";

export type FilterPredicate = (resource: JsonObject) => boolean;

type Scope = "resource" | "element";

function readerFor(attr: ResolvedAttribute, scope: Scope): (target: JsonObject) => JsonValue[] {
  return scope === "resource" ? valuesReader(attr) : elementValuesReader(attr);
}

function compileCompare(node: CompareNode<ResolvedAttribute>, scope: Scope): FilterPredicate {
  const read = readerFor(node.attr, scope);
  if (node.value === null) {
    const present = (target: JsonObject) => read(target).some(isPresentValue);
    return node.op === "ne" ? present : (target) => !present(target);
  }
  const leaf = node.attr.leaf;
  const expected = comparisonKey(node.value, leaf);
  if (expected === undefined) {
    // Resolution rejects such literals; a hand-built tree still gets the semantics: nothing equals it.
    return () => node.op === "ne";
  }
  const anyMatches = (op: CompareNode<unknown>["op"], target: JsonObject) =>
    read(target).some((value) => {
      const actual: ComparisonKey | undefined = comparisonKey(value, leaf);
      return actual !== undefined && applyOperator(op, actual, expected);
    });
  if (node.op === "ne") return (target) => !anyMatches("eq", target);
  const op = node.op;
  return (target) => anyMatches(op, target);
}

function compileNode(node: FilterNode<ResolvedAttribute>, scope: Scope): FilterPredicate {
  switch (node.kind) {
    case "compare":
      return compileCompare(node, scope);
    case "present": {
      const read = readerFor(node.attr, scope);
      return (target) => read(target).some(isPresentValue);
    }
    case "and": {
      const left = compileNode(node.left, scope);
      const right = compileNode(node.right, scope);
      return (target) => left(target) && right(target);
    }
    case "or": {
      const left = compileNode(node.left, scope);
      const right = compileNode(node.right, scope);
      return (target) => left(target) || right(target);
    }
    case "not": {
      const operand = compileNode(node.operand, scope);
      return (target) => !operand(target);
    }
    case "valuePath": {
      const top = topValueReader(node.attr);
      const inner = compileNode(node.filter, "element");
      return (resource) => complexElements(top(resource)).some(inner);
    }
  }
}

/** Compiles a resolved filter into a predicate over resources; compile once, run per resource. */
export function compileFilter(filter: FilterNode<ResolvedAttribute>): FilterPredicate {
  return compileNode(filter, "resource");
}

/**
 * Compiles the inner filter of a value filter (resolved with resolveValueFilter) into a predicate over ONE
 * element of the outer attribute, e.g. for the PATCH path `emails[type eq "work"]`: the same semantics as
 * a filter's valuePath, element by element.
 */
export function compileValueFilter(filter: FilterNode<ResolvedAttribute>): (element: JsonObject) => boolean {
  return compileNode(filter, "element");
}

const compiled = new WeakMap<FilterNode<ResolvedAttribute>, FilterPredicate>();

/** Whether `resource` matches `filter`; the compiled predicate is cached per filter tree. */
export function matchFilter(filter: FilterNode<ResolvedAttribute>, resource: JsonObject): boolean {
  let predicate = compiled.get(filter);
  if (predicate === undefined) {
    predicate = compileFilter(filter);
    compiled.set(filter, predicate);
  }
  return predicate(resource);
}
