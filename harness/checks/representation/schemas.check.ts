// The "schemas" attribute of a resource (RFC 7643 §3): present, naming the base schema, holding only
// the resource type's schema and declared extensions, each once; and its order is insignificant.

import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import { unadvertised } from "../support/advertised-attributes.js";
import type { JsonObject } from "../support/json.js";
import { asArray, attr, getCi, show } from "../support/json.js";
import { list, scopedUsers } from "../support/list.js";
import { hasExtension, makeGroup, makeUser, readBack, usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { hasUrn, urn } from "../support/urns.js";

async function samples(ctx: CheckContext): Promise<{ where: string; body: JsonObject; type: string }[]> {
  const tag = ctx.unique.name("sch");
  const user = await makeUser(ctx, { userName: `${tag}-a` });
  const out = [
    { where: "the POST answer", body: user.resource, type: "User" },
    { where: "GET of the User", body: (await readBack(ctx, user.path)).body, type: "User" },
  ];
  const view = await list(ctx, usersEndpoint(ctx), { filter: scopedUsers(tag) });
  for (const r of view.resources) out.push({ where: "a list entry", body: r, type: "User" });
  if (ctx.discovery.resourceType("Group") !== undefined) {
    const group = await makeGroup(ctx);
    out.push({ where: "GET of a Group", body: (await readBack(ctx, group.path)).body, type: "Group" });
  }
  return out;
}

export const schemasPresent = scimCheck({
  id: "representation.schemas.present",
  title: "Every representation names its base schema in schemas",
  area: "representation",
  requirements: ["rfc7643.representation.schemas-present"],
  expectation:
    "the POST answer, a GET and a list entry of a User (and a GET of a Group) each have a non-empty schemas array holding the resource type's base schema URN",
  async run(ctx) {
    const e = ctx.expect();
    for (const { where, body, type } of await samples(ctx)) {
      const base = ctx.discovery.resourceType(type)?.schema ?? (type === "User" ? urn.user : urn.group);
      e.that(hasUrn(getCi(body, "schemas"), base), `${where}: schemas is ${show(getCi(body, "schemas"))}`);
    }
    return e.done();
  },
});

export const schemasValid = scimCheck({
  id: "representation.schemas.only-declared",
  title: "schemas holds only the declared schemas, each once",
  area: "representation",
  requirements: ["rfc7643.representation.schemas-valid"],
  expectation:
    "every URN in a resource's schemas is its ResourceType's schema or one of its schemaExtensions, and none appears twice",
  async run(ctx) {
    const e = ctx.expect();
    for (const { where, body, type } of await samples(ctx)) {
      const rt = ctx.discovery.resourceType(type);
      if (rt === undefined) continue;
      const declared = new Set(
        [rt.schema, ...rt.schemaExtensions.map((x) => x.schema)].map((s) => s.toLowerCase()),
      );
      const listed = asArray(getCi(body, "schemas")).map((s) => String(s).toLowerCase());
      const undeclared = listed.filter((s) => !declared.has(s));
      e.that(
        undeclared.length === 0,
        `${where}: schemas names ${undeclared.join(", ")}, which ${type} does not declare`,
      );
      e.that(
        new Set(listed).size === listed.length,
        `${where}: schemas repeats a URN: ${show(getCi(body, "schemas"))}`,
      );
    }
    return e.done();
  },
});

export const schemasOrder = scimCheck({
  id: "representation.schemas.order-insignificant",
  title: "The order of URNs in schemas does not matter",
  area: "representation",
  requirements: ["rfc7643.representation.schemas-order-insignificant"],
  expectation:
    "POST {Users} whose schemas lists the enterprise extension before the core URN answers 201 and stores the extension attribute (department, or another string attribute of the extension the target lists)",
  async run(ctx) {
    need(
      hasExtension(ctx, "User", urn.enterprise),
      "the User resource type declares no enterprise extension",
    );
    // A target may offer the extension with only some of its attributes (RFC 7643 §7).
    const field = ["department", "costCenter", "organization", "division", "employeeNumber"].find(
      (name) => unadvertised(ctx.discovery, "User", `${urn.enterprise}:${name}`) === undefined,
    );
    need(field !== undefined, "the enterprise extension lists none of its string attributes in /Schemas");
    const res = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: ctx.resources.userBody({
        schemas: [urn.enterprise, urn.user],
        [urn.enterprise]: { [field]: "Order Matters Not" },
      }),
    });
    const e = ctx.expect();
    if (!e.status(res, [201, 200])) return e.done();
    const id = getCi(res.body, "id");
    need(typeof id === "string", `no id: ${describeResponse(res)}`);
    const { body } = await readBack(ctx, `${usersEndpoint(ctx)}/${encodeURIComponent(id)}`);
    const stored = attr(body, `${urn.enterprise}:${field}`);
    e.that(
      typeof stored === "string" && stored.toLowerCase() === "order matters not",
      `${field} reads back as ${show(stored)}`,
    );
    return e.done();
  },
});
