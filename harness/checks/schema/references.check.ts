// References and structure (RFC 7643 §2.3.7, §2.3.8): a SCIM resource reference resolves with GET, and
// no complex attribute nests another complex one.
import { describeResponse } from "../expect.js";
import { asArray, getCi, show } from "../support/json.js";
import { makeGroup, makeUser, readBack } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";

export const referencesResolve = scimCheck({
  id: "schema.references.resolvable",
  title: "SCIM resource references ($ref) resolve with GET",
  area: "schema",
  requirements: ["rfc7643.schema.reference-resolvable"],
  expectation:
    "GET of each members[].$ref of a Group and each groups[].$ref of its member User answers 200 with the referenced resource",
  async run(ctx) {
    const user = await makeUser(ctx);
    const group = await makeGroup(ctx, { members: [{ value: user.id }] });
    const refs: [string, string][] = [];
    for (const m of asArray(getCi((await readBack(ctx, group.path)).body, "members"))) {
      const ref = getCi(m, "$ref");
      if (typeof ref === "string") refs.push([ref, String(getCi(m, "value"))]);
    }
    for (const g of asArray(getCi((await readBack(ctx, user.path)).body, "groups"))) {
      const ref = getCi(g, "$ref");
      if (typeof ref === "string") refs.push([ref, String(getCi(g, "value"))]);
    }
    need(refs.length > 0, "the target returns no $ref on members or groups (optional)");
    const e = ctx.expect();
    for (const [ref, id] of refs) {
      const target = new URL(ref, `${ctx.run.baseUrl}/`);
      if (
        !e.that(
          target.origin === new URL(ctx.run.baseUrl).origin,
          `$ref ${ref} is not on the target's origin`,
        )
      )
        continue;
      const res = await ctx.client.send({ method: "GET", path: target.href });
      e.that(
        res.status === 200 && getCi(res.body, "id") === id,
        `GET ${ref} answered ${describeResponse(res)}`,
      );
    }
    return e.done();
  },
});

export const noNestedComplex = scimCheck({
  id: "schema.definitions.no-nested-complex",
  title: "No complex attribute has a complex sub-attribute",
  area: "schema",
  requirements: ["rfc7643.schema.no-nested-complex"],
  expectation:
    "in every schema a ResourceType uses, no sub-attribute of a complex attribute is itself complex",
  async run(ctx) {
    const used = new Set(
      ctx.discovery.resourceTypes
        .flatMap((t) => [t.schema, ...t.schemaExtensions.map((x) => x.schema)])
        .map((s) => s.toLowerCase()),
    );
    const res = await ctx.client.send({ method: "GET", path: "/Schemas" });
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    for (const schema of asArray(getCi(res.body, "Resources"))) {
      if (!used.has(String(getCi(schema, "id")).toLowerCase())) continue;
      for (const a of asArray(getCi(schema, "attributes"))) {
        for (const s of asArray(getCi(a, "subAttributes"))) {
          e.that(
            String(getCi(s, "type")).toLowerCase() !== "complex",
            `${String(getCi(schema, "id"))}:${String(getCi(a, "name"))}.${String(getCi(s, "name"))} is complex: ${show(s)}`,
          );
        }
      }
    }
    return e.done();
  },
});
