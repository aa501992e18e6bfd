// Filters at the server root span resource types (RFC 7644 §3.4.2.1): "For filtered attributes that are
// not part of a particular resource type, the service provider SHALL treat the attribute as if there is
// no attribute value. For example, a presence or equality filter for an undefined attribute evaluates to
// false." So before a root filter is resolved for one type, every test of an attribute that type lacks
// is replaced by its truth value on a missing attribute — the matcher's own semantics (match-filter.ts):
// `pr`, `eq v` and the ordering operators are false, `ne v` is true, `eq null` true and `ne null` false —
// and the logic is folded. An attribute that no type knows stays, so resolution still answers 400
// invalidFilter for a misspelt name.
import type { FilterNode } from "../../protocol/filter/filter-node.js";
import type { AttrPath } from "../../protocol/path/attr-path.js";

/** A filter for one type: a tree still to resolve, or a constant. */
export type Specialized = FilterNode<AttrPath> | boolean;

function absentTruth(node: FilterNode<AttrPath>): boolean {
  if (node.kind === "compare") return node.value === null ? node.op === "eq" : node.op === "ne";
  return false;
}

export function specializeFilter(
  node: FilterNode<AttrPath>,
  knownHere: (path: AttrPath) => boolean,
  knownAnywhere: (path: AttrPath) => boolean,
): Specialized {
  const again = (n: FilterNode<AttrPath>) => specializeFilter(n, knownHere, knownAnywhere);
  switch (node.kind) {
    case "compare":
    case "present":
    case "valuePath":
      return knownHere(node.attr) || !knownAnywhere(node.attr) ? node : absentTruth(node);
    case "not": {
      const operand = again(node.operand);
      return typeof operand === "boolean" ? !operand : { kind: "not", operand };
    }
    case "and": {
      const left = again(node.left);
      const right = again(node.right);
      if (left === false || right === false) return false;
      if (left === true) return right;
      if (right === true) return left;
      return { kind: "and", left, right };
    }
    case "or": {
      const left = again(node.left);
      const right = again(node.right);
      if (left === true || right === true) return true;
      if (left === false) return right;
      if (right === false) return left;
      return { kind: "or", left, right };
    }
  }
}
