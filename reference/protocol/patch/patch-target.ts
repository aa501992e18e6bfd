// What a PATCH path points at (RFC 7644 §3.5.2, Figure 7: PATH = attrPath / valuePath [subAttr]), once
// resolved against the resource type's schemas: a whole extension, or an attribute with an optional value
// filter and an optional sub-attribute. Every way a path can fail is a 400 `invalidPath` (§3.12) that
// names the operation.

import { ScimError } from "../errors/scim-error.js";
import type { FilterNode } from "../filter/filter-node.js";
import type { AttrPath } from "../path/attr-path.js";
import { parsePatchPath } from "../path/parse-patch-path.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";
import type { AttributeDefinition } from "../schema/schema-definition.js";
import type { PatchContext } from "./patch-context.js";
import { operationError, type PatchOperation } from "./patch-request.js";
import { resolveValueFilter } from "./value-filter.js";

/** A whole schema extension, e.g. `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`. */
export interface ExtensionTarget {
  readonly kind: "extension";
  readonly schema: string;
}

/**
 * An attribute of the resource. `attr` is always the top-level attribute (`subAttribute` undefined);
 * `sub` is the sub-attribute the path ends in (`name.givenName`, `emails[type eq "work"].value`).
 */
export interface AttributeTarget {
  readonly kind: "attribute";
  readonly attr: ResolvedAttribute;
  readonly filter: FilterNode<ResolvedAttribute> | undefined;
  readonly sub: AttributeDefinition | undefined;
}

export type PatchTarget = ExtensionTarget | AttributeTarget;

/** A top-level attribute target with neither filter nor sub-attribute (no-path values resolve to these). */
export function wholeAttribute(attr: ResolvedAttribute): AttributeTarget {
  return { kind: "attribute", attr, filter: undefined, sub: undefined };
}

function topLevel(ctx: PatchContext, path: AttrPath): ResolvedAttribute | undefined {
  const resolved = ctx.registry.resolve(ctx.resourceType, { ...path, subAttr: undefined });
  return resolved?.kind === "attribute" ? resolved : undefined;
}

export function resolvePatchTarget(
  ctx: PatchContext,
  op: PatchOperation & { readonly path: string },
): PatchTarget {
  const fail = (message: string) => operationError(op, "invalidPath", message);
  let parsed: ReturnType<typeof parsePatchPath>;
  try {
    parsed = parsePatchPath(op.path);
  } catch (error) {
    if (error instanceof ScimError) throw operationError(op, error.scimType ?? "invalidPath", error.detail);
    throw error;
  }
  const { registry, resourceType: rt } = ctx;
  const resolved = registry.resolve(rt, parsed.attr);
  if (resolved === undefined) {
    throw fail(
      `no attribute "${op.path}" in the schemas of resource type ${rt.name} (RFC 7644 §3.5.2, §3.10)`,
    );
  }
  if (resolved.kind === "schema") {
    if (!resolved.extension || parsed.valueFilter !== undefined || parsed.subAttr !== undefined) {
      throw fail("a schema URN is a path only when it names a whole schema extension (RFC 7644 §3.5.2)");
    }
    return { kind: "extension", schema: resolved.schema };
  }
  const attr = topLevel(ctx, parsed.attr);
  if (attr === undefined) throw fail(`cannot resolve "${op.path}"`);
  if (parsed.valueFilter === undefined) {
    const sub = resolved.subAttribute;
    if (sub !== undefined && attr.attribute.multiValued) {
      // RFC 7644 §3.5.2 selects values of a multi-valued attribute with a filter; `emails.value` alone
      // would silently act on every value, which no client means.
      throw fail(
        `"${op.path}" names a sub-attribute of the multi-valued ${attr.path}; select the values with a filter, e.g. ${attr.attribute.name}[type eq "work"].${sub.name} (RFC 7644 §3.5.2)`,
      );
    }
    return { kind: "attribute", attr, filter: undefined, sub };
  }
  if (!attr.attribute.multiValued || attr.attribute.type !== "complex") {
    throw fail(
      `a value filter selects values of a multi-valued complex attribute; ${attr.path} is not one (RFC 7644 §3.5.2)`,
    );
  }
  const filter = resolveValueFilter(registry, attr, parsed.valueFilter);
  if (typeof filter === "string") throw fail(filter);
  let sub: AttributeDefinition | undefined;
  if (parsed.subAttr !== undefined) {
    sub = registry.resolveSub(attr, parsed.subAttr)?.subAttribute;
    if (sub === undefined) throw fail(`"${parsed.subAttr}" is not a sub-attribute of ${attr.path}`);
  }
  return { kind: "attribute", attr, filter, sub };
}
