// Refused creates (RFC 7643 §7 required attributes; RFC 7644 §3.12 invalidSyntax and invalidValue):
// nothing is created, and the refusal is a 400 with the right scimType.
import type { ScimResponse } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import { list } from "../support/list.js";
import { groupsEndpoint, usersEndpoint } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";

interface Attempt {
  readonly res: ScimResponse;
  readonly what: string;
}

async function withoutRequired(ctx: CheckContext): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  const marker = ctx.unique.externalId();
  attempts.push({
    what: "a User without userName",
    res: await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: { schemas: [urn.user], externalId: marker, displayName: "no userName" },
    }),
  });
  if (ctx.discovery.resourceType("Group") !== undefined) {
    attempts.push({
      what: "a Group without displayName",
      res: await ctx.client.send({
        method: "POST",
        path: groupsEndpoint(ctx),
        body: { schemas: [urn.group], externalId: marker, members: [] },
      }),
    });
  }
  return attempts;
}

export const missingRequiredRejected = scimCheck({
  id: "create.missing-required.rejected",
  title: "A POST without a required attribute creates nothing",
  area: "create",
  requirements: ["rfc7643.create.missing-required-rejected"],
  expectation:
    "POST {Users} without userName (and POST {Groups} without displayName) is refused (4xx) and creates no resource",
  async run(ctx) {
    const e = ctx.expect();
    for (const { res, what } of await withoutRequired(ctx)) {
      e.that(res.status >= 400 && res.status < 500, `${what} was answered ${describeResponse(res)}`);
    }
    return e.done();
  },
});

export const missingRequired400 = scimCheck({
  id: "create.missing-required.invalid-value",
  title: "A POST without a required attribute is a 400 invalidValue",
  area: "create",
  requirements: ["rfc7644.create.missing-required-400"],
  expectation: 'the refusal of a POST without a required attribute is 400 with scimType "invalidValue"',
  async run(ctx) {
    const e = ctx.expect();
    for (const { res } of await withoutRequired(ctx)) e.scimError(res, 400, "invalidValue");
    return e.done();
  },
});

export const malformedBody = scimCheck({
  id: "create.malformed-body.invalid-syntax",
  title: "A POST body that is not a JSON object is a 400 invalidSyntax",
  area: "create",
  requirements: ["rfc7644.create.malformed-body-400"],
  expectation:
    'POST {Users} with truncated JSON, an empty body or a JSON array answers 400 with scimType "invalidSyntax"',
  async run(ctx) {
    const e = ctx.expect();
    const path = usersEndpoint(ctx);
    const headers = { "Content-Type": "application/scim+json" };
    for (const rawBody of [
      '{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": ',
      "",
      "[]",
    ]) {
      const res = await ctx.client.send({ method: "POST", path, rawBody, headers });
      e.scimError(res, 400, "invalidSyntax");
    }
    return e.done();
  },
});

export const failedCreateLeavesNothing = scimCheck({
  id: "create.missing-required.nothing-listed",
  title: "A refused create leaves no resource behind",
  area: "create",
  requirements: ["rfc7643.create.missing-required-rejected"],
  expectation:
    "after POST {Users} without userName is refused, a filter on the externalId it carried finds nothing",
  gate: "filter",
  async run(ctx) {
    const marker = ctx.unique.externalId();
    const res = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: { schemas: [urn.user], externalId: marker },
    });
    const e = ctx.expect();
    const view = await list(ctx, usersEndpoint(ctx), { filter: `externalId eq ${JSON.stringify(marker)}` });
    if (!view.isList)
      return {
        kind: "skip",
        reason: `the target cannot filter by externalId: ${describeResponse(view.res)}`,
      };
    e.that(
      view.totalResults === 0,
      `a User with externalId ${marker} exists after the create was answered ${describeResponse(res)}`,
    );
    return e.done();
  },
});
