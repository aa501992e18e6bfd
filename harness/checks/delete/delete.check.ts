// DELETE (RFC 7644 §3.6): 204, then the resource is gone for every operation and every query, and
// (SHOULD) its userName is free again — PingFederate's delete semantics, and every server's.
import { describeResponse } from "../expect.js";
import { show } from "../support/json.js";
import { list, literal, search } from "../support/list.js";
import { makeGroup, makeUser, resourcePath, usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";

export const deleteUser204 = scimCheck({
  id: "delete.user.status-204",
  title: "DELETE of a User answers 204",
  area: "delete",
  requirements: ["rfc7644.delete.status-204"],
  expectation: "DELETE {Users}/{id} of a created User answers 204 No Content",
  async run(ctx) {
    const user = await makeUser(ctx);
    const res = await ctx.client.send({ method: "DELETE", path: user.path });
    const e = ctx.expect();
    e.status(res, 204);
    return e.done();
  },
});

export const deleteGroup204 = scimCheck({
  id: "delete.group.status-204",
  title: "DELETE of a Group answers 204",
  area: "delete",
  requirements: ["rfc7644.delete.status-204"],
  expectation: "DELETE {Groups}/{id} of a created Group answers 204 No Content",
  async run(ctx) {
    const group = await makeGroup(ctx);
    const res = await ctx.client.send({ method: "DELETE", path: group.path });
    const e = ctx.expect();
    e.status(res, 204);
    return e.done();
  },
});

export const goneForAll = scimCheck({
  id: "delete.after.gone-for-every-operation",
  title: "After DELETE, GET, PUT, PATCH and DELETE answer 404",
  area: "delete",
  requirements: ["rfc7644.delete.gone-for-all-operations"],
  expectation: "once a User is deleted, GET, PUT, PATCH and a second DELETE of its id all answer 404",
  async run(ctx) {
    const user = await makeUser(ctx);
    const deleted = await ctx.client.send({ method: "DELETE", path: user.path });
    need(deleted.status >= 200 && deleted.status < 300, `DELETE answered ${describeResponse(deleted)}`);
    const e = ctx.expect();
    const attempts = [
      await ctx.client.send({ method: "GET", path: user.path }),
      await ctx.client.send({ method: "PUT", path: user.path, body: user.body }),
      await ctx.client.send({
        method: "PATCH",
        path: user.path,
        body: {
          schemas: [urn.patchOp],
          Operations: [{ op: "replace", path: "displayName", value: "Ghost" }],
        },
      }),
      await ctx.client.send({ method: "DELETE", path: user.path }),
    ];
    // A server without PATCH (patch.supported=false) may answer it 501 whatever the id.
    const noPatch = ctx.discovery.feature("patch") === "not-advertised";
    for (const res of attempts) {
      const ok =
        res.status === 404 || (noPatch && res.exchange.request.method === "PATCH" && res.status === 501);
      e.that(ok, `${res.exchange.request.method} after DELETE answered ${describeResponse(res)}`);
    }
    return e.done();
  },
});

export const omittedFromQueries = scimCheck({
  id: "delete.after.absent-from-queries",
  title: "A deleted resource appears in no query",
  area: "delete",
  requirements: ["rfc7644.delete.omitted-from-queries"],
  expectation: "after DELETE, a filter on the User's userName (GET and, if supported, .search) finds nothing",
  async run(ctx) {
    const user = await makeUser(ctx);
    const filter = `userName eq ${literal(String(user.body.userName))}`;
    const before = await list(ctx, usersEndpoint(ctx), { filter });
    need(
      before.isList && before.totalResults === 1,
      `the filter does not find the User before it is deleted: ${describeResponse(before.res)}`,
    );
    const deleted = await ctx.client.send({ method: "DELETE", path: user.path });
    need(deleted.status >= 200 && deleted.status < 300, `DELETE answered ${describeResponse(deleted)}`);
    const e = ctx.expect();
    const after = await list(ctx, usersEndpoint(ctx), { filter });
    e.that(
      after.isList && after.totalResults === 0 && after.resources.length === 0,
      `GET ?filter after DELETE answered ${describeResponse(after.res)}`,
    );
    const searched = await search(ctx, usersEndpoint(ctx), { filter });
    if (searched.isList)
      e.that(searched.totalResults === 0, `.search after DELETE answered ${describeResponse(searched.res)}`);
    return e.done();
  },
});

export const recreateAllowed = scimCheck({
  id: "delete.after.user-name-reusable",
  title: "A deleted User's userName can be used again",
  area: "delete",
  requirements: ["rfc7644.delete.no-conflict-after-delete"],
  expectation: "after DELETE, POST {Users} with the same userName answers 201, not 409",
  async run(ctx) {
    const user = await makeUser(ctx);
    const deleted = await ctx.client.send({ method: "DELETE", path: user.path });
    need(deleted.status >= 200 && deleted.status < 300, `DELETE answered ${describeResponse(deleted)}`);
    const again = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: ctx.resources.userBody({ userName: user.body.userName }),
    });
    const e = ctx.expect();
    e.that(
      again.status === 201 || again.status === 200,
      `re-creating ${show(user.body.userName)} answered ${describeResponse(again)}`,
    );
    return e.done();
  },
});

export const deleteUnknown = scimCheck({
  id: "delete.unknown-id.404",
  title: "DELETE of an unknown id answers 404",
  area: "delete",
  requirements: ["rfc7644.delete.unknown-id-404"],
  expectation: "DELETE {Users}/{an id that cannot exist} answers 404",
  async run(ctx) {
    const res = await ctx.client.send({
      method: "DELETE",
      path: resourcePath(usersEndpoint(ctx), ctx.unique.missingId()),
    });
    const e = ctx.expect();
    e.status(res, 404);
    return e.done();
  },
});
