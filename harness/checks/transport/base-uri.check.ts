// RFC 7644 §1.3: "The Base URI MUST NOT contain a query string", and §3.13: a version segment
// before the endpoint is honoured or rejected.
import { describeResponse } from "../expect.js";
import { getCi, show } from "../support/json.js";
import { makeUser } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { hasUrn, urn } from "../support/urns.js";

export const baseUriNoQueryString = scimCheck({
  id: "transport.base-uri.no-query-string",
  title: "The base URI, the endpoints and meta.location carry no query string",
  area: "transport",
  requirements: ["rfc7644.transport.base-uri-no-query-string"],
  expectation:
    'the base URL, every ResourceType endpoint and the meta.location of a created User contain no "?" (RFC 7644 §1.3)',
  async run(ctx) {
    const e = ctx.expect();
    e.that(!ctx.run.baseUrl.includes("?"), `the base URL ${ctx.run.baseUrl} has a query string`);
    for (const type of ctx.discovery.resourceTypes) {
      e.that(!type.endpoint.includes("?"), `ResourceType ${type.name} has endpoint ${type.endpoint}`);
    }
    if (ctx.discovery.resourceType("User") !== undefined) {
      const user = await makeUser(ctx);
      const location = getCi(getCi(user.resource, "meta"), "location");
      e.that(
        typeof location !== "string" || !location.includes("?"),
        `meta.location of the created User is ${show(location)}`,
      );
    }
    return e.done();
  },
});

export const versionSegment = scimCheck({
  id: "transport.version-segment.not-ignored",
  title: "An unsupported version segment is rejected, not ignored",
  area: "transport",
  requirements: ["rfc7644.transport.version-segment"],
  expectation:
    "GET {base}/v999/Users is rejected (4xx); it is never answered as if the segment were absent (RFC 7644 §3.13)",
  async run(ctx) {
    const users = ctx.discovery.endpoint("User") ?? "/Users";
    const res = await ctx.client.send({ method: "GET", path: `/v999${users}`, query: { count: 1 } });
    const e = ctx.expect();
    const servedAsList =
      res.status >= 200 && res.status < 300 && hasUrn(getCi(res.body, "schemas"), urn.listResponse);
    e.that(
      !servedAsList && (res.status < 200 || res.status >= 300),
      `GET /v999${users} was served: ${describeResponse(res)}`,
    );
    return e.done();
  },
});
