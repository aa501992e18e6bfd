// Drops member additions and removals that would change nothing, so that a PATCH re-adding a present
// member (Entra ID does this on every sync cycle) writes nothing and keeps the version and lastModified:
// RFC 7644 §3.5.2.1, "If the target location already contains the value specified, no changes SHOULD be
// made to the resource ... this operation SHALL NOT change the modify timestamp of the resource." Each
// check is one indexed lookup of (group id, member id), so the cost stays O(changed members).
import type { ResourceBinding } from "../../connections/connection.js";
import type { Scope, StoreAttribute, StoreFilter } from "../../datastore/datastore.js";
import type { MembershipDelta } from "../../protocol/patch/membership.js";
import type { OperationContext } from "../operation-context.js";

function storeAttribute(
  ctx: OperationContext,
  binding: ResourceBinding,
  name: string,
  sub?: string,
): StoreAttribute | undefined {
  const resolved = ctx.connection.registry.resolve(binding.definition, {
    kind: "attrPath",
    schema: undefined,
    name,
    subAttr: sub,
  });
  return resolved?.kind === "attribute" ? binding.mapping.translateAttribute(resolved) : undefined;
}

export async function effectiveMembership(
  ctx: OperationContext,
  binding: ResourceBinding,
  scope: Scope,
  groupId: string,
  delta: MembershipDelta,
): Promise<MembershipDelta | undefined> {
  if (delta.replaceAll !== undefined) return delta;
  const idAttr = storeAttribute(ctx, binding, "id");
  const memberAttr = storeAttribute(ctx, binding, "members", "value");
  if (idAttr === undefined || memberAttr === undefined) return delta;
  const isMember = async (memberId: string) => {
    const filter: StoreFilter = {
      kind: "and",
      left: { kind: "compare", attr: idAttr, op: "eq", value: groupId },
      right: { kind: "compare", attr: memberAttr, op: "eq", value: memberId },
    };
    const page = { kind: "index" as const, startIndex: 1, count: 0 };
    return (await ctx.store.query(scope, { filter, sort: undefined, page, members: false })).total > 0;
  };
  const add = [];
  for (const member of delta.add) if (!(await isMember(member.value))) add.push(member);
  const remove = [];
  for (const id of delta.remove) if (await isMember(id)) remove.push(id);
  if (add.length === 0 && remove.length === 0) return undefined;
  return { add, remove };
}
