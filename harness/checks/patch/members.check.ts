// Group membership through PATCH (RFC 7644 §3.5.2, the examples of §3.5.2.1–§3.5.2.3): the operations
// every provisioning client uses to keep groups in sync.
import type { CheckContext } from "../check-context.js";
import { asArray, getCi } from "../support/json.js";
import type { Made } from "../support/resources.js";
import { makeGroup, makeUser } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { applied } from "./patch-support.js";

async function groupOf(
  ctx: CheckContext,
  members: number,
): Promise<{ group: Made; users: Made[]; spare: Made }> {
  const users: Made[] = [];
  for (let i = 0; i < members; i += 1) users.push(await makeUser(ctx));
  const spare = await makeUser(ctx);
  const group = await makeGroup(ctx, { members: users.map((u) => ({ value: u.id })) });
  return { group, users, spare };
}

function memberIds(body: unknown): string[] {
  return asArray(getCi(body, "members"))
    .map((m) => String(getCi(m, "value")))
    .sort();
}

export const membersAdd = scimCheck({
  id: "patch.members.add",
  title: "add on members appends the new members",
  area: "patch",
  requirements: ["rfc7644.patch.add-with-path"],
  expectation: 'add path "members" with two Users on a Group of one lists all three',
  async run(ctx) {
    const { group, users, spare } = await groupOf(ctx, 1);
    const other = await makeUser(ctx);
    const e = ctx.expect();
    const after = await applied(ctx, e, group.path, [
      { op: "add", path: "members", value: [{ value: spare.id }, { value: other.id }] },
    ]);
    if (after)
      e.equal(memberIds(after), [...users.map((u) => u.id), spare.id, other.id].sort(), "member ids");
    return e.done();
  },
});

export const membersRemoveOne = scimCheck({
  id: "patch.members.remove-one",
  title: 'remove members[value eq "<id>"] removes only that member',
  area: "patch",
  requirements: ["rfc7644.patch.remove-value-path"],
  expectation: "removing one of two members by value filter leaves the other",
  async run(ctx) {
    const { group, users } = await groupOf(ctx, 2);
    const [first, second] = users as [Made, Made];
    const e = ctx.expect();
    const after = await applied(ctx, e, group.path, [
      { op: "remove", path: `members[value eq "${first.id}"]` },
    ]);
    if (after) e.equal(memberIds(after), [second.id], "member ids");
    return e.done();
  },
});

export const membersRemoveAll = scimCheck({
  id: "patch.members.remove-all",
  title: 'remove "members" empties the Group',
  area: "patch",
  requirements: ["rfc7644.patch.remove-attribute"],
  expectation: 'remove path "members" on a Group of two leaves no member',
  async run(ctx) {
    const { group } = await groupOf(ctx, 2);
    const e = ctx.expect();
    const after = await applied(ctx, e, group.path, [{ op: "remove", path: "members" }]);
    if (after) e.equal(memberIds(after), [], "member ids");
    return e.done();
  },
});

export const membersReplace = scimCheck({
  id: "patch.members.replace",
  title: 'replace "members" sets exactly the given members',
  area: "patch",
  requirements: ["rfc7644.patch.replace-multi-valued"],
  expectation: "replace members with one other User on a Group of two leaves only that User",
  async run(ctx) {
    const { group, spare } = await groupOf(ctx, 2);
    const e = ctx.expect();
    const after = await applied(ctx, e, group.path, [
      { op: "replace", path: "members", value: [{ value: spare.id }] },
    ]);
    if (after) e.equal(memberIds(after), [spare.id], "member ids");
    return e.done();
  },
});

export const membersAddExisting = scimCheck({
  id: "patch.members.add-existing",
  title: "Adding a current member again succeeds and changes nothing",
  area: "patch",
  requirements: ["rfc7644.patch.add-existing-value-success"],
  expectation: "add members with a User already in the Group succeeds and the User is listed once",
  async run(ctx) {
    const { group, users } = await groupOf(ctx, 1);
    const [member] = users as [Made];
    const e = ctx.expect();
    const after = await applied(ctx, e, group.path, [
      { op: "add", path: "members", value: [{ value: member.id }] },
    ]);
    if (after) e.equal(memberIds(after), [member.id], "member ids");
    return e.done();
  },
});

export const membersRemoveAbsent = scimCheck({
  id: "patch.members.remove-absent",
  title: "Removing a non-member succeeds without change",
  area: "patch",
  requirements: ["rfc7644.patch.remove-absent-value"],
  expectation: 'remove members[value eq "<a User not in the Group>"] succeeds and the members stay',
  async run(ctx) {
    const { group, users, spare } = await groupOf(ctx, 1);
    const e = ctx.expect();
    const after = await applied(ctx, e, group.path, [
      { op: "remove", path: `members[value eq "${spare.id}"]` },
    ]);
    if (after)
      e.equal(
        memberIds(after),
        users.map((u) => u.id),
        "member ids",
      );
    return e.done();
  },
});
