// TEST-ONLY fast-check arbitraries for parsed filters and PATCH paths (FilterNode<AttrPath>, PatchPath).
// They produce every shape the grammar allows, including the awkward ones a parser gets wrong: keywords as
// attribute names (`not`, `and`, `pr`, `eq`, `true`), URN prefixes full of dots and colons, `$ref`,
// strings with escapes, control characters and lone surrogates, and numbers such as -0 and 1e+21.
import fc from "fast-check";
import {
  andNode,
  compareNode,
  notNode,
  orNode,
  presentNode,
  valuePathNode,
} from "../filter/filter-builders.js";
import { compareOperators, type FilterNode, type FilterValue } from "../filter/filter-node.js";
import type { AttrPath, PatchPath } from "../path/attr-path.js";
import { makeAttrPath } from "../path/attr-path-syntax.js";

export const attrNameArb: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,7}$/),
  fc.constantFrom("not", "NOT", "and", "or", "pr", "eq", "true", "null", "$ref", "userName", "emails"),
);

export const schemaUriArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "urn:ietf:params:scim:schemas:core:2.0:User",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
    "urn:x",
  ),
  fc.stringMatching(/^[a-z][a-z0-9+.-]{0,5}:[a-z0-9][a-z0-9._:-]{0,10}[a-z0-9]$/),
);

export const attrPathArb: fc.Arbitrary<AttrPath> = fc
  .tuple(fc.option(schemaUriArb, { nil: undefined }), attrNameArb, fc.option(attrNameArb, { nil: undefined }))
  .map(([schema, name, sub]) => makeAttrPath(schema, name, sub));

const simpleAttrPathArb = attrNameArb.map((name) => makeAttrPath(undefined, name, undefined));

export const filterValueArb: fc.Arbitrary<FilterValue> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

function filterArbOver(
  attrArb: fc.Arbitrary<AttrPath>,
  allowValuePath: boolean,
  depth: number,
): fc.Arbitrary<FilterNode<AttrPath>> {
  const { node } = fc.letrec<{ node: FilterNode<AttrPath> }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true, maxDepth: depth },
      fc
        .tuple(attrArb, fc.constantFrom(...compareOperators), filterValueArb)
        .map(([a, op, v]) => compareNode(a, op, v)),
      attrArb.map((a) => presentNode(a)),
      fc.tuple(tie("node"), tie("node")).map(([l, r]) => andNode(l, r)),
      fc.tuple(tie("node"), tie("node")).map(([l, r]) => orNode(l, r)),
      tie("node").map((n) => notNode(n)),
      ...(allowValuePath
        ? [
            fc
              .tuple(simpleAttrPathArb, filterArbOver(attrArb, false, Math.max(1, depth - 1)))
              .map(([a, inner]) => valuePathNode(a, inner)),
          ]
        : []),
    ),
  }));
  return node;
}

/** Any parsed filter, within the nesting limit. */
export const filterArb: fc.Arbitrary<FilterNode<AttrPath>> = filterArbOver(attrPathArb, true, 4);

export const patchPathArb: fc.Arbitrary<PatchPath> = fc.oneof(
  attrPathArb.map((attr) =>
    Object.freeze({ kind: "patchPath" as const, attr, valueFilter: undefined, subAttr: undefined }),
  ),
  fc
    .tuple(
      fc.tuple(fc.option(schemaUriArb, { nil: undefined }), attrNameArb),
      filterArbOver(attrPathArb, false, 3),
      fc.option(attrNameArb, { nil: undefined }),
    )
    .map(([[schema, name], valueFilter, subAttr]) =>
      Object.freeze({
        kind: "patchPath" as const,
        attr: makeAttrPath(schema, name, undefined),
        valueFilter,
        subAttr,
      }),
    ),
);
