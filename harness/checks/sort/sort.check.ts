// Sorting (RFC 7644 §3.4.2.3): ascending by default, descending on request, caseExact-aware Unicode
// order without locale, unassigned values last (ascending) or first (descending), multi-valued
// attributes by their primary (else first) value, and sub-attributes. Each check creates three Users,
// checks that its scope finds exactly them, then asks for them sorted.

import type { CheckContext } from "../check-context.js";
import { describeResponse } from "../expect.js";
import { listedStringOr, unadvertised } from "../support/advertised-attributes.js";
import type { JsonObject } from "../support/json.js";
import { idsOf, list, scopedUsers, scopeWorks } from "../support/list.js";
import { makeUser, usersEndpoint } from "../support/resources.js";
import { scimCheck } from "../support/scim-check.js";

interface Sorted {
  readonly labels: readonly string[];
  readonly ids: readonly string[];
}

/** Creates the Users (label → overrides, in the given order) and checks the scope finds them. */
async function sortPopulation(ctx: CheckContext, users: Readonly<Record<string, JsonObject>>) {
  const tag = ctx.unique.name("sort");
  const byId = new Map<string, string>();
  for (const [label, overrides] of Object.entries(users)) {
    byId.set((await makeUser(ctx, { userName: `${tag}-${label}`, ...overrides })).id, label);
  }
  await scopeWorks(ctx, usersEndpoint(ctx), scopedUsers(tag), byId.size);
  return {
    async sorted(sortBy: string, sortOrder?: string): Promise<Sorted | string> {
      const view = await list(ctx, usersEndpoint(ctx), {
        filter: scopedUsers(tag),
        sortBy,
        ...(sortOrder ? { sortOrder } : {}),
      });
      if (!view.isList)
        return `sortBy=${sortBy}${sortOrder ? `&sortOrder=${sortOrder}` : ""} answered ${describeResponse(view.res)}`;
      const ids = idsOf(view);
      return { ids, labels: ids.map((id) => byId.get(id) ?? `foreign ${id}`) };
    },
  };
}

async function expectOrder(
  ctx: CheckContext,
  users: Readonly<Record<string, JsonObject>>,
  queries: readonly [sortBy: string, sortOrder: string | undefined, expected: readonly string[]][],
) {
  const pop = await sortPopulation(ctx, users);
  const e = ctx.expect();
  for (const [sortBy, sortOrder, expected] of queries) {
    const got = await pop.sorted(sortBy, sortOrder);
    if (typeof got === "string") {
      e.fail(got);
      continue;
    }
    e.that(
      JSON.stringify(got.labels) === JSON.stringify(expected),
      `sortBy=${sortBy}${sortOrder ? ` sortOrder=${sortOrder}` : ""} returned [${got.labels.join(", ")}], expected [${expected.join(", ")}]`,
    );
  }
  return e.done();
}

export const sortAscending = scimCheck({
  id: "sort.order.ascending-default",
  title: "sortBy alone sorts ascending",
  area: "sort",
  requirements: ["rfc7644.sort.ascending-default"],
  expectation: "three Users created as c, a, b come back a, b, c with sortBy=userName and no sortOrder",
  run: (ctx) => expectOrder(ctx, { c: {}, a: {}, b: {} }, [["userName", undefined, ["a", "b", "c"]]]),
});

export const sortDescending = scimCheck({
  id: "sort.order.descending",
  title: "sortOrder=descending reverses the order",
  area: "sort",
  requirements: ["rfc7644.sort.descending"],
  expectation:
    "the same Users come back c, b, a with sortBy=userName&sortOrder=descending, and a, b, c with sortOrder=ascending",
  run: (ctx) =>
    expectOrder(ctx, { b: {}, c: {}, a: {} }, [
      ["userName", "descending", ["c", "b", "a"]],
      ["userName", "ascending", ["a", "b", "c"]],
    ]),
});

export const sortCaseInsensitive = scimCheck({
  id: "sort.order.case-insensitive",
  title: "caseExact=false strings sort without regard to case",
  area: "sort",
  requirements: ["rfc7644.sort.case-insensitive-order"],
  expectation:
    'displayNames "carol", "alice" and "Bob" sort as alice, Bob, carol (not Bob, alice, carol); userNames ending so where the target lists no displayName',
  run: (ctx) => {
    if (unadvertised(ctx.discovery, "User", "displayName") === undefined) {
      return expectOrder(
        ctx,
        { x: { displayName: "carol" }, y: { displayName: "alice" }, z: { displayName: "Bob" } },
        [["displayName", undefined, ["y", "z", "x"]]],
      );
    }
    // userName is caseExact=false too (RFC 7643 §4.1.1); the labels end each userName.
    ctx.note("sorted by userName: the target lists no displayName");
    return expectOrder(ctx, { carol: {}, alice: {}, Bob: {} }, [
      ["userName", undefined, ["alice", "Bob", "carol"]],
    ]);
  },
});

export const sortCaseExact = scimCheck({
  id: "sort.order.case-exact",
  title: "caseExact=true strings sort by code point",
  area: "sort",
  requirements: ["rfc7644.sort.case-exact-order"],
  expectation:
    'externalIds ending "-a", "-B" and "-C" sort as -B, -C, -a (Unicode order, externalId is caseExact)',
  run: (ctx) =>
    expectOrder(
      ctx,
      {
        x: { externalId: `${ctx.run.prefix}sx-a` },
        y: { externalId: `${ctx.run.prefix}sx-B` },
        z: { externalId: `${ctx.run.prefix}sx-C` },
      },
      [["externalId", undefined, ["y", "z", "x"]]],
    ),
});

export const sortMissing = scimCheck({
  id: "sort.order.missing-values",
  title: "Unassigned values sort last ascending and first descending",
  area: "sort",
  requirements: ["rfc7644.sort.missing-values"],
  expectation:
    "Users with titles B and A and one without come back A, B, (none) ascending and (none), B, A descending (displayName, nickName or externalId where the target lists no title)",
  run: (ctx) => {
    // Any optional single-valued string will do.
    const by = listedStringOr(ctx, ["title", "displayName", "nickName"]);
    const value = (letter: string) =>
      by === "externalId" ? `${ctx.run.prefix}${letter}` : `${letter} Title`;
    return expectOrder(ctx, { x: { [by]: value("B") }, y: {}, z: { [by]: value("A") } }, [
      [by, undefined, ["z", "x", "y"]],
      [by, "descending", ["y", "x", "z"]],
    ]);
  },
});

export const sortMultiValued = scimCheck({
  id: "sort.order.multi-valued-primary",
  title: "A multi-valued attribute sorts by its primary value",
  area: "sort",
  requirements: ["rfc7644.sort.multi-valued"],
  attributes: { User: ["emails.value", "emails.primary"] },
  expectation:
    "sortBy=emails.value orders Users by their primary email (or their first when none is primary), not by any other",
  run: (ctx) => {
    const at = (local: string) => `${ctx.run.prefix}${local}@example.org`;
    return expectOrder(
      ctx,
      {
        // Created z, x, y: neither creation order nor first values give the expected x, y, z.
        z: {
          emails: [
            { value: at("a"), type: "home" },
            { value: at("d"), type: "work", primary: true },
          ],
        },
        x: {
          emails: [
            { value: at("z"), type: "home" },
            { value: at("b"), type: "work", primary: true },
          ],
        },
        y: { emails: [{ value: at("c"), type: "work" }] },
      },
      [["emails.value", undefined, ["x", "y", "z"]]],
    );
  },
});

export const sortSubAttribute = scimCheck({
  id: "sort.order.sub-attribute",
  title: "sortBy accepts a sub-attribute",
  area: "sort",
  requirements: ["rfc7644.sort.sub-attribute"],
  attributes: { User: ["name.familyName"] },
  expectation: "sortBy=name.familyName orders Users named Young, Adams and Miller as Adams, Miller, Young",
  run: (ctx) =>
    expectOrder(
      ctx,
      {
        x: { name: { givenName: "X", familyName: "Young" } },
        y: { name: { givenName: "Y", familyName: "Adams" } },
        z: { name: { givenName: "Z", familyName: "Miller" } },
      },
      [["name.familyName", undefined, ["y", "z", "x"]]],
    ),
});
