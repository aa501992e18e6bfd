// What the server must not do with credentials (RFC 7644 §5, §7.7, §7.8): userName uniqueness after
// PRECIS preparation (RFC 8265 UsernameCaseMapped: width mapping, case mapping of every letter, NFC), and
// no secret echoed back in an error.
import { describeResponse } from "../expect.js";
import { makeUser, usersEndpoint } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";

export const precisUserName = scimCheck({
  id: "security.precis.user-name-duplicates",
  title: "userNames equal after PRECIS preparation are duplicates",
  area: "security",
  requirements: ["rfc7644.security.precis-username"],
  expectation:
    "POST of a userName that differs from an existing one only by full-width letters, by a decomposed accent, or by the case of a letter beyond ASCII, answers 409 uniqueness",
  async run(ctx) {
    const base = ctx.unique.name("precis");
    const e = ctx.expect();
    const pairs: [string, string, string][] = [
      [`${base}-abc`, `${base}-\uFF41\uFF42\uFF43`, "full-width letters"],
      [`${base}-caf\u00e9`, `${base}-cafe\u0301`, "a decomposed accent"],
      // RFC 8265 §3.3 (UsernameCaseMapped) maps case with Unicode toLowerCase: an ASCII-only fold misses Ë.
      [`${base}-zo\u00eb`, `${base}-ZO\u00cb`, "the case of a letter beyond ASCII"],
    ];
    for (const [stored, variant, what] of pairs) {
      await makeUser(ctx, { userName: stored });
      const res = await ctx.client.send({
        method: "POST",
        path: usersEndpoint(ctx),
        body: ctx.resources.userBody({ userName: variant }),
      });
      e.that(res.status === 409, `a userName differing by ${what} answered ${describeResponse(res)}`);
    }
    return e.done();
  },
});

export const noSecretsInErrors = scimCheck({
  id: "security.errors.no-secrets-echoed",
  title: "Errors do not echo tokens or passwords",
  area: "security",
  requirements: ["rfc7644.security.credentials-not-leaked"],
  expectation:
    "the answer to a request with a wrong bearer token does not contain the token, and the error for an invalid User carrying a password does not contain the password",
  async run(ctx) {
    const token = `${ctx.run.prefix}secret-token-${ctx.run.seed}`;
    const password = `${ctx.run.prefix}Secret-Pw-9!`;
    const e = ctx.expect();
    const wrong = await ctx.client.send({
      method: "GET",
      path: usersEndpoint(ctx),
      query: { count: 1 },
      auth: { bearer: token },
    });
    e.that(
      !wrong.text.includes(token) && !Object.values(wrong.headers).some((v) => v.includes(token)),
      `the answer to a wrong token echoes it (HTTP ${wrong.status})`,
    );
    const invalid = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: ctx.resources.userBody({ password, active: { not: "a boolean" } }),
    });
    e.that(
      !invalid.text.includes(password),
      `the answer to an invalid User echoes its password (HTTP ${invalid.status})`,
    );
    return e.done();
  },
});
