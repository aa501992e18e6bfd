// POST /Groups (RFC 7644 §3.3, RFC 7643 §4.2): 201, a Location equal to meta.location, and members
// that refer to existing Users.
import { describeResponse } from "../expect.js";
import { asArray, getCi, show } from "../support/json.js";
import { groupsEndpoint, makeUser, readBack } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";

export const createGroup201 = scimCheck({
  id: "create.group.status-201",
  title: "POST of a minimal Group answers 201 Created",
  area: "create",
  requirements: ["rfc7644.create.status-201"],
  expectation: "POST {Groups} with schemas and a fresh displayName answers 201 (RFC 7644 §3.3)",
  async run(ctx) {
    const res = await ctx.client.send({
      method: "POST",
      path: groupsEndpoint(ctx),
      body: ctx.resources.groupBody(),
    });
    const e = ctx.expect();
    e.status(res, 201);
    return e.done();
  },
});

export const createGroupLocation = scimCheck({
  id: "create.group.location-header",
  title: "A created Group's Location header equals its meta.location",
  area: "create",
  requirements: ["rfc7644.create.location-header"],
  expectation:
    "the 201 answer to POST {Groups} has a Location header equal to meta.location in the body, and GET on it returns the Group",
  async run(ctx) {
    const res = await ctx.client.send({
      method: "POST",
      path: groupsEndpoint(ctx),
      body: ctx.resources.groupBody(),
    });
    const e = ctx.expect();
    if (!e.status(res, [201, 200])) return e.done();
    const location = res.header("location");
    const metaLocation = getCi(getCi(res.body, "meta"), "location");
    if (!e.header(res, "Location", "present")) return e.done();
    e.that(
      location === metaLocation,
      `Location is ${show(location)} but meta.location is ${show(metaLocation)}`,
    );
    const read = await ctx.client.send({ method: "GET", path: String(location) });
    e.that(
      read.status === 200 && getCi(read.body, "id") === getCi(res.body, "id"),
      `GET of the Location answered ${describeResponse(read)}`,
    );
    return e.done();
  },
});

export const createGroupWithMembers = scimCheck({
  id: "create.group.with-members",
  title: "A Group created with members lists them",
  area: "create",
  requirements: ["rfc7644.create.group-with-members"],
  expectation:
    "POST {Groups} with two existing Users as members answers 201 and the Group lists both member ids",
  async run(ctx) {
    const endpoint = groupsEndpoint(ctx);
    const a = await makeUser(ctx);
    const b = await makeUser(ctx);
    const res = await ctx.client.send({
      method: "POST",
      path: endpoint,
      body: ctx.resources.groupBody({ members: [{ value: a.id }, { value: b.id }] }),
    });
    const e = ctx.expect();
    if (!e.status(res, [201, 200])) return e.done();
    const id = getCi(res.body, "id");
    if (!e.that(typeof id === "string", `no id: ${describeResponse(res)}`)) return e.done();
    const { body } = await readBack(ctx, `${endpoint}/${encodeURIComponent(String(id))}`);
    const values = asArray(getCi(body, "members")).map((m) => getCi(m, "value"));
    for (const member of [a.id, b.id]) {
      e.that(
        values.includes(member),
        `member ${member} is not listed: members is ${show(getCi(body, "members"))}`,
      );
    }
    return e.done();
  },
});
