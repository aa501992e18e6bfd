// The User the PATCH checks modify: a work and a home email (work primary), a title, a name, and a
// display name — enough for every path form of RFC 7644 §3.5.2 to have something to hit.

import type { CheckContext } from "../check-context.js";
import type { Expectation } from "../expect.js";
import { describeResponse } from "../expect.js";
import { listedStringOr } from "../support/advertised-attributes.js";
import type { JsonObject } from "../support/json.js";
import { asArray, getCi } from "../support/json.js";
import type { PatchOperation } from "../support/patch.js";
import { patch, patchSucceeded } from "../support/patch.js";
import type { Made } from "../support/resources.js";
import { makeUser, readBack } from "../support/resources.js";

export interface PatchUser extends Made {
  readonly work: string;
  readonly home: string;
}

export async function patchUser(ctx: CheckContext, extra: JsonObject = {}): Promise<PatchUser> {
  const tag = ctx.unique.name("pch");
  const work = `${tag}-work@example.org`;
  const home = `${tag}-home@example.org`;
  const user = await makeUser(ctx, {
    displayName: "Patch Me",
    title: "Original Title",
    name: { givenName: "Pat", familyName: "Cher" },
    emails: [
      { value: work, type: "work", primary: true },
      { value: home, type: "home" },
    ],
    ...extra,
  });
  return { ...user, work, home };
}

/** `name` where the target lists it, else externalId (support/advertised-attributes.ts). */
export const stringToChange = (ctx: CheckContext, name: string): string => listedStringOr(ctx, [name]);

/** PATCH that must succeed for the check to judge what it did; then the stored state. */
export async function applied(
  ctx: CheckContext,
  e: Expectation,
  path: string,
  operations: readonly PatchOperation[],
): Promise<JsonObject | undefined> {
  const res = await patch(ctx, path, operations);
  if (!e.that(patchSucceeded(res), `PATCH ${JSON.stringify(operations)} answered ${describeResponse(res)}`))
    return undefined;
  return (await readBack(ctx, path)).body;
}

export function emails(body: unknown): { value: string; type: unknown; primary: unknown }[] {
  return asArray(getCi(body, "emails")).map((m) => ({
    value: String(getCi(m, "value")).toLowerCase(),
    type: getCi(m, "type"),
    primary: getCi(m, "primary"),
  }));
}

export function emailValues(body: unknown): string[] {
  return emails(body)
    .map((m) => m.value)
    .sort();
}
