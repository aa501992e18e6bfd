// Attribute paths as a client writes them (RFC 7644 §3.10, and the ABNF of §3.4.2.2 and §3.5.2).
// These nodes are unresolved: names keep the client's spelling, and the schema URN prefix is kept only
// when the client wrote one. Resolution against the schema registry happens separately, so the same
// parser serves filters, PATCH paths, `attributes`/`excludedAttributes` and `sortBy`.
import type { FilterNode } from "../filter/filter-node.js";

/** attrPath = [URI ":"] ATTRNAME *1subAttr */
export interface AttrPath {
  readonly kind: "attrPath";
  /** The schema URN prefix, e.g. "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User". */
  readonly schema: string | undefined;
  readonly name: string;
  readonly subAttr: string | undefined;
}

/**
 * PATH = attrPath / valuePath [subAttr] (RFC 7644 §3.5.2). With a value filter (`emails[type eq
 * "work"].value`) the filter's own paths are relative to one element of `attr`, `attr.subAttr` is
 * undefined, and `subAttr` is what follows the closing bracket.
 */
export interface PatchPath {
  readonly kind: "patchPath";
  readonly attr: AttrPath;
  readonly valueFilter: FilterNode<AttrPath> | undefined;
  readonly subAttr: string | undefined;
}
