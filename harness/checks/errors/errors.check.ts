// Error responses (RFC 7644 §3.12): every error is JSON with the Error URN and a string status equal to
// the HTTP code, scimType from the registered set and fitting the failure, errors never disguised as
// 200, unknown endpoints 404 and unsupported operations 501.
import type { ScimResponse } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import { getCi, show } from "../support/json.js";
import { makeUser, resourcePath, usersEndpoint } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { hasUrn, urn } from "../support/urns.js";

interface Provoked {
  readonly what: string;
  readonly res: ScimResponse;
  /** The status and scimType RFC 7644 §3.12 (Table 9, §3.3) assign to this failure, if any. */
  readonly fits?: readonly [number, string];
}

/** Five failures every server can be asked for without side effects. */
async function provoke(ctx: CheckContext): Promise<Provoked[]> {
  const users = usersEndpoint(ctx);
  const missing = resourcePath(users, ctx.unique.missingId());
  const existing = await makeUser(ctx);
  return [
    { what: "GET of an unknown id", res: await ctx.client.send({ method: "GET", path: missing }) },
    {
      what: "an invalid filter",
      res: await ctx.client.send({ method: "GET", path: users, query: { filter: 'userName eq "x" and' } }),
      fits: [400, "invalidFilter"],
    },
    {
      what: "a duplicate userName",
      res: await ctx.client.send({
        method: "POST",
        path: users,
        body: ctx.resources.userBody({ userName: existing.body.userName }),
      }),
      fits: [409, "uniqueness"],
    },
    {
      what: "a body that is not JSON",
      res: await ctx.client.send({
        method: "POST",
        path: users,
        rawBody: "{not json",
        headers: { "Content-Type": "application/scim+json" },
      }),
      fits: [400, "invalidSyntax"],
    },
    {
      what: "PUT of an unknown id",
      res: await ctx.client.send({ method: "PUT", path: missing, body: ctx.resources.userBody() }),
    },
  ];
}

const registered = new Set([
  "invalidFilter",
  "tooMany",
  "uniqueness",
  "mutability",
  "invalidSyntax",
  "invalidPath",
  "noTarget",
  "invalidValue",
  "invalidVers",
  "sensitive",
  "invalidCursor",
  "expiredCursor",
  "invalidCount",
]);

export const jsonErrorBody = scimCheck({
  id: "errors.body.json-with-urn",
  title: "Every error has a JSON body with the Error URN",
  area: "errors",
  requirements: ["rfc7644.errors.json-error-body"],
  expectation:
    "a 404, a bad filter, a duplicate, unparsable JSON and a PUT to an unknown id are answered with JSON bodies whose schemas holds the Error URN",
  async run(ctx) {
    const e = ctx.expect();
    for (const { what, res } of await provoke(ctx)) {
      if (res.status < 400) continue;
      e.that(
        res.bodyKind === "json" && hasUrn(getCi(res.body, "schemas"), urn.error),
        `${what}: ${describeResponse(res)}`,
      );
    }
    return e.done();
  },
});

export const statusString = scimCheck({
  id: "errors.body.status-string",
  title: "The Error status is the HTTP code as a string",
  area: "errors",
  requirements: ["rfc7644.errors.status-string"],
  expectation:
    'the same errors carry "status" as a JSON string equal to the HTTP status code (e.g. "404", not 404)',
  async run(ctx) {
    const e = ctx.expect();
    for (const { what, res } of await provoke(ctx)) {
      if (res.status < 400 || res.bodyKind !== "json") continue;
      const status = getCi(res.body, "status");
      e.that(status === String(res.status), `${what}: HTTP ${res.status} with "status" ${show(status)}`);
    }
    return e.done();
  },
});

export const scimTypeRegistered = scimCheck({
  id: "errors.scim-type.registered-and-fitting",
  title: "scimType is a registered keyword that fits the failure",
  area: "errors",
  requirements: ["rfc7644.errors.scim-type-registered"],
  expectation:
    "every scimType sent is a registered one; a bad filter says invalidFilter, a duplicate uniqueness, unparsable JSON invalidSyntax",
  async run(ctx) {
    const e = ctx.expect();
    for (const { what, res, fits } of await provoke(ctx)) {
      const type = getCi(res.body, "scimType");
      if (type !== undefined)
        e.that(
          typeof type === "string" && registered.has(type),
          `${what}: scimType ${show(type)} is not registered`,
        );
      if (fits !== undefined && res.status === fits[0]) {
        e.that(type === fits[1], `${what}: scimType is ${show(type)}, expected ${fits[1]}`);
      }
    }
    return e.done();
  },
});

export const httpStatusUsed = scimCheck({
  id: "errors.status.http-error-code",
  title: "Errors use an HTTP error status, never 200",
  area: "errors",
  requirements: ["rfc7644.errors.http-status-used"],
  expectation:
    "each of the provoked failures is answered with a 4xx status, not a 2xx carrying an Error body",
  async run(ctx) {
    const e = ctx.expect();
    for (const { what, res } of await provoke(ctx)) {
      e.that(res.status >= 400 && res.status < 500, `${what}: ${describeResponse(res)}`);
    }
    return e.done();
  },
});

export const unknownEndpoint = scimCheck({
  id: "errors.unknown-endpoint.404",
  title: "A path that is no SCIM endpoint answers 404",
  area: "errors",
  requirements: ["rfc7644.errors.unknown-endpoint-404"],
  expectation: "GET {base}/ScimcNoSuchEndpoint answers 404",
  async run(ctx) {
    const res = await ctx.client.send({ method: "GET", path: `/ScimcNoSuchEndpoint${ctx.run.id}` });
    const e = ctx.expect();
    e.status(res, 404);
    return e.done();
  },
});

export const unsupported501 = scimCheck({
  id: "errors.unsupported.501",
  title: "An operation the server does not support answers 501",
  area: "errors",
  requirements: ["rfc7644.errors.unsupported-operation-501"],
  expectation:
    "with patch.supported=false a PATCH answers 501; with bulk.supported=false a POST /Bulk answers 501",
  async run(ctx) {
    const e = ctx.expect();
    let probed = false;
    if (ctx.discovery.feature("patch") === "not-advertised") {
      probed = true;
      const user = await makeUser(ctx);
      const res = await ctx.client.send({
        method: "PATCH",
        path: user.path,
        body: { schemas: [urn.patchOp], Operations: [{ op: "replace", path: "displayName", value: "x" }] },
      });
      e.status(res, 501);
    }
    if (ctx.discovery.feature("bulk") === "not-advertised") {
      probed = true;
      const res = await ctx.client.send({
        method: "POST",
        path: "/Bulk",
        body: {
          schemas: [urn.bulkRequest],
          Operations: [{ method: "DELETE", path: resourcePath(usersEndpoint(ctx), ctx.unique.missingId()) }],
        },
      });
      e.status(res, 501);
    }
    if (!probed)
      return {
        kind: "skip",
        reason: "the target advertises PATCH and Bulk, so no unsupported operation can be probed",
      };
    return e.done();
  },
});
