// Filter operators (RFC 7644 §3.4.2.2): eq with caseExact-aware comparison, the string operators,
// pr, the ordering operators on strings and dateTime, and 400 invalidFilter where ordering is undefined.

import { leftOut } from "../support/advertised-attributes.js";
import { list, literal, scopedUsers } from "../support/list.js";
import { makeUser, usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { expectMatch, population } from "./population.js";

export const filterEq = scimCheck({
  id: "filter.eq.exact-match",
  title: 'userName eq "<value>" finds exactly that User',
  area: "filter",
  requirements: ["rfc7644.filter.eq"],
  expectation:
    'GET {Users}?filter=userName eq "<name of one of four created Users>" returns exactly that User, with and without a scope, and nobody for a prefix of the name; displayName eq (where /Schemas lists it) is exact too',
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    await expectMatch(ctx, e, pop, `userName eq ${literal(pop.userName("b"))}`, ["b"], { scoped: false });
    // eq is not a substring match: the name less its last letter is only a prefix of it.
    await expectMatch(ctx, e, pop, `userName eq ${literal(pop.userName("b").slice(0, -1))}`, []);
    if (leftOut(ctx, "displayName eq", ["displayName"]) === undefined) {
      await expectMatch(ctx, e, pop, `displayName eq "Ann Smith"`, ["a"]);
      // "Bob" is only part of "Bob Jones".
      await expectMatch(ctx, e, pop, `displayName eq "Bob"`, []);
    }
    return e.done();
  },
});

export const filterNamesCaseInsensitive = scimCheck({
  id: "filter.names.case-insensitive",
  title: "Attribute names and operators in a filter match in any case",
  area: "filter",
  requirements: ["rfc7644.filter.case-insensitive-attribute-names"],
  expectation:
    'USERNAME eq "…", userName EQ "…" and (where /Schemas lists it) Name.FamilyName Eq "Jones" each find the same User as the lower-case forms',
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    await expectMatch(ctx, e, pop, `USERNAME eq ${literal(pop.userName("b"))}`, ["b"]);
    await expectMatch(ctx, e, pop, `userName EQ ${literal(pop.userName("b"))}`, ["b"]);
    if (leftOut(ctx, "Name.FamilyName Eq", ["name.familyName"]) === undefined)
      await expectMatch(ctx, e, pop, `Name.FamilyName Eq "Jones"`, ["b"]);
    return e.done();
  },
});

export const filterCaseExactFalse = scimCheck({
  id: "filter.case-exact-false.ignores-case",
  title: "Comparisons on caseExact=false attributes ignore case",
  area: "filter",
  requirements: ["rfc7644.filter.case-exact-false"],
  expectation:
    "userName, and displayName and emails.value where /Schemas lists them (all caseExact=false), match values given in another letter case",
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    await expectMatch(ctx, e, pop, `userName eq ${literal(pop.userName("b").toUpperCase())}`, ["b"], {
      scoped: false,
    });
    if (leftOut(ctx, "displayName eq", ["displayName"]) === undefined)
      await expectMatch(ctx, e, pop, `displayName eq "BOB JONES"`, ["b"]);
    if (leftOut(ctx, "emails.value eq", ["emails.value", "emails.type=work"]) === undefined)
      await expectMatch(ctx, e, pop, `emails.value eq ${literal(`${pop.tag}-A-WORK@EXAMPLE.ORG`)}`, ["a"]);
    return e.done();
  },
});

export const filterCaseExactFalseBeyondAscii = scimCheck({
  id: "filter.case-exact-false.beyond-ascii",
  title: "Comparisons on caseExact=false attributes ignore the case of letters beyond ASCII",
  area: "filter",
  requirements: ["rfc7644.filter.case-exact-false"],
  attributes: { User: ["title"] },
  expectation:
    "title (caseExact=false) matches a value whose é is given as É, with eq, ew and co: the fold covers every letter, not ASCII only as SQL's lower() in SQLite or a C-locale fold does",
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    await expectMatch(ctx, e, pop, `title eq ${literal(pop.escapedTitle.toUpperCase())}`, ["d"]);
    // RFC 7644 §3.4.2.2 applies caseExact to every operator: a server that folds only for eq (or whose
    // substring search falls back to an ASCII-only index) fails here.
    await expectMatch(ctx, e, pop, `title ew ${literal("CAF\u00c9")}`, ["d"]);
    await expectMatch(ctx, e, pop, `title co ${literal("AF\u00c9")}`, ["d"]);
    return e.done();
  },
});

export const filterCaseExactTrue = scimCheck({
  id: "filter.case-exact-true.respects-case",
  title: "Comparisons on caseExact=true attributes respect case",
  area: "filter",
  requirements: ["rfc7644.filter.case-exact-true"],
  expectation:
    'externalId eq "<value>" finds the User; the same value in another case finds nobody (externalId is caseExact, RFC 7643 §3.1)',
  async run(ctx) {
    const declared = ctx.discovery.attribute("urn:ietf:params:scim:schemas:core:2.0:User", "externalId");
    if (declared !== undefined && !declared.caseExact)
      return { kind: "skip", reason: "the target declares externalId caseExact=false" };
    const pop = await population(ctx);
    const e = ctx.expect();
    await expectMatch(ctx, e, pop, `externalId eq ${literal(`${pop.tag}-Ext-B`)}`, ["b"]);
    await expectMatch(ctx, e, pop, `externalId eq ${literal(`${pop.tag}-EXT-B`)}`, []);
    await expectMatch(ctx, e, pop, `externalId eq ${literal(`${pop.tag}-ext-b`)}`, []);
    return e.done();
  },
});

export const filterStringOperators = scimCheck({
  id: "filter.string-operators.ne-co-sw-ew",
  title: "ne, co, sw and ew select the right Users",
  area: "filter",
  requirements: ["rfc7644.filter.string-operators"],
  expectation:
    "ne excludes the named User; co matches a substring; sw a prefix; ew a suffix, on userName and (where /Schemas lists it) name.familyName (scoped to four created Users)",
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    await expectMatch(ctx, e, pop, `userName ne ${literal(pop.userName("a"))}`, ["b", "c", "d"]);
    await expectMatch(ctx, e, pop, `userName co "rav"`, ["b"]);
    await expectMatch(ctx, e, pop, `userName sw ${literal(`${pop.tag}-ch`)}`, ["c"]);
    await expectMatch(ctx, e, pop, `userName ew "-alpha"`, ["a"]);
    if (leftOut(ctx, "name.familyName sw and ew", ["name.familyName"]) === undefined) {
      await expectMatch(ctx, e, pop, `name.familyName sw "Smith"`, ["a", "c"]);
      await expectMatch(ctx, e, pop, `name.familyName ew "smith"`, ["a"]);
    }
    return e.done();
  },
});

export const filterPresent = scimCheck({
  id: "filter.pr.present",
  title: "pr matches Users that have a value",
  area: "filter",
  requirements: ["rfc7644.filter.pr"],
  expectation:
    '"title pr" matches exactly the created Users that have a title, and "emails pr" those with an email (each where /Schemas lists what it needs)',
  async run(ctx) {
    // c's only e-mail is a home one, a's and b's are work ones: "emails pr" needs both types.
    const noTitle = leftOut(ctx, '"title pr"', ["title"]);
    const noEmails = leftOut(ctx, '"emails pr"', ["emails.value", "emails.type=work", "emails.type=home"]);
    need(noTitle === undefined || noEmails === undefined, `${noTitle}; ${noEmails}`);
    const pop = await population(ctx);
    const e = ctx.expect();
    if (noTitle === undefined) await expectMatch(ctx, e, pop, "title pr", ["a", "c", "d"]);
    if (noEmails === undefined) await expectMatch(ctx, e, pop, "emails pr", ["a", "b", "c"]);
    return e.done();
  },
});

export const filterOrdering = scimCheck({
  id: "filter.ordering.strings-and-dates",
  title: "gt, ge, lt and le order strings and dateTimes",
  area: "filter",
  requirements: ["rfc7644.filter.ordering-operators"],
  expectation:
    'userName gt/le split the created Users lexicographically; meta.created gt "2000-01-01T00:00:00Z" matches all of them and lt matches none',
  async run(ctx) {
    const pop = await population(ctx);
    const e = ctx.expect();
    await expectMatch(ctx, e, pop, `userName gt ${literal(pop.userName("b"))}`, ["c", "d"]);
    await expectMatch(ctx, e, pop, `userName le ${literal(pop.userName("b"))}`, ["a", "b"]);
    await expectMatch(ctx, e, pop, `userName ge ${literal(pop.userName("c"))}`, ["c", "d"]);
    await expectMatch(ctx, e, pop, `userName lt ${literal(pop.userName("b"))}`, ["a"]);
    await expectMatch(ctx, e, pop, `meta.created gt "2000-01-01T00:00:00Z"`, ["a", "b", "c", "d"]);
    await expectMatch(ctx, e, pop, `meta.lastModified lt "2000-01-01T00:00:00Z"`, []);
    return e.done();
  },
});

export const filterOrderingBoolean = scimCheck({
  id: "filter.ordering.boolean-invalid",
  title: "Ordering operators on a boolean are a 400 invalidFilter",
  area: "filter",
  requirements: ["rfc7644.filter.ordering-boolean-binary-400"],
  attributes: { User: ["active"] },
  expectation:
    'GET {Users}?filter=active gt true answers 400 with scimType "invalidFilter" (RFC 7644 §3.4.2.2)',
  async run(ctx) {
    // One matching User, so that a server that only fails while evaluating is still caught.
    const tag = ctx.unique.name("bool");
    await makeUser(ctx, { userName: `${tag}-a`, active: true });
    const e = ctx.expect();
    for (const condition of ["active gt true", "active le false"]) {
      const view = await list(ctx, usersEndpoint(ctx), { filter: scopedUsers(tag, condition) });
      e.scimError(view.res, 400, "invalidFilter");
    }
    return e.done();
  },
});
