// The Okta provisioning client's group push and timing expectations (Okta developer docs, "Okta and
// SCIM Version 2.0"; Okta SCIM 2.0 SPEC Test). User sequences are fixture cases in
// fixtures/cases/interop/okta/. These checks run only under --profile okta.
import { describeResponse } from "../expect.js";
import { asArray, getCi, sameCi, show } from "../support/json.js";
import { groupsEndpoint, makeGroup, makeUser, readBack } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";

function memberIds(body: unknown): string[] {
  return asArray(getCi(body, "members"))
    .map((m) => String(getCi(m, "value")))
    .sort();
}

export const groupsResponseTime = scimCheck({
  id: "interop.okta.groups-response-time",
  title: "Okta — GET /Groups answers within 600 ms",
  area: "interop",
  profile: "okta",
  requirements: ["interop.okta.groups-response-time"],
  expectation: "GET /Groups?count=100 answers 200 within 600 ms (the Okta SPEC Test's bound)",
  async run(ctx) {
    const endpoint = groupsEndpoint(ctx);
    const res = await ctx.client.send({ method: "GET", path: endpoint, query: { count: 100 } });
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.that(res.exchange.durationMs <= 600, `GET ${endpoint} took ${res.exchange.durationMs} ms`);
    return e.done();
  },
});

export const groupPush = scimCheck({
  id: "interop.okta.group-push",
  title: "Okta group push — rename with the id echoed, add and remove members, clear",
  area: "interop",
  profile: "okta",
  requirements: ["interop.okta.group-rename-with-id", "interop.okta.group-membership"],
  expectation:
    'replace without path {"id": <unchanged id>, "displayName": <new>} renames the Group; add on members with two Users and remove members[value eq <one>] leave exactly the other; replace members [] empties it',
  async run(ctx) {
    groupsEndpoint(ctx);
    const group = await makeGroup(ctx);
    const [a, b] = [await makeUser(ctx), await makeUser(ctx)];
    const e = ctx.expect();
    const send = (operations: unknown[]) =>
      ctx.client.send({
        method: "PATCH",
        path: group.path,
        body: { schemas: [urn.patchOp], Operations: operations },
      });
    const renameReq = { requirements: ["interop.okta.group-rename-with-id"] };
    const memberReq = { requirements: ["interop.okta.group-membership"] };
    const newName = `${String(group.body.displayName)}-renamed`;
    const rename = await send([{ op: "replace", value: { id: group.id, displayName: newName } }]);
    if (
      e.that(
        rename.status === 200 || rename.status === 204,
        `the rename answered ${describeResponse(rename)}`,
        renameReq,
      )
    ) {
      const { body } = await readBack(ctx, group.path);
      e.that(
        sameCi(getCi(body, "displayName"), newName),
        `displayName is ${show(getCi(body, "displayName"))}`,
        renameReq,
      );
    }
    const added = await send([
      {
        op: "add",
        path: "members",
        value: [
          { value: a.id, display: "a" },
          { value: b.id, display: "b" },
        ],
      },
    ]);
    if (
      e.that(
        added.status === 200 || added.status === 204,
        `add members answered ${describeResponse(added)}`,
        memberReq,
      )
    ) {
      e.equal(
        memberIds((await readBack(ctx, group.path)).body),
        [a.id, b.id].sort(),
        "members after add",
        memberReq,
      );
    }
    const removed = await send([{ op: "remove", path: `members[value eq "${a.id}"]` }]);
    if (
      e.that(
        removed.status === 200 || removed.status === 204,
        `remove member answered ${describeResponse(removed)}`,
        memberReq,
      )
    ) {
      e.equal(memberIds((await readBack(ctx, group.path)).body), [b.id], "members after remove", memberReq);
    }
    const cleared = await send([{ op: "replace", path: "members", value: [] }]);
    if (
      e.that(
        cleared.status === 200 || cleared.status === 204,
        `replace members [] answered ${describeResponse(cleared)}`,
        memberReq,
      )
    ) {
      e.equal(memberIds((await readBack(ctx, group.path)).body), [], "members after replace []", memberReq);
    }
    return e.done();
  },
});
