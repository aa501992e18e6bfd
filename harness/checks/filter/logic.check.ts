// Logical operators, precedence, attribute paths, multi-valued attributes and value paths
// (RFC 7644 §3.4.2.2).

import { leftOut } from "../support/advertised-attributes.js";
import { literal } from "../support/list.js";
import { scimCheck } from "../support/scim-check.js";
import { urn } from "../support/urns.js";
import { expectMatch, population } from "./population.js";

export const filterLogic = scimCheck({
  id: "filter.logic.and-or-not",
  title: "and, or and not combine conditions",
  area: "filter",
  requirements: ["rfc7644.filter.logical-operators"],
  expectation:
    '"and" needs both, "or" either, "not (…)" the negation (scoped to four created Users; "and" and "not" where /Schemas lists title)',
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    if (leftOut(ctx, '"… and title eq …"', ["name.familyName", "title"]) === undefined)
      await expectMatch(ctx, e, pop, `name.familyName sw "Smith" and title eq "Engineer"`, ["c"]);
    await expectMatch(
      ctx,
      e,
      pop,
      `userName eq ${literal(pop.userName("a"))} or userName eq ${literal(pop.userName("c"))}`,
      ["a", "c"],
    );
    if (leftOut(ctx, '"not (title pr)"', ["title"]) === undefined)
      await expectMatch(ctx, e, pop, "not (title pr)", ["b"]);
    return e.done();
  },
});

export const filterPrecedence = scimCheck({
  id: "filter.logic.precedence",
  title: "and binds tighter than or; parentheses group",
  area: "filter",
  requirements: ["rfc7644.filter.precedence"],
  attributes: { User: ["active"] },
  expectation: '"X or Y and Z" means "X or (Y and Z)", and "(X or Y) and Z" groups as written',
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    const x = `userName eq ${literal(pop.userName("c"))}`;
    const y = `userName eq ${literal(pop.userName("b"))}`;
    await expectMatch(ctx, e, pop, `${x} or ${y} and active eq false`, ["b", "c"]);
    await expectMatch(ctx, e, pop, `(${x} or ${y}) and active eq false`, ["b"]);
    await expectMatch(ctx, e, pop, `active eq false and ${y} or ${x}`, ["b", "c"]);
    return e.done();
  },
});

export const filterPaths = scimCheck({
  id: "filter.paths.sub-attributes-and-urns",
  title: "Sub-attribute paths and URN-qualified names work in filters",
  area: "filter",
  requirements: ["rfc7644.filter.attribute-paths"],
  expectation:
    "a core-URN-qualified userName and, where /Schemas lists them, name.familyName eq, emails.type eq and the enterprise employeeNumber each select the right Users",
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    if (leftOut(ctx, "name.familyName eq", ["name.familyName"]) === undefined)
      await expectMatch(ctx, e, pop, `name.familyName eq "Jones"`, ["b"]);
    if (leftOut(ctx, "emails.type eq", ["emails.type=home"]) === undefined)
      await expectMatch(ctx, e, pop, `emails.type eq "home"`, ["a", "c"]);
    await expectMatch(ctx, e, pop, `${urn.user}:userName eq ${literal(pop.userName("a"))}`, ["a"]);
    if (leftOut(ctx, "the enterprise employeeNumber", [`${urn.enterprise}:employeeNumber`]) === undefined)
      await expectMatch(ctx, e, pop, `${urn.enterprise}:employeeNumber eq "1002"`, ["b"]);
    return e.done();
  },
});

export const filterMultiValuedAny = scimCheck({
  id: "filter.multi-valued.any-value",
  title: "A filter on a multi-valued attribute matches when any value does",
  area: "filter",
  requirements: ["rfc7644.filter.multi-valued-any"],
  attributes: { User: ["emails.value", "emails.type=work", "emails.type=home"] },
  expectation: "emails.value eq <the second email of a User> finds that User",
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    await expectMatch(ctx, e, pop, `emails.value eq ${literal(`${pop.tag}-a-home@example.net`)}`, ["a"]);
    await expectMatch(ctx, e, pop, `emails.type eq "work"`, ["a", "b"]);
    return e.done();
  },
});

export const filterImplicitValue = scimCheck({
  id: "filter.multi-valued.implicit-value",
  title: "A complex multi-valued attribute without sub-attribute is compared on its value",
  area: "filter",
  requirements: ["rfc7644.filter.multi-valued-implicit-value"],
  attributes: { User: ["emails.value", "emails.type=home"] },
  expectation: 'emails co "-a-home@" finds the User whose email value contains it',
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    await expectMatch(ctx, e, pop, `emails co "-a-home@"`, ["a"]);
    return e.done();
  },
});

export const filterValuePathSupported = scimCheck({
  id: "filter.value-path.supported",
  title: "A value-path filter is evaluated, or refused with 400 invalidFilter",
  area: "filter",
  requirements: ["rfc7644.filter.value-path-supported"],
  attributes: { User: ["emails.value", "emails.type=work"] },
  expectation:
    'emails[type eq "work" and value co "@example.org"] finds the Users with such a work email, or answers 400 invalidFilter',
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    const view = await expectMatch(ctx, e, pop, `emails[type eq "work" and value co "@example.org"]`, [
      "a",
      "b",
    ]);
    if (view.res.status === 400) {
      const retry = ctx.expect();
      retry.scimError(view.res, 400, "invalidFilter");
      ctx.note("the target does not support value-path filters");
      return retry.done();
    }
    return e.done();
  },
});

export const filterValuePathSameValue = scimCheck({
  id: "filter.value-path.same-value",
  title: "Inside a value path every condition holds for the same value",
  area: "filter",
  requirements: ["rfc7644.filter.value-path-same-value"],
  attributes: { User: ["emails.value", "emails.type=work", "emails.type=home"] },
  expectation:
    'emails[type eq "work" and value eq "<that User\'s home address>"] matches nobody, although the User has a work email and that home address',
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    const view = await expectMatch(
      ctx,
      e,
      pop,
      `emails[type eq "work" and value eq ${literal(`${pop.tag}-a-home@example.net`)}]`,
      [],
    );
    if (view.res.status === 400)
      return { kind: "skip", reason: "the target does not support value-path filters (400)" };
    await expectMatch(
      ctx,
      e,
      pop,
      `emails[type eq "home" and value eq ${literal(`${pop.tag}-a-home@example.net`)}]`,
      ["a"],
    );
    return e.done();
  },
});
