// Cursor paging (RFC 9865 §2, §3): the first page from an empty cursor, nextCursor on every page but
// the last, none on the last, no previousCursor on the first, count as an upper bound and 0/negative
// counts, maxPageSize, cursor syntax, a complete walk with totalResults, and invalid cursors.
import { setTimeout as sleep } from "node:timers/promises";
import { describeResponse } from "../expect.js";
import { getCi, show } from "../support/json.js";
import { idsOf, list } from "../support/list.js";
import { usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { cursorPopulation, walkCursor } from "./cursor-walk.js";

const unreserved = /^[A-Za-z0-9._~-]+$/;

export const firstPage = scimCheck({
  id: "cursor.walk.first-page",
  title: "An empty cursor parameter returns the first page with a nextCursor",
  area: "cursor",
  requirements: ["rfc9865.cursor.first-page"],
  expectation:
    "GET ?cursor=&count=2 over five matching Users answers a ListResponse with 2 resources and a nextCursor",
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const page = await pop.page({ cursor: "", count: 2 });
    const e = ctx.expect();
    if (!e.that(page.isList, `answered ${describeResponse(page.res)}`)) return e.done();
    e.equal(page.resources.length, 2, "the number of resources on the first page");
    e.that(
      typeof page.nextCursor === "string" && page.nextCursor.length > 0,
      `nextCursor is ${show(page.nextCursor)}`,
    );
    return e.done();
  },
});

export const nextUntilLast = scimCheck({
  id: "cursor.walk.next-until-last",
  title: "Every page but the last carries nextCursor",
  area: "cursor",
  requirements: ["rfc9865.cursor.next-cursor-until-last"],
  expectation: "walking five matching Users with count=2 gives three pages, the first two with a nextCursor",
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const walk = await walkCursor(pop, 2);
    const e = ctx.expect();
    if (walk.broken) e.fail(walk.broken);
    e.that(
      walk.pages.length >= 3,
      `the walk ended after ${walk.pages.length} page(s) and ${walk.ids.length} of 5 Users`,
    );
    return e.done();
  },
});

export const noNextOnLast = scimCheck({
  id: "cursor.walk.no-next-on-last",
  title: "The last page has no nextCursor, and a page without one is the last",
  area: "cursor",
  requirements: ["rfc9865.cursor.no-next-cursor-on-last"],
  expectation:
    "the walk over five matching Users with count=2 ends with a page without nextCursor, and by then all five were returned",
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const walk = await walkCursor(pop, 2);
    const e = ctx.expect();
    if (walk.broken) e.fail(walk.broken);
    e.that(
      !walk.trailingNext,
      "after the last User the server still answered a nextCursor (to an empty page)",
    );
    e.equal([...new Set(walk.ids)].sort(), [...pop.ids].sort(), "the Users returned when the walk ended");
    return e.done();
  },
});

export const noPreviousOnFirst = scimCheck({
  id: "cursor.walk.no-previous-on-first",
  title: "The first page has no previousCursor",
  area: "cursor",
  requirements: ["rfc9865.cursor.no-previous-cursor-on-first"],
  expectation: "GET ?cursor=&count=2 answers without previousCursor",
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const page = await pop.page({ cursor: "", count: 2 });
    const e = ctx.expect();
    if (!e.that(page.isList, `answered ${describeResponse(page.res)}`)) return e.done();
    e.that(
      page.previousCursor === undefined || page.previousCursor === null,
      `previousCursor is ${show(page.previousCursor)}`,
    );
    return e.done();
  },
});

export const previousCursor = scimCheck({
  id: "cursor.walk.previous-cursor",
  title: "previousCursor, when given, returns the preceding page",
  area: "cursor",
  requirements: ["rfc9865.cursor.previous-cursor"],
  expectation:
    "if the second page carries previousCursor, requesting it returns the same resources as the first page",
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const first = await pop.page({ cursor: "", count: 2 });
    need(
      typeof first.nextCursor === "string",
      `the first page has no nextCursor: ${describeResponse(first.res)}`,
    );
    const second = await pop.page({ cursor: first.nextCursor, count: 2 });
    if (typeof second.previousCursor !== "string")
      return { kind: "skip", reason: "the target gives no previousCursor (optional)" };
    const back = await pop.page({ cursor: second.previousCursor, count: 2 });
    const e = ctx.expect();
    e.equal(idsOf(back), idsOf(first), "the ids of the page previousCursor leads to");
    return e.done();
  },
});

export const cursorCountBound = scimCheck({
  id: "cursor.count.upper-bound",
  title: "No cursor page holds more than count resources",
  area: "cursor",
  requirements: ["rfc9865.cursor.count-upper-bound"],
  expectation: "every page of a count=2 cursor walk over five Users holds at most 2 resources",
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const walk = await walkCursor(pop, 2);
    const e = ctx.expect();
    if (walk.broken) e.fail(walk.broken);
    walk.pages.forEach((p, i) =>
      e.that(p.resources.length <= 2, `page ${i + 1} holds ${p.resources.length} resources`),
    );
    return e.done();
  },
});

export const cursorCountZero = scimCheck({
  id: "cursor.count.zero-or-negative",
  title: "count=0 or negative in a cursor query returns no resources",
  area: "cursor",
  requirements: ["rfc9865.cursor.count-zero-or-negative"],
  expectation: "GET ?cursor=&count=0 and ?cursor=&count=-1 answer a ListResponse without resources",
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const e = ctx.expect();
    for (const count of [0, -1]) {
      const page = await pop.page({ cursor: "", count });
      if (!e.that(page.isList, `count=${count} answered ${describeResponse(page.res)}`)) continue;
      e.that(page.resources.length === 0, `count=${count} returned ${page.resources.length} resources`);
    }
    return e.done();
  },
});

export const maxPageSize = scimCheck({
  id: "cursor.count.max-page-size",
  title: "No page exceeds the advertised maxPageSize",
  area: "cursor",
  requirements: ["rfc9865.cursor.max-page-size"],
  expectation:
    'a cursor query with count above pagination.maxPageSize returns at most maxPageSize resources, or 400 "invalidCount"',
  async run(ctx) {
    const max = getCi(getCi(ctx.discovery.serviceProviderConfig, "pagination"), "maxPageSize");
    need(
      typeof max === "number" && max > 0,
      "the ServiceProviderConfig advertises no pagination.maxPageSize",
    );
    // Enough Users of our own to overflow a small page; for a large maxPageSize, whatever the server holds.
    const small = max <= 25;
    const pop = small ? await cursorPopulation(ctx, max + 1) : undefined;
    const query = { cursor: "", count: max + 5 };
    const page = pop ? await pop.page(query) : await list(ctx, usersEndpoint(ctx), query);
    const e = ctx.expect();
    if (page.res.status === 400) {
      e.that(
        getCi(page.body, "scimType") === "invalidCount",
        `400 with scimType ${show(getCi(page.body, "scimType"))}`,
      );
      return e.done();
    }
    if (!e.that(page.isList, `answered ${describeResponse(page.res)}`)) return e.done();
    e.that(page.resources.length <= max, `${page.resources.length} resources; maxPageSize is ${max}`);
    return e.done();
  },
});

export const cursorCharacters = scimCheck({
  id: "cursor.syntax.unreserved",
  title: "Cursor values use only URL-safe characters",
  area: "cursor",
  requirements: ["rfc9865.cursor.cursor-characters"],
  expectation:
    'nextCursor and previousCursor values hold only letters, digits, "-", ".", "_" and "~" (RFC 3986 unreserved)',
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const walk = await walkCursor(pop, 2);
    const e = ctx.expect();
    if (walk.broken) e.fail(walk.broken);
    for (const p of walk.pages) {
      for (const value of [p.nextCursor, p.previousCursor]) {
        if (value !== undefined && value !== null)
          e.that(typeof value === "string" && unreserved.test(value), `a cursor is ${show(value)}`);
      }
    }
    return e.done();
  },
});

export const cursorWalk = scimCheck({
  id: "cursor.walk.each-once",
  title: "A cursor walk returns every result exactly once, with totalResults",
  area: "cursor",
  requirements: ["rfc9865.cursor.complete-walk"],
  expectation: "following nextCursor with count=2 returns each of five matching Users exactly once",
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const walk = await walkCursor(pop, 2);
    const e = ctx.expect();
    if (walk.broken) e.fail(walk.broken);
    e.equal([...walk.ids].sort(), [...pop.ids].sort(), "the ids seen over the walk (each once)");
    return e.done();
  },
});

export const cursorTotal = scimCheck({
  id: "cursor.walk.total-results",
  title: "Cursor pages carry an accurate totalResults",
  area: "cursor",
  requirements: ["rfc9865.cursor.total-results"],
  expectation: "every page of a cursor walk over five matching Users says totalResults 5",
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const walk = await walkCursor(pop, 2);
    const e = ctx.expect();
    if (walk.broken) e.fail(walk.broken);
    walk.pages.forEach((p, i) => e.equal(p.totalResults, 5, `totalResults on page ${i + 1}`));
    return e.done();
  },
});

export const invalidCursor = scimCheck({
  id: "cursor.errors.invalid-cursor",
  title: "An unknown cursor is a 400 invalidCursor",
  area: "cursor",
  requirements: ["rfc9865.cursor.invalid-cursor"],
  expectation:
    'a made-up cursor, and a real cursor with its last character changed, answer 400 with scimType "invalidCursor"',
  async run(ctx) {
    const pop = await cursorPopulation(ctx, 3);
    const first = await pop.page({ cursor: "", count: 1 });
    const e = ctx.expect();
    const cursors = [`${ctx.run.prefix}not-a-cursor`];
    if (typeof first.nextCursor === "string" && first.nextCursor.length > 0) {
      const c = first.nextCursor;
      cursors.push(`${c.slice(0, -1)}${c.endsWith("A") ? "B" : "A"}`);
    }
    for (const cursor of cursors)
      e.scimError((await pop.page({ cursor, count: 1 })).res, 400, "invalidCursor");
    return e.done();
  },
});

export const expiredCursor = scimCheck({
  id: "cursor.errors.expired-cursor",
  title: "A cursor used after cursorTimeout is refused",
  area: "cursor",
  requirements: ["rfc9865.cursor.expired-cursor"],
  expectation:
    'a nextCursor used after the advertised cursorTimeout answers 400 "expiredCursor" (or "invalidCursor")',
  async run(ctx) {
    const timeout = getCi(getCi(ctx.discovery.serviceProviderConfig, "pagination"), "cursorTimeout");
    need(
      typeof timeout === "number" && timeout > 0 && timeout <= 5,
      `cursorTimeout is ${show(timeout)} s; only timeouts up to 5 s are waited for`,
    );
    const pop = await cursorPopulation(ctx, 3);
    const first = await pop.page({ cursor: "", count: 1 });
    need(
      typeof first.nextCursor === "string",
      `the first page has no nextCursor: ${describeResponse(first.res)}`,
    );
    await sleep(timeout * 1000 + 1500, undefined, { signal: ctx.signal });
    const late = await pop.page({ cursor: first.nextCursor, count: 1 });
    const e = ctx.expect();
    if (!e.status(late.res, 400)) return e.done();
    const type = getCi(late.body, "scimType");
    e.that(type === "expiredCursor" || type === "invalidCursor", `scimType is ${show(type)}`);
    return e.done();
  },
});

export const invalidCount = scimCheck({
  id: "cursor.errors.invalid-count",
  title: "A changed count mid-walk is honoured or refused with invalidCount",
  area: "cursor",
  requirements: ["rfc9865.cursor.invalid-count"],
  expectation:
    'following a count=1 nextCursor with count=3 returns at most 3 resources, or 400 "invalidCount"',
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const first = await pop.page({ cursor: "", count: 1 });
    need(
      typeof first.nextCursor === "string",
      `the first page has no nextCursor: ${describeResponse(first.res)}`,
    );
    const next = await pop.page({ cursor: first.nextCursor, count: 3 });
    const e = ctx.expect();
    if (next.res.status === 400) {
      e.that(
        getCi(next.body, "scimType") === "invalidCount",
        `400 with scimType ${show(getCi(next.body, "scimType"))}`,
      );
      return e.done();
    }
    if (!e.that(next.isList, `answered ${describeResponse(next.res)}`)) return e.done();
    e.that(next.resources.length <= 3, `${next.resources.length} resources for count=3`);
    return e.done();
  },
});

export const cursorSorted = scimCheck({
  id: "cursor.walk.sorted",
  title: "sortBy holds across all pages of a cursor walk",
  area: "cursor",
  requirements: ["rfc9865.cursor.sorted"],
  expectation:
    "a count=2 cursor walk with sortBy=userName&sortOrder=descending returns the five Users in descending userName order",
  async run(ctx) {
    need(ctx.discovery.feature("sort") === "advertised", "the target does not advertise sorting");
    const pop = await cursorPopulation(ctx);
    const walk = await walkCursor(pop, 2, { sortBy: "userName", sortOrder: "descending" });
    const e = ctx.expect();
    if (walk.broken) e.fail(walk.broken);
    e.equal(walk.ids, [...pop.ids].reverse(), "the ids in walk order (Users u5 … u1)");
    return e.done();
  },
});
