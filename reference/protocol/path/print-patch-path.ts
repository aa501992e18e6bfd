// The canonical text of a PATCH path (RFC 7644 §3.5.2): attrPath, or attrPath "[" valFilter "]" ["." subAttr].
// parsePatchPath(printPatchPath(p)) deep-equals p.
import { printFilter } from "../filter/print-filter.js";
import type { PatchPath } from "./attr-path.js";
import { printAttrPath } from "./print-attr-path.js";

export function printPatchPath(path: PatchPath): string {
  const filter = path.valueFilter === undefined ? "" : `[${printFilter(path.valueFilter)}]`;
  const sub = path.subAttr === undefined ? "" : `.${path.subAttr}`;
  return `${printAttrPath(path.attr)}${filter}${sub}`;
}
