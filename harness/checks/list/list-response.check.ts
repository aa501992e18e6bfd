// The ListResponse (RFC 7644 §3.4.2): its URN, totalResults always, Resources whenever there are
// results, 200 with totalResults 0 for no match, unknown parameters tolerated, and tooMany as the only
// way to refuse a query for its size (§3.4.2.1).
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import { getCi, show } from "../support/json.js";
import type { ListView } from "../support/list.js";
import { list, literal, scopedUsers } from "../support/list.js";
import { makeUser, usersEndpoint } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { hasUrn, urn } from "../support/urns.js";

async function twoUsers(ctx: CheckContext): Promise<string> {
  const tag = ctx.unique.name("lst");
  await makeUser(ctx, { userName: `${tag}-a` });
  await makeUser(ctx, { userName: `${tag}-b` });
  return tag;
}

export const listResponseUrn = scimCheck({
  id: "list.response.urn",
  title: "GET on an endpoint answers a ListResponse",
  area: "list",
  requirements: ["rfc7644.list.list-response"],
  expectation: `GET {Users}?count=5 answers 200 with schemas ["${urn.listResponse}"]`,
  async run(ctx) {
    await makeUser(ctx);
    const view = await list(ctx, usersEndpoint(ctx), { count: 5 });
    const e = ctx.expect();
    if (!e.status(view.res, 200)) return e.done();
    e.that(
      hasUrn(getCi(view.body, "schemas"), urn.listResponse),
      `schemas is ${show(getCi(view.body, "schemas"))}`,
    );
    return e.done();
  },
});

export const totalResults = scimCheck({
  id: "list.response.total-results",
  title: "Every ListResponse has an integer totalResults",
  area: "list",
  requirements: ["rfc7644.list.total-results"],
  expectation:
    "GET {Users}?count=5, a filtered GET and GET with count=0 each carry totalResults as a JSON integer",
  async run(ctx) {
    const tag = await twoUsers(ctx);
    const e = ctx.expect();
    const views: [string, ListView][] = [
      ["count=5", await list(ctx, usersEndpoint(ctx), { count: 5 })],
      ["count=0", await list(ctx, usersEndpoint(ctx), { count: 0 })],
    ];
    if (ctx.discovery.feature("filter") !== "not-advertised")
      views.push(["a filter", await list(ctx, usersEndpoint(ctx), { filter: scopedUsers(tag) })]);
    for (const [what, view] of views) {
      if (!e.that(view.res.status === 200, `GET with ${what} answered ${describeResponse(view.res)}`))
        continue;
      e.that(
        Number.isInteger(view.totalResults),
        `GET with ${what}: totalResults is ${show(view.totalResults)}`,
      );
    }
    return e.done();
  },
});

export const resourcesWhenNonZero = scimCheck({
  id: "list.response.resources-when-non-zero",
  title: "A ListResponse with results has a Resources array",
  area: "list",
  requirements: ["rfc7644.list.resources-when-non-zero"],
  expectation:
    "GET {Users}?count=5 (with Users present) and a filter matching two created Users answer Resources as an array",
  async run(ctx) {
    const tag = await twoUsers(ctx);
    const e = ctx.expect();
    for (const view of [
      await list(ctx, usersEndpoint(ctx), { count: 5 }),
      await list(ctx, usersEndpoint(ctx), { filter: scopedUsers(tag) }),
    ]) {
      if (!view.isList || !(Number(view.totalResults) > 0)) continue;
      e.that(
        Array.isArray(getCi(view.body, "Resources")),
        `totalResults is ${show(view.totalResults)} but Resources is ${show(getCi(view.body, "Resources"))}`,
      );
    }
    return e.done();
  },
});

export const noMatch200 = scimCheck({
  id: "list.no-match.empty-200",
  title: "A query matching nothing answers 200 with totalResults 0",
  area: "list",
  requirements: ["rfc7644.list.no-match-200"],
  expectation:
    'GET {Users}?filter=userName eq "<a name no User has>" answers 200 with totalResults 0, never 404',
  async run(ctx) {
    const view = await list(ctx, usersEndpoint(ctx), {
      filter: `userName eq ${literal(ctx.unique.missingId())}`,
    });
    const e = ctx.expect();
    if (!e.status(view.res, 200)) return e.done();
    e.that(view.isList, `not a ListResponse: ${describeResponse(view.res)}`);
    e.equal(view.totalResults, 0, "totalResults");
    e.that(view.resources.length === 0, `Resources is ${show(view.resources)}`);
    return e.done();
  },
});

export const unknownParameters = scimCheck({
  id: "list.unknown-parameters.ignored",
  title: "An unknown query parameter does not make a query fail",
  area: "list",
  requirements: ["rfc7644.list.unknown-parameters-ignored"],
  expectation: "GET {Users}?count=1&scimcUnknownParameter=1 answers 200 with a ListResponse",
  async run(ctx) {
    const view = await list(ctx, usersEndpoint(ctx), { count: 1, scimcUnknownParameter: "1" });
    const e = ctx.expect();
    e.that(view.isList, `answered ${describeResponse(view.res)}`);
    return e.done();
  },
});

export const tooMany = scimCheck({
  id: "list.too-many.scim-type",
  title: "A query refused for its size is a 400 tooMany",
  area: "list",
  requirements: ["rfc7644.list.too-many-400"],
  expectation:
    'GET {Users} with count=10000 either answers 200 (capping the page) or refuses with 400 and scimType "tooMany" (RFC 7644 §3.4.2.1); "invalidValue" is tolerated, since a refusal of that count may be read as a parameter check',
  async run(ctx) {
    const view = await list(ctx, usersEndpoint(ctx), { count: 10000 });
    const e = ctx.expect();
    if (view.res.status === 200) return e.done();
    if (!e.scimError(view.res, 400)) return e.done();
    const type = getCi(view.body, "scimType");
    e.that(
      type === "tooMany" || type === "invalidValue",
      `the refusal's scimType is ${show(type)}, expected tooMany`,
    );
    if (type === "invalidValue")
      ctx.note("the target refuses count=10000 as an invalid value rather than tooMany");
    return e.done();
  },
});

export const filterMaxResults = scimCheck({
  id: "list.filter.max-results",
  title: "A filtered query returns no more than filter.maxResults",
  area: "list",
  requirements: ["rfc7643.list.filter-max-results"],
  expectation:
    "GET {Users}?filter=userName pr returns at most the advertised filter.maxResults resources (or refuses with 400 tooMany)",
  async run(ctx) {
    const max = getCi(getCi(ctx.discovery.serviceProviderConfig, "filter"), "maxResults");
    if (typeof max !== "number")
      return { kind: "skip", reason: "the ServiceProviderConfig advertises no filter.maxResults" };
    await makeUser(ctx);
    const view = await list(ctx, usersEndpoint(ctx), { filter: "userName pr", count: max + 10 });
    const e = ctx.expect();
    if (view.res.status === 400 && getCi(view.body, "scimType") === "tooMany") return e.done();
    if (!e.status(view.res, 200)) return e.done();
    e.that(
      view.resources.length <= max,
      `${view.resources.length} resources in one answer; filter.maxResults is ${max}`,
    );
    return e.done();
  },
});
