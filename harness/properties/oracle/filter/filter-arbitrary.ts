// Generated filters over the harness's own resources (RFC 7644 §3.4.2.2): every comparison operator
// the attribute's type admits, pr, and/or/not with grouping, value paths (`emails[type eq "work" and
// value co "@"]`), sub-attributes, URN-qualified paths, attribute names in varying case, and operands
// taken from the resources' own values (whole, case-changed, prefix, suffix, infix) so that filters
// select something and escapes (quotes, backslashes, Unicode) reach the target.
import fc from "fast-check";
import {
  dateTimeArbitrary,
  decimalArbitrary,
  integerArbitrary,
  uriArbitrary,
} from "../../arbitraries/scalar-arbitraries.js";
import { textArbitrary } from "../../arbitraries/text-arbitrary.js";
import type { JsonObject } from "../../json/json.js";
import type { ResourceTypeModel } from "../../schema-model/resource-type-model.js";
import type { AttributeDef, ResolvedPath } from "../../schema-model/schema-model.js";
import type { AttrPathText, CompareOp, CompValue, FilterNode } from "./filter-ast.js";
import { filter } from "./filter-ast.js";
import type { FilterLeaf } from "./filter-leaves.js";
import { filterLeaves, valuePathSites } from "./filter-leaves.js";

export interface FilterArbitraryOptions {
  /** Nesting of and/or/not. Default 3. */
  readonly maxDepth?: number;
}

/** RFC 7644 §3.4.2.2 Table 3: which operators each type admits (no ordering on boolean, RFC 7644 §3.4.2.2). */
export function operatorsFor(attr: AttributeDef): readonly (CompareOp | "pr")[] {
  switch (attr.type) {
    case "string":
    case "reference":
      return ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr"];
    case "boolean":
      return ["eq", "ne", "pr"];
    case "integer":
    case "decimal":
    case "dateTime":
      return ["eq", "ne", "gt", "ge", "lt", "le", "pr"];
    case "binary":
    case "complex":
      return ["pr"];
  }
}

/** Names are case-insensitive (RFC 7643 §2.1, RFC 7644 §3.4.2.2): the spelling varies. */
const spelling = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => s,
  (s) => s.toLowerCase(),
  (s) => s.toUpperCase(),
);

function pathText(resolved: ResolvedPath): fc.Arbitrary<AttrPathText> {
  return fc.tuple(spelling, fc.boolean()).map(([spell, qualify]) => {
    // Extension attributes must carry their URN (RFC 7644 §3.10); base ones may.
    const uri = resolved.extension || qualify ? resolved.schema.id : undefined;
    return {
      ...(uri ? { uri } : {}),
      name: spell(resolved.attribute.name),
      ...(resolved.sub ? { sub: spell(resolved.sub.name) } : {}),
    };
  });
}

function codePoints(s: string): string[] {
  return Array.from(s);
}

const swapCase = (s: string): string =>
  codePoints(s)
    .map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))
    .join("");

/** An operand for `op` on `attr`: mostly derived from values the resources hold, sometimes fresh. */
function operand(attr: AttributeDef, op: CompareOp, observed: readonly unknown[]): fc.Arbitrary<CompValue> {
  const fresh = freshValue(attr);
  const seen = observed.filter(
    (v): v is CompValue => typeof v === "string" || typeof v === "number" || typeof v === "boolean",
  );
  if (seen.length === 0) return fresh;
  const base = fc.constantFrom(...seen);
  // Only text is cut or case-changed: a dateTime operand in another case ("…t…z") or cut short is no
  // longer an xsd:dateTime, and servers read such operands in different ways.
  if (typeof seen[0] === "string" && (attr.type === "string" || attr.type === "reference")) {
    const derived = fc
      .tuple(base, fc.nat(), fc.nat(), fc.boolean(), fc.nat({ max: 4 }))
      .map(([v, a, b, flip, cut]) => {
        if (typeof v !== "string") return v;
        const cps = codePoints(v);
        const n = cps.length;
        const from = op === "sw" ? 0 : a % n;
        const to = op === "ew" ? n : Math.max(from + 1, n - (b % Math.max(1, n - from)));
        const substring = op === "co" || op === "sw" || op === "ew";
        // Now and then eq/ne/gt… get a proper prefix of a value: equal to nothing, contained in one value,
        // which tells an "eq" evaluated as "co" or "sw" apart.
        const prefix =
          !substring && cut === 0 && n > 1 ? cps.slice(0, n - 1 - (b % (n - 1))).join("") : undefined;
        const part = substring ? cps.slice(from, to).join("") : (prefix ?? v);
        return flip ? swapCase(part) : part;
      });
    return fc.oneof({ weight: 4, arbitrary: derived }, { weight: 1, arbitrary: fresh });
  }
  if (typeof seen[0] === "number") {
    const near = fc
      .tuple(base, fc.constantFrom(-1, 0, 1))
      .map(([v, d]) => (typeof v === "number" ? v + d : v));
    return fc.oneof({ weight: 4, arbitrary: near }, { weight: 1, arbitrary: fresh });
  }
  return fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fresh });
}

function freshValue(attr: AttributeDef): fc.Arbitrary<CompValue> {
  switch (attr.type) {
    case "boolean":
      return fc.boolean();
    case "integer":
      return integerArbitrary;
    case "decimal":
      return decimalArbitrary;
    case "dateTime":
      return dateTimeArbitrary;
    case "reference":
      return uriArbitrary(attr.referenceTypes);
    default:
      return attr.canonicalValues.length > 0
        ? fc.constantFrom(...attr.canonicalValues)
        : textArbitrary({ maxLength: 6 });
  }
}

function comparison(
  attr: AttributeDef,
  observed: readonly unknown[],
  path: fc.Arbitrary<AttrPathText>,
): fc.Arbitrary<FilterNode> {
  return fc
    .constantFrom(...operatorsFor(attr))
    .chain((op) =>
      op === "pr"
        ? path.map((p) => filter.present(p))
        : fc.tuple(path, operand(attr, op, observed)).map(([p, v]) => filter.compare(p, op, v)),
    );
}

function leafArbitrary(leaf: FilterLeaf): fc.Arbitrary<FilterNode> {
  return comparison(leaf.attr, leaf.observed, pathText(leaf.resolved));
}

/**
 * A filter over `resources` of `type`. It does not include the scope condition: conjoin it with
 * `scoped()` so the expected set is computable exactly.
 */
export function filterArbitrary(
  type: ResourceTypeModel,
  resources: readonly JsonObject[],
  options: FilterArbitraryOptions = {},
): fc.Arbitrary<FilterNode> {
  const leaves = filterLeaves(type, resources);
  if (leaves.length === 0) throw new Error(`${type.name} has no attribute a filter can name`);
  const sites = valuePathSites(type, resources);
  const simple = fc.oneof(...leaves.map(leafArbitrary));
  const valuePaths = sites.map((site) => {
    const inner = fc.oneof(
      ...site.subs.map((s) =>
        comparison(
          s.attr,
          s.observed,
          spelling.map((spell) => ({ name: spell(s.attr.name) })),
        ),
      ),
    );
    const combined = fc.oneof(
      { weight: 3, arbitrary: inner },
      { weight: 2, arbitrary: fc.tuple(inner, inner).map(([a, b]) => filter.and(a, b)) },
      { weight: 1, arbitrary: fc.tuple(inner, inner).map(([a, b]) => filter.or(a, b)) },
      { weight: 1, arbitrary: inner.map((a) => filter.not(a)) },
    );
    return fc.tuple(pathText(site.resolved), combined).map(([p, f]) => filter.valuePath(p, f));
  });
  const leaf =
    valuePaths.length > 0
      ? fc.oneof({ weight: 4, arbitrary: simple }, { weight: 1, arbitrary: fc.oneof(...valuePaths) })
      : simple;
  const { node } = fc.letrec<{ node: FilterNode }>((tie) => ({
    node: fc.oneof(
      { maxDepth: options.maxDepth ?? 3, depthIdentifier: "filter" },
      leaf,
      fc.tuple(tie("node"), tie("node")).map(([a, b]) => filter.and(a, b)),
      fc.tuple(tie("node"), tie("node")).map(([a, b]) => filter.or(a, b)),
      tie("node").map((a) => filter.not(a)),
    ),
  }));
  return node;
}

/**
 * `<path> sw "<prefix>" and (<generated>)`: only the harness's own resources, so the expected set is
 * exact (the target may hold any other data).
 */
export function scoped(scopePath: AttrPathText, prefix: string, node: FilterNode): FilterNode {
  return filter.and(filter.compare(scopePath, "sw", prefix), node);
}
