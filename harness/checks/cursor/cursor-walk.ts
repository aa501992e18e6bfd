// Cursor walks (RFC 9865 §2): the first page from an empty cursor parameter, then nextCursor until a
// page has none — with a guard so a server that never stops cannot hang a check.
import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import type { ListView } from "../support/list.js";
import { idsOf, list, scopedUsers, scopeWorks } from "../support/list.js";
import { makeUser, usersEndpoint } from "../support/resources.js";

export interface CursorPopulation {
  readonly tag: string;
  readonly ids: readonly string[];
  readonly filter: string;
  page(query: Readonly<Record<string, string | number | undefined>>): Promise<ListView>;
}

export async function cursorPopulation(ctx: CheckContext, size = 5): Promise<CursorPopulation> {
  const tag = ctx.unique.name("cur");
  const ids: string[] = [];
  for (let i = 1; i <= size; i += 1) ids.push((await makeUser(ctx, { userName: `${tag}-u${i}` })).id);
  const filter = scopedUsers(tag);
  await scopeWorks(ctx, usersEndpoint(ctx), filter, size);
  return { tag, ids, filter, page: (query) => list(ctx, usersEndpoint(ctx), { filter, ...query }) };
}

export interface Walk {
  readonly pages: readonly ListView[];
  readonly ids: readonly string[];
  /** Why the walk stopped early (a non-ListResponse answer, a runaway server), if it did. */
  readonly broken?: string;
  /** True when the walk ended on an empty page that still offered a nextCursor. */
  readonly trailingNext?: boolean;
}

export async function walkCursor(
  pop: CursorPopulation,
  count: number,
  extra: Readonly<Record<string, string>> = {},
): Promise<Walk> {
  const pages: ListView[] = [];
  let cursor = "";
  for (let guard = 0; guard < 20; guard += 1) {
    const page = await pop.page({ ...extra, cursor, count });
    if (!page.isList)
      return {
        pages,
        ids: pages.flatMap(idsOf),
        broken: `cursor=${cursor} answered ${describeResponse(page.res)}`,
      };
    pages.push(page);
    if (typeof page.nextCursor !== "string" || page.nextCursor === "")
      return { pages, ids: pages.flatMap(idsOf) };
    // An empty page that still offers a nextCursor ends the walk (no-next-on-last reports it);
    // following it could go on forever.
    if (page.resources.length === 0 && pages.length > 1)
      return { pages, ids: pages.flatMap(idsOf), trailingNext: true };
    cursor = page.nextCursor;
  }
  return { pages, ids: pages.flatMap(idsOf), broken: "still a nextCursor after 20 pages" };
}
