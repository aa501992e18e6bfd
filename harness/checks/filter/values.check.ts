// Comparison values and refusals (RFC 7644 §3.4.2.2 ABNF and Table 9): JSON literals and escapes,
// 400 invalidFilter for unknown operators, bad syntax and unknown attributes, defaulted attributes,
// and the "schemas" attribute.
import { describeResponse } from "../expect.js";
import { leftOut } from "../support/advertised-attributes.js";
import { getCi } from "../support/json.js";
import { list, literal, scopedUsers } from "../support/list.js";
import { makeUser, readBack, usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";
import { expectMatch, population } from "./population.js";

export const filterComparisonValues = scimCheck({
  id: "filter.values.literals-and-escapes",
  title: "true, false and JSON string escapes are understood",
  area: "filter",
  requirements: ["rfc7644.filter.comparison-values"],
  expectation:
    'active eq true / false split the Users; title eq "Q \\"quoted\\" \\\\ caf\\u00e9" (JSON escapes) finds the User whose title is Q "quoted" \\ café (each where /Schemas lists the attribute)',
  async run(ctx) {
    const noActive = leftOut(ctx, "active eq true / false", ["active"]);
    const noTitle = leftOut(ctx, "the escaped title eq", ["title"]);
    need(noActive === undefined || noTitle === undefined, `${noActive}; ${noTitle}`);
    const pop = await population(ctx);
    const e = ctx.expect();
    if (noActive === undefined) {
      await expectMatch(ctx, e, pop, "active eq true", ["a", "c", "d"]);
      await expectMatch(ctx, e, pop, "active eq false", ["b"]);
    }
    if (noTitle === undefined) {
      const escaped = literal(pop.escapedTitle).replace("é", "\\u00e9");
      await expectMatch(ctx, e, pop, `title eq ${escaped}`, ["d"]);
    }
    return e.done();
  },
});

async function refused(ctx: Parameters<typeof population>[0], filter: string) {
  return (await list(ctx, usersEndpoint(ctx), { filter })).res;
}

export const filterUnknownOperator = scimCheck({
  id: "filter.errors.unknown-operator",
  title: "An unknown operator is a 400 invalidFilter",
  area: "filter",
  requirements: ["rfc7644.filter.unrecognised-operator-400"],
  expectation: 'userName regex "x" and userName like "x" answer 400 with scimType "invalidFilter"',
  async run(ctx) {
    const e = ctx.expect();
    for (const filter of ['userName regex "x"', 'userName like "x"'])
      e.scimError(await refused(ctx, filter), 400, "invalidFilter");
    return e.done();
  },
});

export const filterInvalidSyntax = scimCheck({
  id: "filter.errors.invalid-syntax",
  title: "A filter outside the grammar is a 400 invalidFilter",
  area: "filter",
  requirements: ["rfc7644.filter.invalid-syntax-400"],
  expectation:
    "an unquoted value (userName eq bjensen), an unbalanced parenthesis and a missing operand each answer 400 invalidFilter",
  async run(ctx) {
    const e = ctx.expect();
    for (const filter of ["userName eq bjensen", '(userName eq "x"', "userName eq", 'userName eq "x" and']) {
      e.scimError(await refused(ctx, filter), 400, "invalidFilter");
    }
    return e.done();
  },
});

export const filterUnknownAttribute = scimCheck({
  id: "filter.errors.unknown-attribute",
  title: "A filter on an undefined attribute is a 400 invalidFilter",
  area: "filter",
  requirements: ["rfc7644.filter.unsupported-attribute-400"],
  expectation: 'scimcNoSuchAttribute eq "x" answers 400 invalidFilter rather than an empty result',
  async run(ctx) {
    const e = ctx.expect();
    e.scimError(await refused(ctx, 'scimcNoSuchAttribute eq "x"'), 400, "invalidFilter");
    return e.done();
  },
});

export const filterDefaulted = scimCheck({
  id: "filter.defaulted-attribute.matches",
  title: "A defaulted value is filtered as it is returned",
  area: "filter",
  requirements: ["rfc7644.filter.defaulted-attribute"],
  attributes: { User: ["active"] },
  expectation: "a User created without active that reads back active=true is found by active eq true",
  async run(ctx) {
    const tag = ctx.unique.name("dflt");
    const user = await makeUser(ctx, { userName: `${tag}-a` });
    const { body } = await readBack(ctx, user.path);
    need(getCi(body, "active") === true, "the target gives a new User no default active=true");
    const view = await list(ctx, usersEndpoint(ctx), { filter: scopedUsers(tag, "active eq true") });
    const e = ctx.expect();
    e.that(view.isList && view.totalResults === 1, `active eq true answered ${describeResponse(view.res)}`);
    return e.done();
  },
});

export const filterSchemas = scimCheck({
  id: "filter.schemas-attribute.extension",
  title: 'schemas eq "<extension URN>" selects the Users that carry it',
  area: "filter",
  requirements: ["rfc7644.filter.schemas-attribute"],
  attributes: { User: [`${urn.enterprise}:employeeNumber`] },
  expectation:
    "schemas eq the enterprise URN finds exactly the Users with enterprise data, or the filter is refused with 400 invalidFilter",
  async run(ctx) {
    const pop = await population(ctx);
    need(pop.enterprise, "the User resource type declares no enterprise extension");
    const e = ctx.expect();
    const view = await expectMatch(ctx, e, pop, `schemas eq ${literal(urn.enterprise)}`, ["a", "b"]);
    if (view.res.status === 400) {
      const alt = ctx.expect();
      alt.scimError(view.res, 400, "invalidFilter");
      return alt.done();
    }
    return e.done();
  },
});
