// Choosing between index and cursor paging (RFC 9865 §2.1, §3) and cursors in .search bodies.
import { describeResponse } from "../expect.js";
import { asObject, getCi, show } from "../support/json.js";
import { idsOf, search } from "../support/list.js";
import { usersEndpoint } from "../support/resources.js";
import { need, scimCheck } from "../support/scim-check.js";
import { cursorPopulation } from "./cursor-walk.js";

function bothMethods(pagination: unknown): boolean {
  return getCi(pagination, "cursor") === true && getCi(pagination, "index") === true;
}

export const defaultMethod = scimCheck({
  id: "cursor.method.default",
  title: "Without a paging parameter the default method answers, as advertised",
  area: "cursor",
  requirements: ["rfc9865.cursor.default-method"],
  expectation:
    "with both methods advertised, GET ?count=2 over five Users answers 200 with a partial page in the advertised defaultPaginationMethod (nextCursor for cursor, startIndex for index)",
  async run(ctx) {
    const pagination = asObject(getCi(ctx.discovery.serviceProviderConfig, "pagination"));
    need(bothMethods(pagination), "the target does not advertise both cursor and index paging");
    const pop = await cursorPopulation(ctx);
    const page = await pop.page({ count: 2 });
    const e = ctx.expect();
    if (!e.that(page.isList, `answered ${describeResponse(page.res)}`)) return e.done();
    const method = getCi(pagination, "defaultPaginationMethod");
    if (method === "cursor")
      e.that(
        typeof page.nextCursor === "string",
        `defaultPaginationMethod is cursor but the page has no nextCursor: ${describeResponse(page.res)}`,
      );
    if (method === "index")
      e.that(
        Number.isInteger(page.startIndex) && page.nextCursor === undefined,
        `defaultPaginationMethod is index but the page has startIndex ${show(page.startIndex)} and nextCursor ${show(page.nextCursor)}`,
      );
    return e.done();
  },
});

export const explicitMethod = scimCheck({
  id: "cursor.method.explicit",
  title: "startIndex asks for index paging and cursor for cursor paging",
  area: "cursor",
  requirements: ["rfc9865.cursor.explicit-method"],
  expectation:
    "with both methods advertised, ?startIndex=1&count=2 answers with startIndex and no nextCursor, and ?cursor=&count=2 with a nextCursor",
  async run(ctx) {
    need(
      bothMethods(getCi(ctx.discovery.serviceProviderConfig, "pagination")),
      "the target does not advertise both cursor and index paging",
    );
    const pop = await cursorPopulation(ctx);
    const e = ctx.expect();
    const index = await pop.page({ startIndex: 1, count: 2 });
    e.that(
      index.isList && Number.isInteger(index.startIndex) && index.nextCursor === undefined,
      `?startIndex=1 answered ${describeResponse(index.res)}`,
    );
    const cursor = await pop.page({ cursor: "", count: 2 });
    e.that(
      cursor.isList && typeof cursor.nextCursor === "string",
      `?cursor= answered ${describeResponse(cursor.res)}`,
    );
    return e.done();
  },
});

export const searchBody = scimCheck({
  id: "cursor.search.body",
  title: "A SearchRequest pages with cursor and count like the GET form",
  area: "cursor",
  requirements: ["rfc9865.cursor.search-body"],
  expectation:
    'POST {Users}/.search with "cursor": "" and "count": 2 answers a page with nextCursor; posting that nextCursor returns the following Users',
  async run(ctx) {
    const pop = await cursorPopulation(ctx);
    const first = await search(ctx, usersEndpoint(ctx), { filter: pop.filter, cursor: "", count: 2 });
    const e = ctx.expect();
    if (
      !e.that(
        first.isList && typeof first.nextCursor === "string",
        `the first .search page answered ${describeResponse(first.res)}`,
      )
    )
      return e.done();
    const second = await search(ctx, usersEndpoint(ctx), {
      filter: pop.filter,
      cursor: String(first.nextCursor),
      count: 2,
    });
    if (!e.that(second.isList, `the second .search page answered ${describeResponse(second.res)}`))
      return e.done();
    const overlap = idsOf(second).filter((id) => idsOf(first).includes(id));
    e.that(
      second.resources.length > 0 && overlap.length === 0,
      `the second page holds ${show(idsOf(second))} after ${show(idsOf(first))}`,
    );
    return e.done();
  },
});
