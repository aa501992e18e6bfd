// /ServiceProviderConfig (RFC 7644 §4, RFC 7643 §5): the document every gate is decided from.
import { defineCheck } from "../check-context.js";
import { asObject, attr, hasUrn, show } from "./discovery-helpers.js";

export const spcUrn = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

/** RFC 7643 §5 marks every one of these "REQUIRED", with its type. */
const featureAttributes: readonly [string, string, "boolean" | "integer"][] = [
  ["patch", "supported", "boolean"],
  ["bulk", "supported", "boolean"],
  ["bulk", "maxOperations", "integer"],
  ["bulk", "maxPayloadSize", "integer"],
  ["filter", "supported", "boolean"],
  ["filter", "maxResults", "integer"],
  ["changePassword", "supported", "boolean"],
  ["sort", "supported", "boolean"],
  ["etag", "supported", "boolean"],
];

export const spcSchemasUrn = defineCheck({
  id: "discovery.spc.schemas-urn",
  title: "ServiceProviderConfig is served with its schema URN",
  area: "discovery",
  requirements: ["rfc7644.discovery.service-provider-config"],
  expectation: `GET /ServiceProviderConfig answers 200 with a JSON object whose "schemas" holds "${spcUrn}"`,
  async run(ctx) {
    const res = await ctx.api.GET("/ServiceProviderConfig");
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const body = asObject(res.body);
    if (!e.that(body !== undefined, `the body is not a JSON object (${res.bodyKind})`)) return e.done();
    e.that(hasUrn(attr(body, "schemas"), spcUrn), `schemas is ${show(attr(body, "schemas"))}`);
    return e.done();
  },
});

export const spcFeatureAttributes = defineCheck({
  id: "discovery.spc.feature-attributes",
  title: "ServiceProviderConfig states every feature flag and limit",
  area: "discovery",
  requirements: ["rfc7643.discovery.spc-feature-attributes"],
  expectation: `the ServiceProviderConfig has ${featureAttributes.map(([a, s]) => `${a}.${s}`).join(", ")} with boolean and integer values`,
  async run(ctx) {
    const res = await ctx.api.GET("/ServiceProviderConfig");
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const spc = asObject(res.body);
    for (const [complex, sub, type] of featureAttributes) {
      const value = attr(asObject(attr(spc, complex)), sub);
      const ok = type === "boolean" ? typeof value === "boolean" : Number.isInteger(value);
      e.that(
        ok,
        `${complex}.${sub} is ${value === undefined ? "missing" : show(value)}, expected ${type === "boolean" ? "a boolean" : "an integer"}`,
      );
    }
    return e.done();
  },
});

export const spcAuthenticationSchemes = defineCheck({
  id: "discovery.spc.authentication-schemes",
  title: "ServiceProviderConfig lists its authentication schemes",
  area: "discovery",
  requirements: ["rfc7643.discovery.spc-authentication-schemes"],
  expectation: "authenticationSchemes is a non-empty array whose items each have type, name and description",
  async run(ctx) {
    const res = await ctx.api.GET("/ServiceProviderConfig");
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const schemes = attr(asObject(res.body), "authenticationSchemes");
    if (!e.that(Array.isArray(schemes) && schemes.length > 0, `authenticationSchemes is ${show(schemes)}`))
      return e.done();
    (schemes as unknown[]).forEach((scheme, i) => {
      const missing = ["type", "name", "description"].filter(
        (n) => typeof attr(asObject(scheme), n) !== "string",
      );
      e.that(
        missing.length === 0,
        `authenticationSchemes[${i}] lacks ${missing.join(", ")}: ${show(scheme)}`,
      );
    });
    return e.done();
  },
});
