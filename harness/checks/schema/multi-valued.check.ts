// Multi-valued attributes (RFC 7643 §2.4): at most one primary=true, no repeated (type, value) pair,
// and canonicalValues that a server may enforce or not (§7: "MAY").
import { describeResponse } from "../expect.js";
import { asArray, getCi, show } from "../support/json.js";
import { readBack, usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";

export const primaryAtMostOnce = scimCheck({
  id: "schema.multi-valued.primary-at-most-once",
  title: "At most one value of a multi-valued attribute is primary",
  area: "schema",
  requirements: ["rfc7643.schema.primary-at-most-once"],
  expectation:
    "POST {Users} with two emails both marked primary is refused (400) or stored with at most one primary=true; the same holds for every multi-valued attribute on GET",
  async run(ctx) {
    const userName = ctx.unique.userName();
    const res = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: ctx.resources.userBody({
        userName,
        emails: [
          { value: `${userName}-a@example.org`, type: "work", primary: true },
          { value: `${userName}-b@example.org`, type: "home", primary: true },
        ],
      }),
    });
    const e = ctx.expect();
    if (res.status === 400) return e.done();
    if (!e.status(res, [201, 200])) return e.done();
    const id = getCi(res.body, "id");
    need(typeof id === "string", `no id: ${describeResponse(res)}`);
    const { body } = await readBack(ctx, `${usersEndpoint(ctx)}/${encodeURIComponent(id)}`);
    for (const [key, value] of Object.entries(body)) {
      if (!Array.isArray(value)) continue;
      const primaries = value.filter((v) => getCi(v, "primary") === true).length;
      e.that(primaries <= 1, `${key} has ${primaries} values with primary=true: ${show(value)}`);
    }
    return e.done();
  },
});

export const noDuplicateValues = scimCheck({
  id: "schema.multi-valued.no-duplicate-values",
  title: "The same (type, value) pair is not returned twice",
  area: "schema",
  requirements: ["rfc7643.schema.no-duplicate-type-value"],
  expectation: "a User POSTed with the same work email twice is refused (400) or returns that email once",
  async run(ctx) {
    const userName = ctx.unique.userName();
    const email = { value: `${userName}@example.org`, type: "work" };
    const res = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: ctx.resources.userBody({ userName, emails: [email, { ...email }] }),
    });
    const e = ctx.expect();
    if (res.status === 400) return e.done();
    if (!e.status(res, [201, 200])) return e.done();
    const id = getCi(res.body, "id");
    need(typeof id === "string", `no id: ${describeResponse(res)}`);
    const { body } = await readBack(ctx, `${usersEndpoint(ctx)}/${encodeURIComponent(id)}`);
    const same = asArray(getCi(body, "emails")).filter(
      (m) =>
        String(getCi(m, "value")).toLowerCase() === email.value.toLowerCase() && getCi(m, "type") === "work",
    );
    e.that(same.length <= 1, `emails lists ${email.value} (work) ${same.length} times`);
    return e.done();
  },
});

export const canonicalValues = scimCheck({
  id: "schema.multi-valued.canonical-values",
  title: "A non-canonical type value is stored or refused, not altered",
  area: "schema",
  requirements: ["rfc7643.schema.canonical-values"],
  attributes: { User: ["emails.value", "emails.type"] },
  expectation:
    'POST {Users} with an email of type "pager" (not among work, home, other) answers 201 and keeps type "pager", or 400 invalidValue',
  async run(ctx) {
    const userName = ctx.unique.userName();
    const res = await ctx.client.send({
      method: "POST",
      path: usersEndpoint(ctx),
      body: ctx.resources.userBody({
        userName,
        emails: [{ value: `${userName}@example.org`, type: "pager" }],
      }),
    });
    const e = ctx.expect();
    if (res.status === 400) {
      ctx.note("the target enforces canonicalValues");
      e.that(
        getCi(res.body, "scimType") === "invalidValue",
        `400 with scimType ${show(getCi(res.body, "scimType"))}`,
      );
      return e.done();
    }
    if (!e.status(res, [201, 200])) return e.done();
    ctx.note("the target accepts values outside canonicalValues");
    const id = getCi(res.body, "id");
    need(typeof id === "string", `no id: ${describeResponse(res)}`);
    const { body } = await readBack(ctx, `${usersEndpoint(ctx)}/${encodeURIComponent(id)}`);
    const types = asArray(getCi(body, "emails")).map((m) => getCi(m, "type"));
    e.that(
      types.some((t) => typeof t === "string" && t.toLowerCase() === "pager"),
      `emails types read back as ${show(types)}`,
    );
    return e.done();
  },
});
