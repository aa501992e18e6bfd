import { describeResponse } from "../expect.js";
import { show } from "../support/json.js";
import { idsOf } from "../support/list.js";
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
    for (const [i, p] of walk.pages.entries()) e.equal(p.totalResults, 5, `totalResults on page ${i + 1}`);
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
