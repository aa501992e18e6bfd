// Failures inside /Bulk (RFC 7644 §3.7, §3.7.3, §3.7.4): errors reported per operation, processing
// continued or stopped as failOnErrors says, the advertised limits enforced with 413, malformed
// requests refused, and stale versions failing their operation.
import { describeResponse } from "../expect.js";
import { attr, getCi, show } from "../support/json.js";
import { list, literal } from "../support/list.js";
import { makeUser, resourcePath, usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { hasUrn, urn } from "../support/urns.js";
import { bulk, postUser, resultFor, statusOf } from "./bulk-support.js";

export const continueOnError = scimCheck({
  id: "bulk.errors.continue",
  title: "Without failOnErrors a failing operation does not stop the others",
  area: "bulk",
  requirements: ["rfc7644.bulk.continue-on-error"],
  expectation:
    "POST valid, POST without userName, POST valid: three results, the two valid Users created (201)",
  async run(ctx) {
    const { res, results } = await bulk(ctx, [
      postUser(ctx, "ok1"),
      {
        method: "POST",
        path: usersEndpoint(ctx),
        bulkId: "bad",
        data: { schemas: [urn.user], displayName: "no userName" },
      },
      postUser(ctx, "ok2"),
    ]);
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.equal(results.length, 3, "the number of results");
    for (const [id, index] of [
      ["ok1", 0],
      ["ok2", 2],
    ] as const)
      e.equal(statusOf(resultFor(results, id, index)), 201, `the status of ${id}`);
    return e.done();
  },
});

export const failOnErrors = scimCheck({
  id: "bulk.errors.fail-on-errors",
  title: "failOnErrors stops processing at the given number of errors",
  area: "bulk",
  requirements: ["rfc7644.bulk.fail-on-errors"],
  expectation:
    "with failOnErrors=1, a failing POST followed by a valid POST returns one result and the valid User is not created",
  async run(ctx) {
    const later = ctx.unique.userName();
    const { res, results } = await bulk(
      ctx,
      [
        {
          method: "POST",
          path: usersEndpoint(ctx),
          bulkId: "bad",
          data: { schemas: [urn.user], displayName: "no userName" },
        },
        postUser(ctx, "later", { userName: later }),
      ],
      { failOnErrors: 1 },
    );
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.that(
      !results.some((r) => r.bulkId === "later"),
      `the operation after the error was processed: ${show(results.map((r) => r.raw))}`,
    );
    const view = await list(ctx, usersEndpoint(ctx), { filter: `userName eq ${literal(later)}` });
    if (view.isList) e.equal(view.totalResults, 0, `Users named ${later} after the Bulk request`);
    return e.done();
  },
});

export const errorResults = scimCheck({
  id: "bulk.errors.result-carries-error",
  title: "A failed operation's result carries its SCIM Error",
  area: "bulk",
  requirements: ["rfc7644.bulk.error-results"],
  expectation:
    'a POST of a duplicate userName inside /Bulk gives a result with status "409" and a response holding the Error URN, status "409" and scimType uniqueness',
  async run(ctx) {
    const existing = await makeUser(ctx);
    const { res, results } = await bulk(ctx, [postUser(ctx, "dup", { userName: existing.body.userName })]);
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const result = results[0];
    if (!e.that(result !== undefined, `no result: ${describeResponse(res)}`)) return e.done();
    e.equal(result?.status, "409", "the result's status");
    const response = result?.response;
    e.that(hasUrn(getCi(response, "schemas"), urn.error), `response is ${show(response)}`);
    e.equal(getCi(response, "status"), "409", "response.status");
    e.equal(getCi(response, "scimType"), "uniqueness", "response.scimType");
    return e.done();
  },
});

export const limits413 = scimCheck({
  id: "bulk.limits.413",
  title: "Exceeding maxOperations or maxPayloadSize answers 413 naming the limit",
  area: "bulk",
  requirements: ["rfc7644.bulk.limits-413"],
  expectation:
    "a BulkRequest with maxOperations+1 operations, and one larger than maxPayloadSize, each answer 413 with an Error whose detail names the limit (its name or value)",
  async run(ctx) {
    const spcBulk = getCi(ctx.discovery.serviceProviderConfig, "bulk");
    const maxOperations = getCi(spcBulk, "maxOperations");
    const maxPayloadSize = getCi(spcBulk, "maxPayloadSize");
    need(
      typeof maxOperations === "number" && maxOperations <= 5000,
      `bulk.maxOperations is ${show(maxOperations)}`,
    );
    // DELETEs of ids that cannot exist: harmless even if a server processed them.
    const del = () => ({ method: "DELETE", path: resourcePath(usersEndpoint(ctx), ctx.unique.missingId()) });
    const e = ctx.expect();
    const tooMany = await bulk(ctx, Array.from({ length: maxOperations + 1 }, del));
    if (e.scimError(tooMany.res, 413)) {
      const detail = String(getCi(tooMany.res.body, "detail") ?? "");
      e.that(
        /maxOperations/i.test(detail) || detail.includes(String(maxOperations)),
        `the 413 detail does not name the limit: ${show(detail)}`,
      );
    }
    if (typeof maxPayloadSize === "number" && maxPayloadSize <= 4 * 1024 * 1024) {
      const padding = "x".repeat(maxPayloadSize + 1024);
      const tooBig = await bulk(ctx, [{ ...del(), data: { padding } }]);
      if (e.scimError(tooBig.res, 413)) {
        const detail = String(getCi(tooBig.res.body, "detail") ?? "");
        e.that(
          /maxPayloadSize/i.test(detail) || detail.includes(String(maxPayloadSize)),
          `the 413 detail does not name the limit: ${show(detail)}`,
        );
      }
    }
    return e.done();
  },
});

export const malformedBulk = scimCheck({
  id: "bulk.request.malformed-400",
  title: "A malformed BulkRequest is refused with 400 invalidSyntax",
  area: "bulk",
  requirements: ["rfc7644.bulk.malformed-request-400"],
  expectation:
    'a BulkRequest without the BulkRequest URN answers 400 invalidSyntax; a POST operation without data fails with status "400"',
  async run(ctx) {
    const e = ctx.expect();
    const noUrn = await ctx.client.send({
      method: "POST",
      path: "/Bulk",
      body: { schemas: [urn.patchOp], Operations: [] },
    });
    e.scimError(noUrn, 400, "invalidSyntax");
    const { res, results } = await bulk(ctx, [
      { method: "POST", path: usersEndpoint(ctx), bulkId: "nodata" },
    ]);
    const whole = res.status === 400;
    e.that(whole || statusOf(results[0]) === 400, `a POST without data answered ${describeResponse(res)}`);
    return e.done();
  },
});

export const versionPrecondition = scimCheck({
  id: "bulk.version.precondition",
  title: "A stale version in an operation fails it with 412",
  area: "bulk",
  requirements: ["rfc7644.bulk.version-precondition"],
  expectation:
    'a PUT operation carrying the previous version of a User fails with status "412" in its result and changes nothing',
  async run(ctx) {
    need(ctx.discovery.feature("etag") === "advertised", "the target does not advertise ETags");
    const user = await makeUser(ctx, { displayName: "Bulk V1" });
    const first = await ctx.client.send({ method: "GET", path: user.path });
    const stale = first.header("etag") ?? attr(first.body, "meta.version");
    need(typeof stale === "string", "the User has no version");
    const put = await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: { ...user.body, displayName: "Bulk V2" },
    });
    need(
      put.status === 200 || put.status === 204,
      `the PUT making a new version answered ${describeResponse(put)}`,
    );
    const { res, results } = await bulk(ctx, [
      { method: "PUT", path: user.path, version: stale, data: { ...user.body, displayName: "Bulk Stale" } },
    ]);
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    e.equal(statusOf(results[0]), 412, "the status of the stale PUT");
    return e.done();
  },
});
