// The canonical text of an attrPath (RFC 7644 §3.10): `[URI ":"] name ["." subAttr]`, spelled as parsed.
// parseAttrPath(printAttrPath(p)) deep-equals p.
import type { AttrPath } from "./attr-path.js";

export function printAttrPath(path: AttrPath): string {
  const local = path.subAttr === undefined ? path.name : `${path.name}.${path.subAttr}`;
  return path.schema === undefined ? local : `${path.schema}:${local}`;
}
