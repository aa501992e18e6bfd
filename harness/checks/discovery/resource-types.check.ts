// /ResourceTypes (RFC 7644 §4, RFC 7643 §6): what the target serves, and where.
import { defineCheck } from "../check-context.js";
import { asObject, attr, hasUrn, listResponseUrn, show } from "./discovery-helpers.js";

const resourceTypeUrn = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

export const resourceTypesListResponse = defineCheck({
  id: "discovery.resource-types.list-response",
  title: "ResourceTypes is a ListResponse of complete ResourceTypes",
  area: "discovery",
  requirements: ["rfc7644.discovery.resource-types"],
  expectation:
    "GET /ResourceTypes answers a ListResponse; each ResourceType has the ResourceType URN, name, endpoint and schema, and each schemaExtensions item has schema and required",
  async run(ctx) {
    const res = await ctx.api.GET("/ResourceTypes");
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const body = asObject(res.body);
    e.that(
      hasUrn(attr(body, "schemas"), listResponseUrn),
      `schemas is ${show(attr(body, "schemas"))}, expected the ListResponse URN`,
    );
    const items = attr(body, "Resources");
    if (!e.that(Array.isArray(items) && items.length > 0, `Resources is ${show(items)}`)) return e.done();
    (items as unknown[]).forEach((raw, i) => {
      const rt = asObject(raw);
      const name = String(attr(rt, "name") ?? `#${i}`);
      e.that(
        hasUrn(attr(rt, "schemas"), resourceTypeUrn),
        `ResourceType ${name}: schemas is ${show(attr(rt, "schemas"))}`,
      );
      for (const field of ["name", "endpoint", "schema"]) {
        e.that(
          typeof attr(rt, field) === "string",
          `ResourceType ${name}: ${field} is ${show(attr(rt, field))}`,
        );
      }
      const extensions = attr(rt, "schemaExtensions");
      if (extensions === undefined) return;
      if (!e.that(Array.isArray(extensions), `ResourceType ${name}: schemaExtensions is not an array`))
        return;
      (extensions as unknown[]).forEach((ext, j) => {
        const x = asObject(ext);
        e.that(
          typeof attr(x, "schema") === "string" && typeof attr(x, "required") === "boolean",
          `ResourceType ${name}: schemaExtensions[${j}] is ${show(ext)}, expected schema and a boolean required`,
        );
      });
    });
    return e.done();
  },
});

export const resourceTypeSchemasResolve = defineCheck({
  id: "discovery.resource-types.schemas-resolve",
  title: "Every schema a ResourceType names is served by /Schemas",
  area: "discovery",
  requirements: ["rfc7643.discovery.resource-type-schemas-resolve"],
  expectation:
    "ResourceType.schema and every schemaExtensions[].schema equal the id of a Schema listed by GET /Schemas",
  async run(ctx) {
    const types = ctx.discovery.resourceTypes;
    if (types.length === 0)
      return { kind: "skip", reason: "no ResourceType could be read from /ResourceTypes" };
    const res = await ctx.api.GET("/Schemas");
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const listed = attr(asObject(res.body), "Resources");
    const ids = new Set(
      (Array.isArray(listed) ? listed : []).map((s) => String(attr(asObject(s), "id") ?? "").toLowerCase()),
    );
    for (const rt of types) {
      for (const urn of [rt.schema, ...rt.schemaExtensions.map((x) => x.schema)]) {
        e.that(
          ids.has(urn.toLowerCase()),
          `ResourceType ${rt.name} names ${urn}, which /Schemas does not list`,
        );
      }
    }
    return e.done();
  },
});
