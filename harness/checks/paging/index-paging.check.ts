// Index-based paging (RFC 7644 §3.4.2.4): count is an upper bound, startIndex is 1-based and echoed,
// partial pages carry startIndex and itemsPerPage, values below 1 and negative counts are normalised,
// totalResults counts the whole query, and walking the pages visits every result once.
import { describeResponse } from "../expect.js";
import { show } from "../support/json.js";
import { idsOf, list } from "../support/list.js";
import { usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { pagedPopulation } from "./paging-population.js";

export const countUpperBound = scimCheck({
  id: "paging.count.upper-bound",
  title: "count=N returns at most N resources",
  area: "paging",
  requirements: ["rfc7644.paging.count-upper-bound"],
  expectation:
    "count=2 over five matching Users returns at most 2 resources, and an unscoped count=1 at most 1",
  async run(ctx) {
    const pop = await pagedPopulation(ctx);
    const e = ctx.expect();
    const two = await pop.page({ count: 2 });
    if (e.that(two.isList, `count=2 answered ${describeResponse(two.res)}`))
      e.that(two.resources.length <= 2, `count=2 returned ${two.resources.length}`);
    const one = await list(ctx, usersEndpoint(ctx), { count: 1 });
    if (e.that(one.isList, `count=1 answered ${describeResponse(one.res)}`))
      e.that(one.resources.length <= 1, `count=1 returned ${one.resources.length}`);
    return e.done();
  },
});

export const startIndexOneBased = scimCheck({
  id: "paging.start-index.one-based",
  title: "startIndex is 1-based and echoed",
  area: "paging",
  requirements: ["rfc7644.paging.start-index-one-based"],
  expectation:
    "startIndex=1&count=2 returns the first two of the five, startIndex=3&count=2 the next two, and each answer echoes its startIndex",
  async run(ctx) {
    const pop = await pagedPopulation(ctx);
    const all = await pop.page({ count: 5 });
    need(
      all.isList && all.resources.length === 5,
      `the five Users in one page: ${describeResponse(all.res)}`,
    );
    const order = idsOf(all);
    const e = ctx.expect();
    for (const start of [1, 3]) {
      const page = await pop.page({ startIndex: start, count: 2 });
      if (!e.that(page.isList, `startIndex=${start} answered ${describeResponse(page.res)}`)) continue;
      e.equal(
        idsOf(page),
        order.slice(start - 1, start + 1),
        `the ids of startIndex=${start}&count=2 (in the order of the full list)`,
      );
      e.equal(page.startIndex, start, `startIndex echoed for startIndex=${start}`);
    }
    return e.done();
  },
});

export const partialPageAttributes = scimCheck({
  id: "paging.partial-page.attributes",
  title: "A partial page carries startIndex and itemsPerPage",
  area: "paging",
  requirements: ["rfc7644.paging.partial-page-attributes"],
  expectation: "count=2 over five matching Users answers with totalResults 5, startIndex and itemsPerPage",
  async run(ctx) {
    const pop = await pagedPopulation(ctx);
    const page = await pop.page({ count: 2 });
    const e = ctx.expect();
    if (!e.that(page.isList, `answered ${describeResponse(page.res)}`)) return e.done();
    e.that(Number.isInteger(page.startIndex), `startIndex is ${show(page.startIndex)}`);
    e.that(Number.isInteger(page.itemsPerPage), `itemsPerPage is ${show(page.itemsPerPage)}`);
    return e.done();
  },
});

export const itemsPerPage = scimCheck({
  id: "paging.items-per-page.equals-resources",
  title: "itemsPerPage is the number of resources returned",
  area: "paging",
  requirements: ["rfc7644.paging.items-per-page"],
  expectation:
    "itemsPerPage is 2 for startIndex=1&count=2 and 1 for the last page startIndex=5&count=2 of five",
  async run(ctx) {
    const pop = await pagedPopulation(ctx);
    const e = ctx.expect();
    for (const start of [1, 5]) {
      const page = await pop.page({ startIndex: start, count: 2 });
      if (!e.that(page.isList, `startIndex=${start} answered ${describeResponse(page.res)}`)) continue;
      e.equal(
        page.itemsPerPage,
        page.resources.length,
        `itemsPerPage at startIndex=${start} (Resources holds ${page.resources.length})`,
      );
    }
    return e.done();
  },
});

export const startIndexBelowOne = scimCheck({
  id: "paging.start-index.below-one",
  title: "startIndex below 1 is treated as 1",
  area: "paging",
  requirements: ["rfc7644.paging.start-index-below-one"],
  expectation: "startIndex=0 and startIndex=-3 (count=2) answer 200 with the same resources as startIndex=1",
  async run(ctx) {
    const pop = await pagedPopulation(ctx);
    const first = await pop.page({ startIndex: 1, count: 2 });
    need(first.isList, `startIndex=1 answered ${describeResponse(first.res)}`);
    const e = ctx.expect();
    for (const start of [0, -3]) {
      const page = await pop.page({ startIndex: start, count: 2 });
      if (!e.that(page.isList, `startIndex=${start} answered ${describeResponse(page.res)}`)) continue;
      e.equal(idsOf(page), idsOf(first), `the ids for startIndex=${start} (those of startIndex=1)`);
    }
    return e.done();
  },
});

export const countZero = scimCheck({
  id: "paging.count.zero-or-negative",
  title: "count=0 (or negative) returns only totalResults",
  area: "paging",
  requirements: ["rfc7644.paging.count-zero-or-negative"],
  expectation:
    "count=0 and count=-1 over five matching Users answer 200 with totalResults 5 and no resources",
  async run(ctx) {
    const pop = await pagedPopulation(ctx);
    const e = ctx.expect();
    for (const count of [0, -1]) {
      const page = await pop.page({ count });
      if (!e.that(page.isList, `count=${count} answered ${describeResponse(page.res)}`)) continue;
      e.equal(page.totalResults, 5, `totalResults for count=${count}`);
      e.that(page.resources.length === 0, `count=${count} returned ${page.resources.length} resources`);
    }
    return e.done();
  },
});

export const pagingTotalResults = scimCheck({
  id: "paging.total-results.whole-query",
  title: "totalResults counts the whole filtered query on every page",
  area: "paging",
  requirements: ["rfc7644.paging.total-results"],
  expectation: "startIndex=3&count=2 over five matching Users answers totalResults 5",
  async run(ctx) {
    const pop = await pagedPopulation(ctx);
    const page = await pop.page({ startIndex: 3, count: 2 });
    const e = ctx.expect();
    if (!e.that(page.isList, `answered ${describeResponse(page.res)}`)) return e.done();
    e.equal(page.totalResults, 5, "totalResults");
    return e.done();
  },
});

export const pagingWalk = scimCheck({
  id: "paging.walk.each-once",
  title: "Walking the pages returns every result exactly once",
  area: "paging",
  requirements: ["rfc7644.paging.complete-walk"],
  expectation:
    "pages of count=2 from startIndex=1, advanced by itemsPerPage, return each of the five Users exactly once",
  async run(ctx) {
    const pop = await pagedPopulation(ctx);
    const seen: string[] = [];
    const e = ctx.expect();
    let start = 1;
    for (let guard = 0; guard < 10; guard += 1) {
      const page = await pop.page({ startIndex: start, count: 2 });
      if (!e.that(page.isList, `startIndex=${start} answered ${describeResponse(page.res)}`)) return e.done();
      seen.push(...idsOf(page));
      const step = Number(page.itemsPerPage ?? page.resources.length) || page.resources.length;
      if (step === 0 || start + step > Number(page.totalResults ?? 0)) break;
      start += step;
    }
    e.equal([...seen].sort(), [...pop.ids].sort(), "the ids seen over the walk (each User once)");
    return e.done();
  },
});
