// The harness's own filter oracle: AST, printer, generator and three-valued evaluator (RFC 7644 §3.4.2.2).

export type { ExpectedSet } from "./evaluate-filter.js";
export { and3, expectedSet, InvalidFilter, matches, matchesValue, not3, or3 } from "./evaluate-filter.js";
export type { FilterArbitraryOptions } from "./filter-arbitrary.js";
export { filterArbitrary, operatorsFor, scoped } from "./filter-arbitrary.js";
export type { AttrPathText, CompareOp, CompValue, FilterNode } from "./filter-ast.js";
export { compareOps, filter, pathString } from "./filter-ast.js";
export type { FilterLeaf, ValuePathSite } from "./filter-leaves.js";
export { filterable, filterLeaves, valuePathSites } from "./filter-leaves.js";
export type { PrintOptions } from "./print-filter.js";
export { printFilter, printPath, printValue } from "./print-filter.js";
