// Group membership as both sides show it (RFC 7643 §4.2 members, §4.1.2 groups): members[].value is
// the member's id and $ref its URI; User.groups, when a server returns it, follows the Group.
import { describeResponse } from "../expect.js";
import { asArray, getCi, show } from "../support/json.js";
import { makeGroup, makeUser, readBack } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";

export const groupMembers = scimCheck({
  id: "representation.group.members",
  title: "Group members name their member's id and URI",
  area: "representation",
  requirements: ["rfc7643.representation.group-members"],
  expectation:
    "a Group created with a User as member lists members[].value equal to the User's id, and members[].$ref (when present) is a URI whose GET returns that User",
  async run(ctx) {
    const user = await makeUser(ctx);
    const group = await makeGroup(ctx, { members: [{ value: user.id }] });
    const { body } = await readBack(ctx, group.path);
    const e = ctx.expect();
    const members = asArray(getCi(body, "members"));
    const member = members.find((m) => getCi(m, "value") === user.id);
    if (!e.that(member !== undefined, `members is ${show(members)}, expected a value ${user.id}`))
      return e.done();
    const ref = getCi(member, "$ref");
    if (ref !== undefined) {
      const target = new URL(String(ref), `${ctx.run.baseUrl}/`);
      if (
        e.that(target.origin === new URL(ctx.run.baseUrl).origin, `$ref ${show(ref)} is not on the target`)
      ) {
        const read = await ctx.client.send({ method: "GET", path: target.href });
        e.that(
          read.status === 200 && getCi(read.body, "id") === user.id,
          `GET of $ref ${show(ref)} answered ${describeResponse(read)}`,
        );
      }
    }
    return e.done();
  },
});

export const userGroups = scimCheck({
  id: "representation.user.groups",
  title: "User.groups lists the Groups a User belongs to and follows changes",
  area: "representation",
  requirements: ["rfc7643.representation.user-groups"],
  expectation:
    "when the server returns User.groups: after the User is added to a Group it lists groups[].value equal to the Group id ($ref its URI); after the User is removed from the Group it no longer does",
  async run(ctx) {
    const user = await makeUser(ctx);
    const group = await makeGroup(ctx, { members: [{ value: user.id }] });
    const { body } = await readBack(ctx, user.path);
    const groups = asArray(getCi(body, "groups"));
    need(
      groups.length > 0,
      "the server does not return User.groups (optional), so there is nothing to check",
    );
    const e = ctx.expect();
    const entry = groups.find((g) => getCi(g, "value") === group.id);
    if (!e.that(entry !== undefined, `groups is ${show(groups)}, expected a value ${group.id}`))
      return e.done();
    const ref = getCi(entry, "$ref");
    if (ref !== undefined)
      e.that(
        String(ref).endsWith(`/${group.id}`) || String(ref).endsWith(`/${encodeURIComponent(group.id)}`),
        `groups[].$ref is ${show(ref)}`,
      );
    const removed = await ctx.client.send({
      method: "PUT",
      path: group.path,
      body: { ...group.body, members: [] },
    });
    need(
      removed.status === 200 || removed.status === 204,
      `could not empty the Group with PUT: ${describeResponse(removed)}`,
    );
    const after = asArray(getCi((await readBack(ctx, user.path)).body, "groups"));
    e.that(
      !after.some((g) => getCi(g, "value") === group.id),
      `after leaving the Group, groups is still ${show(after)}`,
    );
    return e.done();
  },
});
