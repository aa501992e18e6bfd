// Replacing a resource with PUT (RFC 7644 §3.5.1): supported for every type, 200 with the resource
// (a SHOULD: only put.response.status-200 judges a 204; the other checks read the result back),
// supplied values replace (multi-valued as a whole), null and [] clear.

import { describeResponse } from "../expect.js";
import { leftOut, listedStringOr } from "../support/advertised-attributes.js";
import { asArray, assigned, getCi, sameCi, show } from "../support/json.js";
import { makeGroup, makeUser, readBack } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";

export const putSupported = scimCheck({
  id: "put.supported.users-and-groups",
  title: "PUT is implemented for Users and Groups",
  area: "put",
  requirements: ["rfc7644.put.supported"],
  expectation: "PUT {Users}/{id} and PUT {Groups}/{id} with a valid body answer 2xx, never 405 or 501",
  async run(ctx) {
    const e = ctx.expect();
    const user = await makeUser(ctx);
    const u = await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: { ...user.body, displayName: "Put" },
    });
    e.that(u.status >= 200 && u.status < 300, `PUT of a User answered ${describeResponse(u)}`);
    if (ctx.discovery.resourceType("Group") !== undefined) {
      const group = await makeGroup(ctx);
      const g = await ctx.client.send({ method: "PUT", path: group.path, body: group.body });
      e.that(g.status >= 200 && g.status < 300, `PUT of a Group answered ${describeResponse(g)}`);
    }
    return e.done();
  },
});

export const put200 = scimCheck({
  id: "put.response.status-200",
  title: "A successful PUT answers 200 with the whole resource",
  area: "put",
  requirements: ["rfc7644.put.status-200-with-resource"],
  expectation:
    "PUT {Users}/{id} answers 200 with the User (its id and the new displayName, or the new value of another attribute the target lists)",
  async run(ctx) {
    const field = listedStringOr(ctx, ["displayName", "title", "nickName"]);
    const user = await makeUser(ctx);
    const res = await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: { ...user.body, [field]: "Replaced" },
    });
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.equal(getCi(res.body, "id"), user.id, "id in the PUT answer");
    e.that(sameCi(getCi(res.body, field), "Replaced"), `${field} is ${show(getCi(res.body, field))}`);
    return e.done();
  },
});

function emailValues(body: unknown): string[] {
  return asArray(getCi(body, "emails"))
    .map((m) => String(getCi(m, "value")).toLowerCase())
    .sort();
}

export const putReplaces = scimCheck({
  id: "put.values.replaced",
  title: "PUT replaces supplied values, multi-valued attributes as a whole",
  area: "put",
  requirements: ["rfc7644.put.replaces-supplied-values"],
  expectation:
    "a User with two emails and a title, PUT with one other email and another title, reads back with exactly that email and title (each half where the target lists its attribute)",
  async run(ctx) {
    const tag = ctx.unique.name("put");
    // Each half runs where the target lists its attribute (RFC 7643 §7).
    const title = leftOut(ctx, "title", ["title"]) === undefined;
    const emails = leftOut(ctx, "emails", ["emails.value"]) === undefined;
    need(title || emails, "the target lists neither title nor emails in /Schemas");
    const user = await makeUser(ctx, {
      ...(title ? { title: "Before" } : {}),
      ...(emails
        ? {
            emails: [
              { value: `${tag}-1@example.org`, type: "work" },
              { value: `${tag}-2@example.org`, type: "home" },
            ],
          }
        : {}),
    });
    const put = await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: {
        ...user.body,
        ...(title ? { title: "After" } : {}),
        ...(emails ? { emails: [{ value: `${tag}-3@example.org`, type: "work" }] } : {}),
      },
    });
    need(put.status === 200 || put.status === 204, `PUT answered ${describeResponse(put)}`);
    const { body } = await readBack(ctx, user.path);
    const e = ctx.expect();
    if (title) e.that(sameCi(getCi(body, "title"), "After"), `title is ${show(getCi(body, "title"))}`);
    if (emails) e.equal(emailValues(body), [`${tag}-3@example.org`], "the emails after PUT");
    return e.done();
  },
});

export const putReplacesMembers = scimCheck({
  id: "put.values.group-members-replaced",
  title: "PUT of a Group replaces its member list",
  area: "put",
  requirements: ["rfc7644.put.replaces-supplied-values"],
  expectation: "a Group with members u1 and u2, PUT with members [u3], lists exactly u3",
  async run(ctx) {
    const [u1, u2, u3] = [await makeUser(ctx), await makeUser(ctx), await makeUser(ctx)];
    const group = await makeGroup(ctx, { members: [{ value: u1.id }, { value: u2.id }] });
    const put = await ctx.client.send({
      method: "PUT",
      path: group.path,
      body: { ...group.body, members: [{ value: u3.id }] },
    });
    need(put.status === 200 || put.status === 204, `PUT answered ${describeResponse(put)}`);
    const { body } = await readBack(ctx, group.path);
    const e = ctx.expect();
    e.equal(
      asArray(getCi(body, "members")).map((m) => getCi(m, "value")),
      [u3.id],
      "member values after PUT",
    );
    return e.done();
  },
});

export const putNullClears = scimCheck({
  id: "put.values.null-clears",
  title: "PUT with null or [] leaves an attribute unassigned",
  area: "put",
  requirements: ["rfc7644.put.null-clears"],
  expectation:
    'PUT with "title": null, "emails": [] and "active": null leaves title, emails and active unassigned (no default re-applied)',
  async run(ctx) {
    const tag = ctx.unique.name("pnull");
    const user = await makeUser(ctx, {
      title: "Clear Me",
      active: true,
      emails: [{ value: `${tag}@example.org`, type: "work" }],
    });
    const put = await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: { ...user.body, title: null, emails: [], active: null },
    });
    need(put.status === 200 || put.status === 204, `PUT answered ${describeResponse(put)}`);
    const { body } = await readBack(ctx, user.path);
    const e = ctx.expect();
    for (const name of ["title", "emails", "active"])
      e.that(!assigned(getCi(body, name)), `${name} reads back as ${show(getCi(body, name))}`);
    return e.done();
  },
});
