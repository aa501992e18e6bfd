// The harness's own PATCH request model (RFC 7644 §3.5.2): operations and paths as frozen data, printed
// to the PatchOp body a target receives. PATH = attrPath / valuePath [subAttr] (RFC 7644 §3.5.2 ABNF).
import type { AttrPathText, FilterNode } from "../filter/filter-ast.js";
import { printFilter, printPath } from "../filter/print-filter.js";

export type PatchOpName = "add" | "remove" | "replace";

export interface PatchPath {
  /** `[URI ":"] ATTRNAME [.subAttr]`; with a filter, `sub` is absent (it goes in `subAfterFilter`). */
  readonly attr: AttrPathText;
  /** The value selection filter of `attr[filter]`, whose paths are the attribute's sub-attributes. */
  readonly filter?: FilterNode;
  /** `emails[type eq "work"].value`: the sub-attribute after the brackets. */
  readonly subAfterFilter?: string;
}

export interface PatchOperation {
  readonly op: PatchOpName;
  readonly path?: PatchPath;
  readonly value?: unknown;
}

export const patchOpUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export function printPatchPath(path: PatchPath): string {
  const base = printPath(path.attr);
  if (path.filter === undefined) return base;
  return `${base}[${printFilter(path.filter)}]${path.subAfterFilter ? `.${path.subAfterFilter}` : ""}`;
}

/** The RFC 7644 §3.5.2 request body: `{"schemas": [PatchOp URN], "Operations": [...]}`. */
export function patchBody(operations: readonly PatchOperation[]): Record<string, unknown> {
  return {
    schemas: [patchOpUrn],
    Operations: operations.map((o) => ({
      op: o.op,
      ...(o.path ? { path: printPatchPath(o.path) } : {}),
      ...(o.value !== undefined ? { value: o.value } : {}),
    })),
  };
}
