// The PATCH request and response (RFC 7644 §3.5.2): 200 with the resource or 204, 200 whenever
// attributes= is asked, PatchOp bodies validated, operations applied in order and atomically.
import { describeResponse } from "../expect.js";
import { getCi, sameCi, show } from "../support/json.js";
import { patch, patchBody } from "../support/patch.js";
import { makeUser, readBack } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";
import { applied, patchUser, stringToChange } from "./patch-support.js";

export const patchSupported = scimCheck({
  id: "patch.supported.advertised-and-working",
  title: "PATCH is advertised and works",
  area: "patch",
  requirements: ["rfc7644.patch.supported"],
  expectation:
    "the ServiceProviderConfig says patch.supported=true and a PATCH replacing displayName (externalId where the target lists no displayName) succeeds",
  async run(ctx) {
    const e = ctx.expect();
    e.that(
      ctx.discovery.feature("patch") === "advertised",
      "the ServiceProviderConfig does not advertise patch.supported=true",
    );
    const user = await makeUser(ctx);
    const path = stringToChange(ctx, "displayName");
    await applied(ctx, e, user.path, [{ op: "replace", path, value: ctx.unique.name("patched") }]);
    return e.done();
  },
});

export const patchSuccessResponse = scimCheck({
  id: "patch.response.200-or-204",
  title: "A successful PATCH answers 200 with the resource or 204",
  area: "patch",
  requirements: ["rfc7644.patch.success-response"],
  attributes: { User: ["displayName"] },
  expectation:
    "PATCH replace displayName answers 200 with the whole User (new displayName, its id) or 204 with no body",
  async run(ctx) {
    const user = await makeUser(ctx);
    const res = await patch(ctx, user.path, [{ op: "replace", path: "displayName", value: "Patched" }]);
    const e = ctx.expect();
    if (!e.status(res, [200, 204])) return e.done();
    if (res.status === 204) {
      e.that(res.bodyKind === "none", `204 with a body: ${describeResponse(res)}`);
      return e.done();
    }
    e.equal(getCi(res.body, "id"), user.id, "id in the 200 answer");
    e.that(
      sameCi(getCi(res.body, "displayName"), "Patched"),
      `displayName in the 200 answer is ${show(getCi(res.body, "displayName"))}`,
    );
    e.that(
      getCi(res.body, "userName") !== undefined,
      "the 200 answer is not the whole resource (no userName)",
    );
    return e.done();
  },
});

export const patchAttributes200 = scimCheck({
  id: "patch.response.attributes-forces-200",
  title: "PATCH with attributes= answers 200 with the projection",
  area: "patch",
  requirements: ["rfc7644.patch.attributes-forces-200"],
  attributes: { User: ["displayName"] },
  expectation: "PATCH …?attributes=displayName answers 200 (never 204) with displayName and id",
  async run(ctx) {
    const user = await makeUser(ctx);
    const res = await patch(ctx, user.path, [{ op: "replace", path: "displayName", value: "Projected" }], {
      query: { attributes: "displayName" },
    });
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.that(
      sameCi(getCi(res.body, "displayName"), "Projected"),
      `displayName is ${show(getCi(res.body, "displayName"))}`,
    );
    e.equal(getCi(res.body, "id"), user.id, "id");
    return e.done();
  },
});

export const patchMalformed = scimCheck({
  id: "patch.request.malformed-400",
  title: "A malformed PatchOp is refused with 400",
  area: "patch",
  requirements: ["rfc7644.patch.malformed-request-400"],
  expectation:
    'a body without the PatchOp URN, without Operations, with empty Operations, with op "move", or an add without value each answers 400, and title (externalId where the target lists no title) keeps its value',
  async run(ctx) {
    const path = stringToChange(ctx, "title");
    const kept = ctx.unique.name("unchanged");
    const user = await makeUser(ctx, { [path]: kept });
    const op = { op: "replace", path, value: "Changed" };
    const bodies: [string, unknown][] = [
      ["no PatchOp URN", { schemas: [urn.user], Operations: [op] }],
      ["no Operations", { schemas: [urn.patchOp] }],
      ["empty Operations", patchBody([])],
      ['op "move"', patchBody([{ op: "move", path, value: "Changed" }])],
      ["add without value", patchBody([{ op: "add", path }])],
    ];
    const e = ctx.expect();
    for (const [what, body] of bodies) {
      const res = await ctx.client.send({ method: "PATCH", path: user.path, body });
      e.that(res.status === 400, `${what}: ${describeResponse(res)}`);
    }
    const { body } = await readBack(ctx, user.path);
    e.that(sameCi(getCi(body, path), kept), `${path} is now ${show(getCi(body, path))}`);
    return e.done();
  },
});

export const patchSequential = scimCheck({
  id: "patch.operations.in-order",
  title: "Operations apply in order, each to the result of the previous",
  area: "patch",
  requirements: ["rfc7644.patch.sequential"],
  attributes: { User: ["title", "nickName"] },
  expectation:
    'add title "First" then replace title "Second" leaves "Second"; replace nickName then remove nickName leaves none',
  async run(ctx) {
    const user = await makeUser(ctx);
    const e = ctx.expect();
    const first = await applied(ctx, e, user.path, [
      { op: "add", path: "title", value: "First" },
      { op: "replace", path: "title", value: "Second" },
    ]);
    if (first) e.that(sameCi(getCi(first, "title"), "Second"), `title is ${show(getCi(first, "title"))}`);
    const second = await applied(ctx, e, user.path, [
      { op: "replace", path: "nickName", value: "Gone Soon" },
      { op: "remove", path: "nickName" },
    ]);
    if (second)
      e.that(getCi(second, "nickName") === undefined, `nickName is ${show(getCi(second, "nickName"))}`);
    return e.done();
  },
});

export const patchAtomic = scimCheck({
  id: "patch.operations.atomic",
  title: "A PATCH with a failing operation changes nothing",
  area: "patch",
  requirements: ["rfc7644.patch.atomic"],
  attributes: { User: ["title"] },
  expectation:
    "replace title, then replace on a value filter that matches nothing (noTarget): the PATCH fails and title keeps its old value",
  async run(ctx) {
    const user = await patchUser(ctx);
    const res = await patch(ctx, user.path, [
      { op: "replace", path: "title", value: "Half Applied" },
      {
        op: "replace",
        path: `emails[value eq "${ctx.unique.missingId()}@example.org"].type`,
        value: "other",
      },
    ]);
    need(
      res.status >= 400,
      `the server accepted the PATCH (${describeResponse(res)}), so atomicity cannot be judged here`,
    );
    const { body } = await readBack(ctx, user.path);
    const e = ctx.expect();
    e.that(
      sameCi(getCi(body, "title"), "Original Title"),
      `after the failed PATCH title is ${show(getCi(body, "title"))}`,
    );
    return e.done();
  },
});
