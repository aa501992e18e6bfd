// Page sizes and cursor errors (RFC 9865 §2, §3): count as an upper bound, count 0 or negative,
// maxPageSize, and the invalidCursor, expiredCursor and invalidCount refusals.
import { setTimeout as sleep } from "node:timers/promises";
import { describeResponse } from "../expect.js";
import { getCi, show } from "../support/json.js";
import { list } from "../support/list.js";
import { usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { cursorPopulation, walkCursor } from "./cursor-walk.js";

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
    for (const [i, p] of walk.pages.entries()) {
      e.that(p.resources.length <= 2, `page ${i + 1} holds ${p.resources.length} resources`);
    }
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
