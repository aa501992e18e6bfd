// POST .search (RFC 7644 §3.4.3) on an endpoint and at the root (§3.4.2.1): a ListResponse, the same
// answer as the GET form, no resource created, the SearchRequest URN required, and root queries
// spanning resource types with undefined attributes treated as unassigned.
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import { getCi, show } from "../support/json.js";
import { idsOf, list, literal, scopedUsers, search, viewOf } from "../support/list.js";
import { groupsEndpoint, makeGroup, makeUser, usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";

async function threeUsers(ctx: CheckContext): Promise<string> {
  const tag = ctx.unique.name("srch");
  for (const suffix of ["c", "a", "b"])
    await makeUser(ctx, { userName: `${tag}-${suffix}`, displayName: `Searcher ${suffix}` });
  return tag;
}

export const searchListResponse = scimCheck({
  id: "list.search.list-response",
  title: "POST .search answers a ListResponse and creates nothing",
  area: "list",
  requirements: ["rfc7644.list.search"],
  expectation:
    "POST {Users}/.search with a SearchRequest filter answers 200 with a ListResponse of the matching Users, and no User is created",
  async run(ctx) {
    const tag = await threeUsers(ctx);
    const view = await search(ctx, usersEndpoint(ctx), { filter: scopedUsers(tag) });
    const e = ctx.expect();
    if (!e.status(view.res, 200)) return e.done();
    e.that(view.isList, `not a ListResponse: ${describeResponse(view.res)}`);
    e.equal(view.totalResults, 3, "totalResults");
    const after = await list(ctx, usersEndpoint(ctx), { filter: scopedUsers(tag) });
    if (after.isList) e.equal(after.totalResults, 3, "the number of matching Users after the search");
    return e.done();
  },
});

export const searchParameters = scimCheck({
  id: "list.search.same-as-get",
  title: "A SearchRequest's parameters give the same result as the GET query",
  area: "list",
  requirements: ["rfc7644.list.search-parameters"],
  expectation:
    "POST {Users}/.search with filter, sortBy, sortOrder, startIndex and count returns the same Users, in the same order, with the same totalResults as the equivalent GET",
  async run(ctx) {
    const tag = await threeUsers(ctx);
    const params = {
      filter: scopedUsers(tag),
      sortBy: "userName",
      sortOrder: "descending",
      startIndex: 1,
      count: 2,
    };
    const viaGet = await list(ctx, usersEndpoint(ctx), params);
    need(viaGet.isList, `the GET form was not answered: ${describeResponse(viaGet.res)}`);
    const viaSearch = await search(ctx, usersEndpoint(ctx), params);
    const e = ctx.expect();
    if (!e.status(viaSearch.res, 200)) return e.done();
    e.equal(idsOf(viaSearch), idsOf(viaGet), "the ids returned by .search (GET returned these)");
    e.equal(viaSearch.totalResults, viaGet.totalResults, "totalResults of .search");
    return e.done();
  },
});

export const searchRequestSchema = scimCheck({
  id: "list.search.request-schema",
  title: "A .search body without the SearchRequest URN is refused",
  area: "list",
  requirements: ["rfc7644.list.search-request-schema"],
  expectation:
    'POST {Users}/.search whose schemas lacks the SearchRequest URN answers 400 with scimType "invalidSyntax"',
  async run(ctx) {
    const res = await ctx.client.send({
      method: "POST",
      path: `${usersEndpoint(ctx)}/.search`,
      body: {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        filter: `userName eq ${literal(ctx.unique.missingId())}`,
      },
    });
    const e = ctx.expect();
    e.scimError(res, 400, "invalidSyntax");
    return e.done();
  },
});

function typesOf(ids: readonly string[], userId: string, groupId: string): string {
  return ids.map((id) => (id === userId ? "the User" : id === groupId ? "the Group" : id)).join(", ");
}

export const rootQuery = scimCheck({
  id: "list.root.all-types",
  title: "A query at the root returns resources of every type",
  area: "list",
  requirements: ["rfc7644.list.root-query"],
  expectation:
    'POST /.search with displayName eq "<value>" returns both the User and the Group that carry that displayName (and GET {base}?filter=…, when answered, does too)',
  async run(ctx) {
    groupsEndpoint(ctx);
    const shared = `${ctx.unique.name("root")}-shared`;
    const user = await makeUser(ctx, { displayName: shared });
    const group = await makeGroup(ctx, { displayName: shared });
    const filter = `displayName eq ${literal(shared)}`;
    const e = ctx.expect();
    const viaSearch = await search(ctx, "/", { filter });
    if (e.status(viaSearch.res, 200)) {
      const ids = idsOf(viaSearch);
      e.that(
        ids.includes(user.id) && ids.includes(group.id),
        `POST /.search returned ${typesOf(ids, user.id, group.id) || "nothing"}`,
      );
    }
    const viaGet = viewOf(await ctx.client.send({ method: "GET", path: "/", query: { filter } }));
    if (viaGet.isList) {
      const ids = idsOf(viaGet);
      e.that(
        ids.includes(user.id) && ids.includes(group.id),
        `GET {base}?filter returned ${typesOf(ids, user.id, group.id) || "nothing"}`,
      );
    }
    return e.done();
  },
});

export const rootUndefinedAttribute = scimCheck({
  id: "list.root.undefined-attribute",
  title: "In a root query an attribute a type lacks simply does not match",
  area: "list",
  requirements: ["rfc7644.list.root-query-undefined-attribute"],
  expectation:
    'POST /.search with userName eq "<u>" or displayName eq "<g>" answers 200 with the User and the Group (Groups have no userName, which counts as no value, not an error)',
  async run(ctx) {
    groupsEndpoint(ctx);
    const tag = ctx.unique.name("rootu");
    const user = await makeUser(ctx, { userName: `${tag}-u` });
    const group = await makeGroup(ctx, { displayName: `${tag}-g` });
    const view = await search(ctx, "/", {
      filter: `userName eq ${literal(`${tag}-u`)} or displayName eq ${literal(`${tag}-g`)}`,
    });
    const e = ctx.expect();
    if (!e.status(view.res, 200)) return e.done();
    const ids = idsOf(view);
    e.that(
      ids.includes(user.id) && ids.includes(group.id),
      `returned ${typesOf(ids, user.id, group.id) || "nothing"}: ${show(getCi(view.body, "totalResults"))} results`,
    );
    return e.done();
  },
});
