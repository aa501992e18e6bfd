// /Schemas and the discovery endpoints' query handling (RFC 7644 §3.1, §4).
import { defineCheck } from "../check-context.js";
import { asObject, attr } from "./discovery-helpers.js";

export const messageSchemasHidden = defineCheck({
  id: "discovery.schemas.message-schemas-hidden",
  title: "Schemas does not list SCIM message schemas",
  area: "discovery",
  requirements: ["rfc7644.discovery.message-schemas-hidden"],
  expectation:
    'GET /Schemas lists no schema whose id starts with "urn:ietf:params:scim:api:" (RFC 7644 §3.1: SHALL NOT be discoverable)',
  async run(ctx) {
    const res = await ctx.api.GET("/Schemas");
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const listed = attr(asObject(res.body), "Resources");
    const ids = (Array.isArray(listed) ? listed : []).map((s) => String(attr(asObject(s), "id") ?? ""));
    const messages = ids.filter((id) => id.toLowerCase().startsWith("urn:ietf:params:scim:api:"));
    e.that(messages.length === 0, `/Schemas lists ${messages.join(", ")}`);
    return e.done();
  },
});

export const discoveryFilterForbidden = defineCheck({
  id: "discovery.filter-forbidden",
  title: "ResourceTypes and Schemas refuse a filter with 403",
  area: "discovery",
  requirements: ["rfc7644.discovery.filter-forbidden"],
  expectation: "GET /ResourceTypes?filter=… and GET /Schemas?filter=… answer 403 (RFC 7644 §4)",
  async run(ctx) {
    const e = ctx.expect();
    for (const path of ["/ResourceTypes", "/Schemas"]) {
      const res = await ctx.client.send({ method: "GET", path, query: { filter: 'name eq "User"' } });
      e.status(res, 403);
    }
    return e.done();
  },
});
