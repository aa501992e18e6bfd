// The SCIM media type (RFC 7644 §3.8): application/scim+json MUST be accepted, application/json
// SHOULD be, and without a preference the answer is application/scim+json.
import type { ScimResponse } from "../../client/client.js";
import { describeResponse } from "../expect.js";
import { usersEndpoint } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";

function mediaType(res: ScimResponse): string {
  return (res.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

const jsonTypes = new Set(["application/scim+json", "application/json"]);

export const acceptScimJson = scimCheck({
  id: "transport.accept.scim-json",
  title: "Accept: application/scim+json is answered with JSON",
  area: "transport",
  requirements: ["rfc7644.transport.accept-scim-json"],
  expectation:
    "GET /ServiceProviderConfig and GET {Users}?count=1 with Accept: application/scim+json answer 200 with a JSON body, never 406",
  async run(ctx) {
    const e = ctx.expect();
    const paths = ["/ServiceProviderConfig"];
    if (ctx.discovery.resourceType("User")) paths.push(usersEndpoint(ctx));
    for (const path of paths) {
      const res = await ctx.client.send({
        method: "GET",
        path,
        ...(path === "/ServiceProviderConfig" ? {} : { query: { count: 1 } }),
        headers: { Accept: "application/scim+json" },
      });
      if (!e.status(res, 200)) continue;
      e.that(res.bodyKind === "json", `GET ${path} answered a non-JSON body: ${describeResponse(res)}`);
      e.that(
        jsonTypes.has(mediaType(res)),
        `GET ${path} answered Content-Type ${res.header("content-type")}`,
      );
    }
    return e.done();
  },
});

export const acceptJson = scimCheck({
  id: "transport.accept.json",
  title: "Accept: application/json is answered with JSON",
  area: "transport",
  requirements: ["rfc7644.transport.accept-json"],
  expectation: "GET {Users}?count=1 with Accept: application/json answers 200 with a JSON body, never 406",
  async run(ctx) {
    const res = await ctx.client.send({
      method: "GET",
      path: usersEndpoint(ctx),
      query: { count: 1 },
      headers: { Accept: "application/json" },
    });
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.that(res.bodyKind === "json", `a non-JSON body: ${describeResponse(res)}`);
    e.that(jsonTypes.has(mediaType(res)), `Content-Type is ${res.header("content-type")}`);
    return e.done();
  },
});

export const defaultMediaType = scimCheck({
  id: "transport.content-type.scim-json",
  title: "Responses default to Content-Type application/scim+json, errors included",
  area: "transport",
  requirements: ["rfc7644.transport.default-media-type"],
  expectation:
    "with Accept: */* a list and an error (404) are served as application/scim+json (RFC 7644 §3.8: the default format)",
  async run(ctx) {
    const users = usersEndpoint(ctx);
    const e = ctx.expect();
    const list = await ctx.client.send({
      method: "GET",
      path: users,
      query: { count: 1 },
      headers: { Accept: "*/*" },
    });
    const missing = await ctx.client.send({
      method: "GET",
      path: `${users}/${encodeURIComponent(ctx.unique.missingId())}`,
      headers: { Accept: "*/*" },
    });
    for (const res of [list, missing]) {
      if (res.bodyKind === "none") continue;
      e.that(
        mediaType(res) === "application/scim+json",
        `${res.exchange.request.method} ${res.url} answered HTTP ${res.status} with Content-Type ${res.header("content-type") ?? "(none)"}`,
      );
    }
    return e.done();
  },
});
