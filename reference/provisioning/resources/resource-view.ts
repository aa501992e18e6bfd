// Builds the full SCIM representation of a stored entry: the read mapping's client-owned attributes plus
// what the engine owns — `schemas` (RFC 7643 §3), `id` and `meta` (§3.1), Group `members` with `display`
// and `$ref` (§4.2), and the derived, read-only User `groups` (§4.1.2), the last only when the response
// will show it (it costs a membership walk). Projection then trims it for the response.
import type { ResourceBinding } from "../../connections/connection.js";
import type { StoredEntry } from "../../datastore/datastore.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { isJsonObject } from "../../protocol/resource/json.js";
import { buildMeta } from "../../protocol/resource/meta.js";
import { orderForOutput } from "../../protocol/resource/order-for-output.js";
import type { OperationContext } from "../operation-context.js";
import { bindingById, locationOf, scopeOf } from "./resource-binding.js";

/** `$ref` builder for one view: the endpoint of each member type is looked up once, not per member. */
function referenceBuilder(ctx: OperationContext): (type: string, id: string) => string | undefined {
  const prefixes = new Map<string, string | undefined>();
  return (type, id) => {
    if (!prefixes.has(type)) {
      const target = bindingById(ctx, type);
      prefixes.set(type, target === undefined ? undefined : locationOf(ctx, target, ""));
    }
    const prefix = prefixes.get(type);
    return prefix === undefined ? undefined : `${prefix}${encodeURIComponent(id)}`;
  };
}

export async function viewOf(
  ctx: OperationContext,
  binding: ResourceBinding,
  entry: StoredEntry,
  options: { readonly groups: boolean },
): Promise<JsonObject> {
  const rt = binding.definition;
  const referenceTo = referenceBuilder(ctx);
  const attributes = await binding.mapping.read(entry, ctx.mapping);
  const extensions = rt.schemaExtensions.map((e) => e.schema).filter((urn) => isJsonObject(attributes[urn]));
  const resource: JsonObject = {
    ...attributes,
    schemas: [rt.schema, ...extensions],
    id: entry.id,
    meta: buildMeta({
      resourceType: rt.name,
      created: entry.meta.created,
      lastModified: entry.meta.lastModified,
      version: String(entry.meta.version),
      location: locationOf(ctx, binding, entry.id),
    }),
  };
  if (entry.members !== undefined && entry.members.length > 0) {
    resource.members = entry.members.map((m) => {
      const ref = referenceTo(m.type, m.value);
      return {
        value: m.value,
        ...(ref === undefined ? {} : { $ref: ref }),
        ...(m.display === undefined ? {} : { display: m.display }),
        type: m.type,
      };
    });
  }
  if (options.groups) {
    // Stores that read them with the entry (one snapshot, one statement for a listing page) hand them over.
    const groups = entry.groups ?? (await ctx.store.groupsOf(scopeOf(ctx, binding), entry.id));
    if (groups.length > 0) {
      resource.groups = groups.map((g) => {
        const ref = referenceTo("Group", g.value);
        return {
          value: g.value,
          ...(ref === undefined ? {} : { $ref: ref }),
          ...(g.display === undefined ? {} : { display: g.display }),
          type: g.type,
        };
      });
    }
  }
  return orderForOutput(resource);
}

/** Whether the resource type has a derived `groups` attribute (RFC 7643 §4.1.2: Users do). */
export function hasGroupsAttribute(ctx: OperationContext, binding: ResourceBinding): boolean {
  const resolved = ctx.connection.registry.resolve(binding.definition, {
    kind: "attrPath",
    schema: undefined,
    name: "groups",
    subAttr: undefined,
  });
  return resolved?.kind === "attribute" && resolved.attribute.mutability === "readOnly";
}
