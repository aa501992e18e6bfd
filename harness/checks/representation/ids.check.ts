// The "id" attribute (RFC 7643 §3.1): present everywhere, unique, stable, assigned by the server, and
// never the string "bulkId".
import { describeResponse } from "../expect.js";
import { getCi, show } from "../support/json.js";
import { list, scopedUsers } from "../support/list.js";
import { patch } from "../support/patch.js";
import { get, makeGroup, makeUser, readBack, usersEndpoint } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";

export const idPresent = scimCheck({
  id: "representation.id.present",
  title: "Every representation carries a non-empty id",
  area: "representation",
  requirements: ["rfc7643.representation.id-present"],
  expectation:
    "the POST answer, a GET, a list entry and a projected GET (attributes=userName) of a User each carry a non-empty string id",
  async run(ctx) {
    const tag = ctx.unique.name("idp");
    const user = await makeUser(ctx, { userName: `${tag}-a` });
    const e = ctx.expect();
    const bodies: [string, unknown][] = [
      ["the POST answer", user.resource],
      ["GET", (await readBack(ctx, user.path)).body],
      ["GET ?attributes=userName", (await get(ctx, user.path, { attributes: "userName" })).body],
    ];
    const view = await list(ctx, usersEndpoint(ctx), { filter: scopedUsers(tag), attributes: "userName" });
    for (const r of view.resources) bodies.push(["a list entry", r]);
    for (const [where, body] of bodies) {
      const id = getCi(body, "id");
      e.that(typeof id === "string" && id.length > 0, `${where}: id is ${show(id)}`);
    }
    return e.done();
  },
});

export const idUnique = scimCheck({
  id: "representation.id.unique",
  title: "Server-assigned ids are distinct, across resource types",
  area: "representation",
  requirements: ["rfc7643.representation.id-unique"],
  expectation:
    "two Users, and a Group whose displayName equals the first User's userName, get three different ids (a server deriving ids from names would repeat one)",
  async run(ctx) {
    const name = ctx.unique.name("same");
    const ids = [(await makeUser(ctx, { userName: name })).id, (await makeUser(ctx)).id];
    if (ctx.discovery.resourceType("Group") !== undefined)
      ids.push((await makeGroup(ctx, { displayName: name })).id);
    const e = ctx.expect();
    e.that(new Set(ids).size === ids.length, `ids repeat: ${show(ids)}`);
    return e.done();
  },
});

export const idStable = scimCheck({
  id: "representation.id.stable",
  title: "A resource's id survives reads, PUT and PATCH",
  area: "representation",
  requirements: ["rfc7643.representation.id-stable"],
  expectation: "after two GETs, a PUT and a PATCH, the User still answers with the id it was created with",
  async run(ctx) {
    const user = await makeUser(ctx, { displayName: "Stable" });
    const e = ctx.expect();
    const first = await readBack(ctx, user.path);
    const put = await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: { ...user.body, displayName: "Still Stable" },
    });
    const patched = await patch(ctx, user.path, [
      { op: "replace", path: "displayName", value: "Stable Again" },
    ]);
    const last = await readBack(ctx, user.path);
    for (const [where, body] of [
      ["GET", first.body],
      ["the PUT answer", put.status === 200 ? put.body : undefined],
      ["the PATCH answer", patched.status === 200 ? patched.body : undefined],
      ["the last GET", last.body],
    ] as const) {
      if (body === undefined) continue;
      e.equal(getCi(body, "id"), user.id, `id in ${where}`);
    }
    return e.done();
  },
});

export const idAssignedByServer = scimCheck({
  id: "representation.id.assigned-by-server",
  title: "A client-supplied id is neither used nor an error",
  area: "representation",
  requirements: ["rfc7643.representation.id-assigned-by-server"],
  expectation:
    "POST {Users} with an id chosen by the client answers 2xx with a different, server-assigned id",
  async run(ctx) {
    const chosen = `${ctx.run.prefix}my-own-id`;
    const res = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: ctx.resources.userBody({ id: chosen }),
    });
    const e = ctx.expect();
    if (!e.status(res, [201, 200])) return e.done();
    const id = getCi(res.body, "id");
    e.that(
      typeof id === "string" && id !== chosen,
      `the new User's id is ${show(id)}: ${describeResponse(res)}`,
    );
    return e.done();
  },
});

export const idNotBulkId = scimCheck({
  id: "representation.id.not-bulkid",
  title: 'No server-issued id contains "bulkId"',
  area: "representation",
  requirements: ["rfc7643.representation.id-not-bulkid"],
  expectation:
    'the ids of a created User and Group do not contain the reserved string "bulkId" (RFC 7643 §3.1)',
  async run(ctx) {
    const ids = [(await makeUser(ctx)).id];
    if (ctx.discovery.resourceType("Group") !== undefined) ids.push((await makeGroup(ctx)).id);
    const e = ctx.expect();
    for (const id of ids) e.that(!id.includes("bulkId"), `id ${id} contains "bulkId"`);
    return e.done();
  },
});
