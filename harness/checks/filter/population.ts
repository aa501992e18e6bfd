// The Users every filter check queries: four of them, created by the check itself with its own tag,
// with values chosen so that each operator separates them (RFC 7644 §3.4.2.2). Every query is scoped
// with `userName sw "<tag>-"`, so foreign data and concurrent checks never change a result. makeUser
// leaves out what the target's /Schemas does not list, so a check declares (`attributes`) or guards
// (`leftOut`, support/advertised-attributes.ts) every attribute its expected letters depend on.

import type { CheckContext } from "../check-context.js";
import type { Expectation } from "../expect.js";
import { describeResponse } from "../expect.js";
import type { JsonObject } from "../support/json.js";
import { getCi, show } from "../support/json.js";
import type { ListView } from "../support/list.js";
import { list, scopedUsers } from "../support/list.js";
import { hasExtension, makeUser, usersEndpoint } from "../support/resources.js";
import { urn } from "../support/urns.js";

export type Letter = "a" | "b" | "c" | "d";

export interface Population {
  readonly tag: string;
  readonly ids: Readonly<Record<Letter, string>>;
  readonly userName: (letter: Letter) => string;
  readonly enterprise: boolean;
  /** The title of d, which holds a quote, a backslash and an accent (for escape tests). */
  readonly escapedTitle: string;
}

const names: Record<Letter, string> = { a: "alpha", b: "bravo", c: "charlie", d: "delta" };

export async function population(ctx: CheckContext): Promise<Population> {
  const tag = ctx.unique.name("flt");
  const userName = (l: Letter) => `${tag}-${names[l]}`;
  const enterprise = hasExtension(ctx, "User", urn.enterprise);
  const escapedTitle = 'Q "quoted" \\ café';
  const bodies: Record<Letter, JsonObject> = {
    a: {
      externalId: `${tag}-Ext-A`,
      name: { givenName: "Ann", familyName: "Smith" },
      displayName: "Ann Smith",
      title: "Manager",
      active: true,
      emails: [
        { value: `${tag}-a-work@example.org`, type: "work", primary: true },
        { value: `${tag}-a-home@example.net`, type: "home" },
      ],
    },
    b: {
      externalId: `${tag}-Ext-B`,
      name: { givenName: "Bob", familyName: "Jones" },
      displayName: "Bob Jones",
      active: false,
      emails: [{ value: `${tag}-b-work@example.org`, type: "work" }],
    },
    c: {
      externalId: `${tag}-Ext-C`,
      name: { givenName: "Cid", familyName: "Smithers" },
      displayName: "Cid Smithers",
      title: "Engineer",
      active: true,
      emails: [{ value: `${tag}-c-home@example.com`, type: "home" }],
    },
    d: { name: { givenName: "Dee", familyName: "Doe" }, title: escapedTitle, active: true },
  };
  if (enterprise) {
    bodies.a = {
      ...bodies.a,
      schemas: [urn.user, urn.enterprise],
      [urn.enterprise]: { employeeNumber: "1001" },
    };
    bodies.b = {
      ...bodies.b,
      schemas: [urn.user, urn.enterprise],
      [urn.enterprise]: { employeeNumber: "1002" },
    };
  }
  const ids = {} as Record<Letter, string>;
  for (const l of ["a", "b", "c", "d"] as const)
    ids[l] = (await makeUser(ctx, { ...bodies[l], userName: userName(l) })).id;
  return { tag, ids, userName, enterprise, escapedTitle };
}

export function lettersOf(pop: Population, view: ListView): string[] {
  const byId = new Map(Object.entries(pop.ids).map(([l, id]) => [id, l]));
  return view.resources
    .map((r) => byId.get(String(getCi(r, "id"))) ?? `foreign ${show(getCi(r, "userName"))}`)
    .sort();
}

/** Queries `scope and (condition)` and records whether exactly `expected` came back. */
export async function expectMatch(
  ctx: CheckContext,
  e: Expectation,
  pop: Population,
  condition: string,
  expected: readonly Letter[],
  options: { readonly scoped?: boolean; readonly requirements?: readonly string[] } = {},
): Promise<ListView> {
  const filter = options.scoped === false ? condition : scopedUsers(pop.tag, condition);
  const view = await list(ctx, usersEndpoint(ctx), { filter });
  const opts = options.requirements ? { requirements: options.requirements } : {};
  if (!e.that(view.isList, `filter ${filter} answered ${describeResponse(view.res)}`, opts)) return view;
  const got = lettersOf(pop, view);
  const want = [...expected].sort();
  e.that(
    JSON.stringify(got) === JSON.stringify(want),
    `filter ${filter} matched [${got.map((l) => (l.length === 1 ? pop.userName(l as Letter) : l)).join(", ")}], expected [${want.map((l) => pop.userName(l)).join(", ")}]`,
    opts,
  );
  return view;
}
