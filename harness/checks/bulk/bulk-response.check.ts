// /Bulk (RFC 7644 §3.7, §3.7.1–§3.7.3): a BulkResponse with one result per operation, bulkIds
// echoed and resolved (also circularly), and the intent of the request preserved.
import { describeResponse } from "../expect.js";
import { asArray, attr, getCi, show } from "../support/json.js";
import {
  groupsEndpoint,
  makeGroup,
  makeUser,
  readBack,
  resourcePath,
  usersEndpoint,
} from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { hasUrn, urn } from "../support/urns.js";
import { bulk, idOf, postUser, resultFor, statusOf } from "./bulk-support.js";

export const bulkResponse = scimCheck({
  id: "bulk.response.bulk-response",
  title: "POST /Bulk answers 200 with a BulkResponse",
  area: "bulk",
  requirements: ["rfc7644.bulk.response"],
  expectation: `POST /Bulk with two User POSTs answers 200 with schemas ["${urn.bulkResponse}"]`,
  async run(ctx) {
    const { res } = await bulk(ctx, [postUser(ctx, "u1"), postUser(ctx, "u2")]);
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.that(
      hasUrn(getCi(res.body, "schemas"), urn.bulkResponse),
      `schemas is ${show(getCi(res.body, "schemas"))}`,
    );
    return e.done();
  },
});

export const bulkResults = scimCheck({
  id: "bulk.response.operation-results",
  title: "Each operation has a result with method, status and location",
  area: "bulk",
  requirements: ["rfc7644.bulk.operation-results"],
  expectation:
    'a POST, a PUT, a PATCH and a DELETE in one BulkRequest give four results with their method, location and status "201", "200", "200" or "204", and "204"',
  async run(ctx) {
    const a = await makeUser(ctx);
    const b = await makeUser(ctx);
    const { res, results } = await bulk(ctx, [
      postUser(ctx, "new"),
      { method: "PUT", path: a.path, data: { ...a.body, displayName: "Bulk PUT" } },
      {
        method: "PATCH",
        path: b.path,
        data: {
          schemas: [urn.patchOp],
          Operations: [{ op: "replace", path: "displayName", value: "Bulk PATCH" }],
        },
      },
      { method: "DELETE", path: b.path },
    ]);
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    if (!e.that(results.length === 4, `${results.length} results for 4 operations: ${describeResponse(res)}`))
      return e.done();
    const expected: [string, readonly number[]][] = [
      ["POST", [201]],
      ["PUT", [200]],
      ["PATCH", [200, 204]],
      ["DELETE", [204]],
    ];
    results.forEach((r, i) => {
      const [method, statuses] = expected[i] as [string, readonly number[]];
      e.that(
        String(r.method).toUpperCase() === method,
        `result ${i + 1}: method is ${show(r.method)}, expected ${method}`,
      );
      e.that(
        typeof r.status === "string" && statuses.includes(Number(r.status)),
        `result ${i + 1} (${method}): status is ${show(r.status)}, expected ${statuses.map((s) => `"${s}"`).join(" or ")}`,
      );
      e.that(
        typeof r.location === "string" && r.location.length > 0,
        `result ${i + 1} (${method}): location is ${show(r.location)}`,
      );
    });
    return e.done();
  },
});

export const bulkIdEchoed = scimCheck({
  id: "bulk.bulk-id.echoed",
  title: "Each POST result echoes its bulkId",
  area: "bulk",
  requirements: ["rfc7644.bulk.bulk-id-echoed"],
  expectation: 'the results of POSTs with bulkIds "qwerty" and "ytrewq" carry those bulkIds',
  async run(ctx) {
    const { res, results } = await bulk(ctx, [postUser(ctx, "qwerty"), postUser(ctx, "ytrewq")]);
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const ids = results.map((r) => r.bulkId).sort();
    e.equal(ids, ["qwerty", "ytrewq"], "the bulkIds in the results");
    return e.done();
  },
});

export const bulkIdReferences = scimCheck({
  id: "bulk.bulk-id.references-resolved",
  title: '"bulkId:" references are replaced by the new ids',
  area: "bulk",
  requirements: ["rfc7644.bulk.bulk-id-references"],
  expectation:
    'a Group POSTed with members [{"value": "bulkId:user1"}] after the POST of user1 lists the new User\'s id (and, with the enterprise extension, a manager "bulkId:user1" resolves too)',
  async run(ctx) {
    groupsEndpoint(ctx);
    const enterprise = ctx.discovery
      .resourceType("User")
      ?.schemaExtensions.some((x) => x.schema.toLowerCase() === urn.enterprise.toLowerCase());
    const ops = [
      postUser(ctx, "user1"),
      {
        method: "POST",
        path: groupsEndpoint(ctx),
        bulkId: "group1",
        data: ctx.resources.groupBody({ members: [{ type: "User", value: "bulkId:user1" }] }),
      },
    ];
    if (enterprise)
      ops.push(
        postUser(ctx, "report1", {
          schemas: [urn.user, urn.enterprise],
          [urn.enterprise]: { manager: { value: "bulkId:user1" } },
        }),
      );
    const { res, results } = await bulk(ctx, ops);
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const userId = idOf(resultFor(results, "user1", 0));
    const groupId = idOf(resultFor(results, "group1", 1));
    need(userId !== undefined, `the POST of user1 did not succeed: ${describeResponse(res)}`);
    if (
      !e.that(
        groupId !== undefined,
        `the Group POST referencing "bulkId:user1" failed: ${show(resultFor(results, "group1", 1)?.raw)}`,
      )
    )
      return e.done();
    const group = (await readBack(ctx, resourcePath(groupsEndpoint(ctx), String(groupId)))).body;
    const values = asArray(getCi(group, "members")).map((m) => getCi(m, "value"));
    e.equal(values, [userId], "the Group's member values");
    const reportId = idOf(resultFor(results, "report1", 2));
    if (enterprise && reportId !== undefined) {
      const report = (await readBack(ctx, resourcePath(usersEndpoint(ctx), reportId))).body;
      e.equal(
        attr(report, `${urn.enterprise}:manager.value`),
        userId,
        "the manager.value of the second User",
      );
    }
    return e.done();
  },
});

export const intentPreserved = scimCheck({
  id: "bulk.intent.preserved",
  title: "Operations take effect as if run in the order sent",
  area: "bulk",
  requirements: ["rfc7644.bulk.intent-preserved"],
  expectation:
    'a PATCH adding "bulkId:newbie" to an existing Group, sent before the POST that creates newbie, ends with the new User in the Group',
  async run(ctx) {
    const group = await makeGroup(ctx);
    const { res, results } = await bulk(ctx, [
      {
        method: "PATCH",
        path: group.path,
        data: {
          schemas: [urn.patchOp],
          Operations: [{ op: "add", path: "members", value: [{ value: "bulkId:newbie" }] }],
        },
      },
      postUser(ctx, "newbie"),
    ]);
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const userId = idOf(resultFor(results, "newbie", 1));
    need(userId !== undefined, `the POST of newbie did not succeed: ${describeResponse(res)}`);
    const values = asArray(getCi((await readBack(ctx, group.path)).body, "members")).map((m) =>
      getCi(m, "value"),
    );
    e.that(values.includes(userId), `the Group's members are ${show(values)}, expected ${userId} among them`);
    return e.done();
  },
});

export const circularReferences = scimCheck({
  id: "bulk.bulk-id.circular",
  title: "Circular bulkId references are resolved or refused with 409",
  area: "bulk",
  requirements: ["rfc7644.bulk.circular-references"],
  expectation:
    "two Groups POSTed as members of each other are both created with each other as member, or the operations fail with 409",
  async run(ctx) {
    const endpoint = groupsEndpoint(ctx);
    const { res, results } = await bulk(ctx, [
      {
        method: "POST",
        path: endpoint,
        bulkId: "ga",
        data: ctx.resources.groupBody({ members: [{ type: "Group", value: "bulkId:gb" }] }),
      },
      {
        method: "POST",
        path: endpoint,
        bulkId: "gb",
        data: ctx.resources.groupBody({ members: [{ type: "Group", value: "bulkId:ga" }] }),
      },
    ]);
    const e = ctx.expect();
    if (!e.status(res, [200, 409])) return e.done();
    if (res.status === 409 || results.some((r) => statusOf(r) === 409)) return e.done();
    const a = idOf(resultFor(results, "ga", 0));
    const b = idOf(resultFor(results, "gb", 1));
    if (
      !e.that(
        a !== undefined && b !== undefined,
        `the two POSTs answered ${show(results.map((r) => r.status))}`,
      )
    )
      return e.done();
    const membersOf = async (id: string) =>
      asArray(getCi((await readBack(ctx, resourcePath(endpoint, id))).body, "members")).map((m) =>
        getCi(m, "value"),
      );
    e.equal(await membersOf(String(a)), [b], "the members of group ga");
    e.equal(await membersOf(String(b)), [a], "the members of group gb");
    return e.done();
  },
});
