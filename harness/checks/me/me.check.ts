// /Me (RFC 7644 §3.11): an alias for the authenticated subject's resource, answered directly with the
// subject's permanent Location or by a 308 redirect — or 501 where unsupported. PUT and PATCH on /Me
// are never sent: they would modify a resource this run did not create.
import type { ScimResponse } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import { getCi, show } from "../support/json.js";
import { need, scimCheck } from "../support/scim-check.js";

function supported(res: ScimResponse): boolean {
  return res.status === 200 || res.status === 308;
}

async function getMe(ctx: CheckContext): Promise<ScimResponse> {
  return ctx.client.send({ method: "GET", path: "/Me" });
}

export const meSubject = scimCheck({
  id: "me.get.authenticated-subject",
  title: "GET /Me returns the authenticated subject's resource",
  area: "me",
  requirements: ["rfc7644.me.authenticated-subject"],
  expectation:
    "GET /Me (following a 308) answers the same resource, with the same id, as GET of that resource's own URI",
  async run(ctx) {
    const direct = await getMe(ctx);
    need(supported(direct), `the target does not serve /Me: ${describeResponse(direct)}`);
    const me =
      direct.status === 308
        ? await ctx.client.send({ method: "GET", path: "/Me", followRedirects: true })
        : direct;
    const e = ctx.expect();
    if (!e.status(me, 200)) return e.done();
    const id = getCi(me.body, "id");
    const type = String(getCi(getCi(me.body, "meta"), "resourceType") ?? "User");
    const endpoint = ctx.discovery.endpoint(type);
    if (
      !e.that(
        typeof id === "string" && endpoint !== undefined,
        `/Me answered no id or an unknown type: ${describeResponse(me)}`,
      )
    )
      return e.done();
    const own = await ctx.client.send({
      method: "GET",
      path: `${endpoint}/${encodeURIComponent(String(id))}`,
    });
    e.that(
      own.status === 200 && getCi(own.body, "id") === id,
      `GET of the subject's own URI answered ${describeResponse(own)}`,
    );
    for (const key of ["userName", "displayName"]) {
      const alias = getCi(me.body, key);
      if (alias !== undefined)
        e.equal(getCi(own.body, key), alias, `${key} at the subject's own URI (/Me says)`);
    }
    const again = await getMe(ctx);
    if (again.status === 200) e.equal(getCi(again.body, "id"), id, "the id of a second GET /Me");
    return e.done();
  },
});

export const meLocation = scimCheck({
  id: "me.get.location-header",
  title: "A direct /Me answer's Location is the subject's permanent URI",
  area: "me",
  requirements: ["rfc7644.me.location-header"],
  expectation:
    "when GET /Me answers 200 directly, its Location header is the URI of the subject's resource (its meta.location)",
  async run(ctx) {
    const res = await getMe(ctx);
    need(res.status === 200, `the target does not answer /Me directly: ${describeResponse(res)}`);
    const e = ctx.expect();
    if (!e.header(res, "Location", "present")) return e.done();
    const location = res.header("location") ?? "";
    const metaLocation = getCi(getCi(res.body, "meta"), "location");
    const id = String(getCi(res.body, "id"));
    e.that(
      location === metaLocation ||
        location.endsWith(`/${id}`) ||
        location.endsWith(`/${encodeURIComponent(id)}`),
      `Location is ${show(location)}; the subject is ${id} at ${show(metaLocation)}`,
    );
    e.that(
      !/\/Me$/i.test(new URL(location, `${ctx.run.baseUrl}/`).pathname),
      `Location is the alias itself: ${location}`,
    );
    return e.done();
  },
});

export const meUnsupported = scimCheck({
  id: "me.unsupported.501",
  title: "A server without /Me answers 501",
  area: "me",
  requirements: ["rfc7644.me.unsupported-501"],
  expectation: "when /Me is not supported, GET /Me answers 501 Not Implemented",
  async run(ctx) {
    const res = await getMe(ctx);
    if (supported(res)) return { kind: "skip", reason: "the target supports /Me" };
    // A 404 may mean "no /Me here" or "/Me is served, but this credential has no resource": not judged.
    if (res.status === 404)
      return {
        kind: "skip",
        reason: "GET /Me answered 404: /Me may be supported for subjects that have a resource",
      };
    const e = ctx.expect();
    e.status(res, 501);
    return e.done();
  },
});
