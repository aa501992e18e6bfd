// One resource type's share of a list request: the resolved filter split into what the datastore runs
// and what is checked over read-mapped results (mapping.ts `FilterTranslation`), the sort key and whether
// the datastore can order by it, and the projection with what it lets us skip loading.
import type { ResourceBinding } from "../../connections/connection.js";
import type { Scope, StoreAttribute, StoreFilter } from "../../datastore/datastore.js";
import type { FilterNode } from "../../protocol/filter/filter-node.js";
import { visitFilter } from "../../protocol/filter/filter-node.js";
import { compileFilter, type FilterPredicate } from "../../protocol/filter/match-filter.js";
import { resolveFilter } from "../../protocol/filter/resolve-filter.js";
import {
  compareForSort,
  type ResourceComparator,
  resolveSortBy,
} from "../../protocol/listing/sort-compare.js";
import type { AttrPath } from "../../protocol/path/attr-path.js";
import type { ResolvedAttribute } from "../../protocol/schema/resolved-attribute.js";
import type { OperationContext } from "../operation-context.js";
import { scopeOf } from "../resources/resource-binding.js";
import { type RequestProjection, requestProjection } from "../resources/resource-projection.js";
import type { SearchParams } from "./search-params.js";

export interface TypeQuery {
  readonly binding: ResourceBinding;
  readonly scope: Scope;
  readonly wanted: RequestProjection;
  readonly pushed: StoreFilter | undefined;
  /** The part of the filter the datastore cannot run, as a predicate over full resources. */
  readonly residual: FilterPredicate | undefined;
  readonly sort: { readonly attribute: StoreAttribute; readonly descending: boolean } | undefined;
  /** Set when results must be ordered in memory (the sort key has no datastore attribute). */
  readonly compare: ResourceComparator | undefined;
  /** The resolved sortBy, for ordering across resource types (root searches). */
  readonly sortAttr: ResolvedAttribute | undefined;
  /** Residual filter or in-memory sort: the type is listed by a bounded scan instead of datastore paging. */
  readonly inMemory: boolean;
  /** What the residual filter and the in-memory sort read, beyond what the projection returns. */
  readonly evaluationNeeds: { readonly members: boolean; readonly groups: boolean };
}

function mentions(node: FilterNode<ResolvedAttribute> | undefined, name: string): boolean {
  if (node === undefined) return false;
  const named = (a: ResolvedAttribute) => !a.extension && a.attribute.name === name;
  return visitFilter<ResolvedAttribute, boolean>(node, {
    compare: (n) => named(n.attr),
    present: (n) => named(n.attr),
    and: (n) => mentions(n.left, name) || mentions(n.right, name),
    or: (n) => mentions(n.left, name) || mentions(n.right, name),
    not: (n) => mentions(n.operand, name),
    valuePath: (n) => named(n.attr),
  });
}

/** Engine member lists hold many values per entry, so no datastore orders by them (memory-query.ts). */
function sortable(attribute: StoreAttribute | undefined): attribute is StoreAttribute {
  return (
    attribute !== undefined &&
    !(attribute.source === "engine" && ["members", "groups"].includes(attribute.name))
  );
}

export function prepareTypeQuery(
  ctx: OperationContext,
  binding: ResourceBinding,
  params: SearchParams,
  filter: FilterNode<AttrPath> | undefined,
  sortBy: AttrPath | undefined,
): TypeQuery {
  const registry = ctx.connection.registry;
  const rt = binding.definition;
  const wanted = requestProjection(ctx, binding, params);
  const resolved = filter === undefined ? undefined : resolveFilter(registry, rt, filter);
  const translation =
    resolved === undefined
      ? { pushed: undefined, residual: undefined }
      : binding.mapping.translateFilter(resolved);
  const sortAttr = sortBy === undefined ? undefined : resolveSortBy(registry, rt, sortBy);
  const descending = params.sortOrder === "descending";
  const storeSort = sortAttr === undefined ? undefined : binding.mapping.translateAttribute(sortAttr);
  const sortInMemory =
    sortAttr !== undefined && (!sortable(storeSort) || !ctx.store.capabilities.sortPushdown);
  const residualNode = translation.residual;
  const named = (name: string) =>
    mentions(residualNode, name) || (sortInMemory && sortAttr?.attribute.name === name);
  return {
    binding,
    scope: scopeOf(ctx, binding),
    wanted,
    pushed: translation.pushed,
    residual: residualNode === undefined ? undefined : compileFilter(residualNode),
    sort:
      sortAttr !== undefined && !sortInMemory && sortable(storeSort)
        ? { attribute: storeSort, descending }
        : undefined,
    compare: sortInMemory && sortAttr !== undefined ? compareForSort(sortAttr, descending) : undefined,
    sortAttr,
    inMemory: residualNode !== undefined || sortInMemory,
    evaluationNeeds: { members: named("members"), groups: named("groups") },
  };
}
