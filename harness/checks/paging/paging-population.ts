// Five Users for the paging checks, found through a scope the check first verifies, so page contents
// are judged against the check's own data only. Queries are sorted by userName when the target sorts
// (a stable order makes "startIndex=k+1 continues after k" observable); otherwise the server's order.
import type { ScimRequest } from "../../client/client.js";
import type { CheckContext } from "../check-context.js";
import type { ListView } from "../support/list.js";
import { list, scopedUsers, scopeWorks } from "../support/list.js";
import { makeUser, usersEndpoint } from "../support/resources.js";

export interface PagedPopulation {
  readonly tag: string;
  readonly ids: readonly string[];
  page(query: ScimRequest["query"]): Promise<ListView>;
}

export async function pagedPopulation(ctx: CheckContext, size = 5): Promise<PagedPopulation> {
  const tag = ctx.unique.name("page");
  const ids: string[] = [];
  for (let i = 1; i <= size; i += 1) ids.push((await makeUser(ctx, { userName: `${tag}-u${i}` })).id);
  await scopeWorks(ctx, usersEndpoint(ctx), scopedUsers(tag), size);
  const sorted = ctx.discovery.feature("sort") === "advertised" ? { sortBy: "userName" } : {};
  return {
    tag,
    ids,
    page: (query) => list(ctx, usersEndpoint(ctx), { filter: scopedUsers(tag), ...sorted, ...query }),
  };
}
