// Authentication (RFC 7644 §2, §3.12, §7): requests without valid credentials are refused with 401,
// every 401 carries a WWW-Authenticate challenge (RFC 7235 §3.1, required by RFC 7644 §2 "MUST"),
// and 401/403 bodies are SCIM errors.
import type { AuthOverride, ScimResponse } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import { usersEndpoint } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";

interface Probe {
  readonly label: string;
  readonly auth: AuthOverride;
}

function probes(ctx: CheckContext): Probe[] {
  return [
    { label: "no Authorization header", auth: "none" },
    { label: "an unknown bearer token", auth: { bearer: `${ctx.run.prefix}not-a-valid-token` } },
    { label: "a malformed Authorization header", auth: { authorization: "Bearer" } },
  ];
}

async function send(ctx: CheckContext, probe: Probe): Promise<ScimResponse> {
  return ctx.client.send({ method: "GET", path: usersEndpoint(ctx), query: { count: 1 }, auth: probe.auth });
}

function refusal(slug: string, index: number) {
  const label = ["no Authorization header", "an unknown bearer token", "a malformed Authorization header"][
    index
  ];
  return scimCheck({
    id: `auth.unauthenticated.${slug}`,
    title: `A request with ${label} is refused with 401`,
    area: "auth",
    requirements: ["rfc7644.auth.unauthenticated-401"],
    expectation: `GET {Users}?count=1 with ${label} answers 401 and returns no data (RFC 7644 §3.12)`,
    async run(ctx) {
      const probe = probes(ctx)[index];
      if (probe === undefined) throw new Error(`no probe ${index}`);
      const res = await send(ctx, probe);
      const e = ctx.expect();
      e.status(res, 401);
      return e.done();
    },
  });
}

export const missingCredentials = refusal("no-credentials", 0);
export const unknownToken = refusal("unknown-token", 1);
export const malformedAuthorization = refusal("malformed-header", 2);

async function unauthorizedResponses(ctx: CheckContext): Promise<ScimResponse[]> {
  const all: ScimResponse[] = [];
  for (const probe of probes(ctx)) all.push(await send(ctx, probe));
  return all.filter((r) => r.status === 401 || r.status === 403);
}

const challengeSyntax = /^\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s|$|,)/;

export const wwwAuthenticate = scimCheck({
  id: "auth.www-authenticate.on-401",
  title: "Every 401 carries a WWW-Authenticate challenge",
  area: "auth",
  requirements: ["rfc7644.auth.www-authenticate-on-401"],
  expectation:
    "each 401 answer to a request without valid credentials has a WWW-Authenticate header naming an authentication scheme (RFC 7644 §2, RFC 7235 §3.1)",
  async run(ctx) {
    const refused = (await unauthorizedResponses(ctx)).filter((r) => r.status === 401);
    if (refused.length === 0)
      return { kind: "skip", reason: "the target answered none of the probes with 401" };
    const e = ctx.expect();
    for (const res of refused) {
      e.header(res, "WWW-Authenticate", (v) => challengeSyntax.test(v));
    }
    return e.done();
  },
});

export const unauthorizedErrorBody = scimCheck({
  id: "auth.error-body.on-401",
  title: "401 and 403 answers have a SCIM Error body",
  area: "auth",
  requirements: ["rfc7644.auth.error-body-on-401-403"],
  expectation:
    'each 401/403 answer has a JSON body with the Error URN in schemas and "status" the HTTP code as a string (RFC 7644 §3.12)',
  async run(ctx) {
    const refused = await unauthorizedResponses(ctx);
    if (refused.length === 0)
      return { kind: "skip", reason: "the target answered none of the probes with 401 or 403" };
    const e = ctx.expect();
    for (const res of refused) e.scimError(res, res.status);
    return e.done();
  },
});

export const spcPublic = scimCheck({
  id: "auth.spc.public",
  title: "ServiceProviderConfig is readable without credentials",
  area: "auth",
  requirements: ["rfc7643.auth.authentication-schemes-public"],
  expectation:
    "GET /ServiceProviderConfig without credentials answers 200 with authenticationSchemes, so a client can learn how to authenticate (RFC 7643 §5)",
  async run(ctx) {
    const res = await ctx.client.send({ method: "GET", path: "/ServiceProviderConfig", auth: "none" });
    const e = ctx.expect();
    if (!e.status(res, 200)) return e.done();
    const body = res.body as Record<string, unknown> | undefined;
    const key = Object.keys(body ?? {}).find((k) => k.toLowerCase() === "authenticationschemes");
    e.that(key !== undefined, `no authenticationSchemes: ${describeResponse(res)}`);
    return e.done();
  },
});
