// The RFC 9865 §4 "pagination" object of /ServiceProviderConfig: well-formed when present, and present
// with cursor=true when the server pages with cursors.
import { asObject, getCi, show } from "../support/json.js";
import { scimCheck } from "../support/scim-check.js";
import { cursorPopulation } from "./cursor-walk.js";

export const paginationAttributes = scimCheck({
  id: "cursor.spc.pagination-attributes",
  title: "The pagination object, when present, is well formed",
  area: "cursor",
  requirements: ["rfc9865.cursor.spc-pagination-attributes"],
  expectation:
    'pagination has booleans cursor and index; defaultPaginationMethod, if present, is "cursor" or "index"; defaultPageSize, maxPageSize and cursorTimeout, if present, are positive integers',
  async run(ctx) {
    const pagination = asObject(getCi(ctx.discovery.serviceProviderConfig, "pagination"));
    if (pagination === undefined)
      return {
        kind: "skip",
        reason: "the ServiceProviderConfig has no pagination object (RFC 9865 §4 is optional)",
      };
    const e = ctx.expect();
    for (const key of ["cursor", "index"])
      e.that(
        typeof getCi(pagination, key) === "boolean",
        `pagination.${key} is ${show(getCi(pagination, key))}`,
      );
    const method = getCi(pagination, "defaultPaginationMethod");
    if (method !== undefined)
      e.that(method === "cursor" || method === "index", `defaultPaginationMethod is ${show(method)}`);
    for (const key of ["defaultPageSize", "maxPageSize", "cursorTimeout"]) {
      const v = getCi(pagination, key);
      if (v !== undefined)
        e.that(Number.isInteger(v) && (v as number) > 0, `pagination.${key} is ${show(v)}`);
    }
    return e.done();
  },
});

export const paginationAdvertised = scimCheck({
  id: "cursor.spc.advertised",
  title: "A server that pages with cursors advertises it",
  area: "cursor",
  requirements: ["rfc9865.cursor.spc-pagination"],
  expectation:
    "when GET ?cursor=&count=1 over two Users answers with a nextCursor, the ServiceProviderConfig has pagination.cursor=true",
  async run(ctx) {
    const pop = await cursorPopulation(ctx, 2);
    const page = await pop.page({ cursor: "", count: 1 });
    if (typeof page.nextCursor !== "string")
      return { kind: "skip", reason: "the target does not page with cursors" };
    const e = ctx.expect();
    const cursor = getCi(getCi(ctx.discovery.serviceProviderConfig, "pagination"), "cursor");
    e.that(cursor === true, `the target pages with cursors, but pagination.cursor is ${show(cursor)}`);
    return e.done();
  },
});
