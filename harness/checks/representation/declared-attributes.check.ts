// A resource holds only what /Schemas declares (RFC 7643 §7, §3). Checks skip attributes a target does
// not list (support/advertised-attributes.ts), so a target that hid attributes from /Schemas while still
// storing and returning them would dodge them; this check reports such attributes.
import type { SchemaAttributeInfo } from "../../engine/discovery.js";
import type { CheckContext } from "../check-context.js";
import { isCommonAttribute } from "../support/advertised-attributes.js";
import type { JsonObject } from "../support/json.js";
import { asObject } from "../support/json.js";
import { list, scopedUsers } from "../support/list.js";
import { makeGroup, makeUser, readBack, richUserBody, usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";

/** Keys of `value` (an object, or each object of an array) that `defs` does not declare, as paths. */
function undeclaredIn(defs: readonly SchemaAttributeInfo[], value: unknown, path: string): string[] {
  const out: string[] = [];
  for (const element of Array.isArray(value) ? value : [value]) {
    const object = asObject(element);
    if (object === undefined) continue;
    for (const [key, v] of Object.entries(object)) {
      const def = defs.find((d) => d.name.toLowerCase() === key.toLowerCase());
      if (def === undefined) out.push(`${path}${key}`);
      // A complex attribute listed without sub-attributes says nothing about them (advertised-attributes.ts).
      else if (def.type === "complex" && def.subAttributes.length > 0)
        out.push(...undeclaredIn(def.subAttributes, v, `${path}${key}.`));
    }
  }
  return [...new Set(out)];
}

/** What `body` holds that the resource type `typeName` does not declare, or undefined when unknown. */
function undeclared(ctx: CheckContext, typeName: string, body: JsonObject): string[] | undefined {
  const type = ctx.discovery.resourceType(typeName);
  const base = type === undefined ? undefined : ctx.discovery.schema(type.schema);
  if (type === undefined || base === undefined) return undefined;
  const out: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (isCommonAttribute(key)) continue;
    const extension = type.schemaExtensions.find((x) => x.schema.toLowerCase() === key.toLowerCase());
    if (extension !== undefined) {
      const schema = ctx.discovery.schema(extension.schema);
      if (schema !== undefined) out.push(...undeclaredIn(schema.attributes, value, `${key}:`));
    } else out.push(...undeclaredIn(base.attributes, { [key]: value }, ""));
  }
  return out;
}

export const attributesDeclared = scimCheck({
  id: "representation.attributes.declared",
  title: "A resource holds only attributes /Schemas declares",
  area: "representation",
  requirements: ["rfc7643.representation.attributes-declared"],
  expectation:
    "the POST answer, a GET and a list entry of a User with every attribute the target lists (and a GET of a Group) hold no attribute or sub-attribute that /Schemas does not declare for their resource type, besides id, externalId and meta",
  async run(ctx) {
    need(
      undeclared(ctx, "User", {}) !== undefined,
      "the target's schema for User could not be read, so there is nothing to compare with",
    );
    const tag = ctx.unique.name("dcl");
    const user = await makeUser(ctx, richUserBody(ctx, tag));
    const samples: [string, string, JsonObject][] = [
      ["the POST answer", "User", user.resource],
      ["GET of the User", "User", (await readBack(ctx, user.path)).body],
    ];
    const view = await list(ctx, usersEndpoint(ctx), { filter: scopedUsers(tag) });
    for (const r of view.resources) samples.push(["a list entry", "User", r]);
    if (ctx.discovery.resourceType("Group") !== undefined) {
      const group = await makeGroup(ctx, { members: [{ value: user.id }] });
      samples.push(["GET of a Group", "Group", (await readBack(ctx, group.path)).body]);
    }
    const e = ctx.expect();
    for (const [where, typeName, body] of samples) {
      const extra = undeclared(ctx, typeName, body) ?? [];
      e.that(extra.length === 0, `${where} holds ${extra.join(", ")}, which /Schemas does not declare`);
    }
    return e.done();
  },
});
