// /ServiceProviderConfig (RFC 7644 §4, RFC 7643 §5): the document every gate is decided from.
import { defineCheck } from "../check-context.js";

export const spcUrn = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

/** RFC 7643 §5 lists these attributes as REQUIRED (`documentationUri` and `meta` are optional). */
const requiredSpcAttributes = [
  "patch",
  "bulk",
  "filter",
  "changePassword",
  "sort",
  "etag",
  "authenticationSchemes",
];

function hasUrn(value: unknown, urn: string): boolean {
  return (
    Array.isArray(value) && value.some((v) => typeof v === "string" && v.toLowerCase() === urn.toLowerCase())
  );
}

function attributeCi(object: Readonly<Record<string, unknown>>, name: string): unknown {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

export const spcSchemasUrn = defineCheck({
  id: "discovery.spc.schemas-urn",
  title: "ServiceProviderConfig is served with its schema URN",
  area: "discovery",
  requirements: ["rfc7644.discovery.service-provider-config"],
  expectation: `GET /ServiceProviderConfig answers 200 with "${spcUrn}" in "schemas"`,
  async run(ctx) {
    const res = await ctx.api.GET("/ServiceProviderConfig");
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const body = res.body as Record<string, unknown> | undefined;
    e.that(hasUrn(body?.schemas, spcUrn), `schemas is ${JSON.stringify(body?.schemas)}`);
    return e.done();
  },
});

export const spcRequiredAttributes = defineCheck({
  id: "discovery.spc.required-attributes",
  title: "ServiceProviderConfig carries every REQUIRED attribute",
  area: "discovery",
  requirements: ["rfc7643.spc.required-attributes"],
  expectation: `the ServiceProviderConfig has ${requiredSpcAttributes.join(", ")}, each of the type RFC 7643 §5 gives it`,
  async run(ctx) {
    const res = await ctx.api.GET("/ServiceProviderConfig");
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const body = res.body;
    if (
      !e.that(
        typeof body === "object" && body !== null && !Array.isArray(body),
        "the body is not a JSON object",
      )
    ) {
      return e.done();
    }
    const spc = body as Record<string, unknown>;
    const missing = requiredSpcAttributes.filter((name) => attributeCi(spc, name) === undefined);
    e.that(missing.length === 0, `missing: ${missing.join(", ")}`);
    // The spec's ServiceProviderConfig schema encodes the types and the conditional REQUIRED limits
    // (bulk.maxOperations/maxPayloadSize, filter.maxResults when supported).
    e.schemaValid(res);
    return e.done();
  },
});

export const spcFilterForbidden = defineCheck({
  id: "discovery.spc.filter-forbidden",
  title: "ServiceProviderConfig refuses a filter with 403",
  area: "discovery",
  requirements: ["rfc7644.discovery.filter-forbidden"],
  expectation:
    "GET /ServiceProviderConfig?filter=… answers 403 (RFC 7644 §4: filtering is not supported there)",
  async run(ctx) {
    const res = await ctx.client.send({
      method: "GET",
      path: "/ServiceProviderConfig",
      query: { filter: "patch.supported eq true" },
    });
    const e = ctx.expect();
    e.status(res, 403);
    return e.done();
  },
});
