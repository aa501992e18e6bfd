// Versions and preconditions (RFC 7644 §3.14, RFC 7643 §3.1 meta.version, RFC 7232): an ETag on every
// single-resource answer, equal to meta.version, well formed, changing on modification, and honoured
// in If-None-Match and If-Match.
import type { ScimResponse } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import { listedStringOr } from "../support/advertised-attributes.js";
import { attr, getCi, sameCi, show } from "../support/json.js";
import { patch } from "../support/patch.js";
import type { Made } from "../support/resources.js";
import { makeUser, readBack } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";

const entityTag = /^(W\/)?"[^"]*"$/;

/** The attribute these checks change to make a new version: displayName where the target lists it. */
const versioned = (ctx: CheckContext): string => listedStringOr(ctx, ["displayName", "nickName", "title"]);

/** POST, GET, PUT and PATCH answers for one User (the PATCH only when it returns a body). */
async function answers(ctx: CheckContext): Promise<{ user: Made; all: [string, ScimResponse][] }> {
  const field = versioned(ctx);
  const user = await makeUser(ctx, { [field]: "Versioned" });
  const all: [string, ScimResponse][] = [["POST", user.response]];
  all.push(["GET", await ctx.client.send({ method: "GET", path: user.path })]);
  all.push([
    "PUT",
    await ctx.client.send({
      method: "PUT",
      path: user.path,
      body: { ...user.body, [field]: "Versioned 2" },
    }),
  ]);
  const patched = await patch(ctx, user.path, [{ op: "replace", path: field, value: "Versioned 3" }]);
  if (patched.status === 200) all.push(["PATCH", patched]);
  return { user, all };
}

export const etagHeader = scimCheck({
  id: "etag.header.on-single-resources",
  title: "Single-resource answers carry an ETag header",
  area: "etag",
  requirements: ["rfc7644.etag.header"],
  expectation: "the answers to POST, GET, PUT and PATCH (200) of a User each carry an ETag header",
  async run(ctx) {
    const { all } = await answers(ctx);
    const e = ctx.expect();
    for (const [method, res] of all)
      if (res.status < 300)
        e.that(res.header("etag") !== undefined, `the ${method} answer (HTTP ${res.status}) has no ETag`);
    return e.done();
  },
});

export const metaVersion = scimCheck({
  id: "etag.meta-version.present",
  title: "Resources carry meta.version",
  area: "etag",
  requirements: ["rfc7644.etag.meta-version"],
  expectation: "GET of a User has meta.version",
  async run(ctx) {
    const user = await makeUser(ctx);
    const { body } = await readBack(ctx, user.path);
    const e = ctx.expect();
    e.that(
      typeof attr(body, "meta.version") === "string",
      `meta.version is ${show(attr(body, "meta.version"))}`,
    );
    return e.done();
  },
});

export const versionEqualsEtag = scimCheck({
  id: "etag.meta-version.equals-header",
  title: "meta.version equals the ETag header",
  area: "etag",
  requirements: ["rfc7643.etag.meta-version-equals-etag"],
  expectation: "in every answer that has both, meta.version equals the ETag header",
  async run(ctx) {
    const { all } = await answers(ctx);
    const e = ctx.expect();
    for (const [method, res] of all) {
      const header = res.header("etag");
      const version = attr(res.body, "meta.version");
      if (header !== undefined && version !== undefined)
        e.that(header === version, `${method}: ETag ${header} but meta.version ${show(version)}`);
    }
    return e.done();
  },
});

export const weakPrefix = scimCheck({
  id: "etag.syntax.entity-tag",
  title: "ETags and meta.version are entity-tags (weak with W/)",
  area: "etag",
  requirements: ["rfc7643.etag.weak-prefix"],
  expectation:
    'every ETag header and meta.version is "…" or W/"…" with the case-sensitive W/ prefix (RFC 7232 §2.3)',
  async run(ctx) {
    const { all } = await answers(ctx);
    const e = ctx.expect();
    for (const [method, res] of all) {
      for (const [what, value] of [
        ["ETag", res.header("etag")],
        ["meta.version", attr(res.body, "meta.version")],
      ] as const) {
        if (value !== undefined)
          e.that(typeof value === "string" && entityTag.test(value), `${method}: ${what} is ${show(value)}`);
      }
    }
    return e.done();
  },
});

async function versions(
  ctx: CheckContext,
): Promise<{ user: Made; stale: string; current: string; field: string }> {
  const field = versioned(ctx);
  const user = await makeUser(ctx, { [field]: "V1" });
  const first = await ctx.client.send({ method: "GET", path: user.path });
  const stale = first.header("etag") ?? attr(first.body, "meta.version");
  need(typeof stale === "string", `GET of the User has no ETag: ${describeResponse(first)}`);
  const put = await ctx.client.send({
    method: "PUT",
    path: user.path,
    body: { ...user.body, [field]: "V2" },
  });
  need(
    put.status === 200 || put.status === 204,
    `the PUT that makes a new version answered ${describeResponse(put)}`,
  );
  const second = await ctx.client.send({ method: "GET", path: user.path });
  const current = second.header("etag") ?? attr(second.body, "meta.version");
  need(typeof current === "string", `GET of the User has no ETag: ${describeResponse(second)}`);
  return { user, stale, current, field };
}

export const etagChanges = scimCheck({
  id: "etag.version.changes-on-modification",
  title: "The ETag changes when the resource changes",
  area: "etag",
  requirements: ["rfc7644.etag.changes-on-modification"],
  expectation:
    "after a PUT that changes displayName (or another attribute the target lists), GET answers a different ETag than before",
  async run(ctx) {
    const { stale, current } = await versions(ctx);
    const e = ctx.expect();
    e.that(stale !== current, `the ETag stayed ${stale} across a modification`);
    return e.done();
  },
});

export const ifNoneMatch = scimCheck({
  id: "etag.if-none-match.not-modified",
  title: "If-None-Match with the current ETag answers 304",
  area: "etag",
  requirements: ["rfc7644.etag.if-none-match"],
  expectation:
    "GET with If-None-Match: <current ETag> answers 304 without a body; with the previous ETag it answers 200",
  async run(ctx) {
    const { user, stale, current } = await versions(ctx);
    const e = ctx.expect();
    const same = await ctx.client.send({
      method: "GET",
      path: user.path,
      headers: { "If-None-Match": current },
    });
    e.that(
      same.status === 304 && same.bodyKind === "none",
      `If-None-Match with the current ETag answered ${describeResponse(same)}`,
    );
    const old = await ctx.client.send({
      method: "GET",
      path: user.path,
      headers: { "If-None-Match": stale },
    });
    e.status(old, 200);
    return e.done();
  },
});

export const ifMatch = scimCheck({
  id: "etag.if-match.precondition",
  title: "If-Match is honoured by PUT, PATCH and DELETE",
  area: "etag",
  requirements: ["rfc7644.etag.if-match", "rfc7644.etag.if-match-412"],
  expectation:
    "PUT, PATCH and DELETE with a stale If-Match are refused (412 expected) and change nothing; with the current ETag each succeeds",
  async run(ctx) {
    const { user, stale, field } = await versions(ctx);
    const e = ctx.expect();
    const must = { requirements: ["rfc7644.etag.if-match"] };
    const should = { requirements: ["rfc7644.etag.if-match-412"] };
    const headers = { "If-Match": stale };
    const stalePut = await ctx.client.send({
      method: "PUT",
      path: user.path,
      headers,
      body: { ...user.body, [field]: "Stale PUT" },
    });
    const stalePatch = await patch(ctx, user.path, [{ op: "replace", path: field, value: "Stale PATCH" }], {
      headers,
    });
    const staleDelete = await ctx.client.send({ method: "DELETE", path: user.path, headers });
    for (const res of [stalePut, stalePatch, staleDelete]) {
      e.that(
        res.status >= 400,
        `${res.exchange.request.method} with a stale If-Match answered ${describeResponse(res)}`,
        must,
      );
      e.that(
        res.status === 412,
        `${res.exchange.request.method} with a stale If-Match answered HTTP ${res.status}, not 412`,
        should,
      );
    }
    const after = await ctx.client.send({ method: "GET", path: user.path });
    if (
      !e.that(after.status === 200, `the User is gone after stale writes: ${describeResponse(after)}`, must)
    )
      return e.done();
    e.that(
      sameCi(getCi(after.body, field), "V2"),
      `${field} is ${show(getCi(after.body, field))} after stale writes`,
      must,
    );
    const current = after.header("etag") ?? String(attr(after.body, "meta.version"));
    const fresh = await patch(ctx, user.path, [{ op: "replace", path: field, value: "Fresh" }], {
      headers: { "If-Match": current },
    });
    e.that(
      fresh.status === 200 || fresh.status === 204,
      `PATCH with the current If-Match answered ${describeResponse(fresh)}`,
      must,
    );
    return e.done();
  },
});
