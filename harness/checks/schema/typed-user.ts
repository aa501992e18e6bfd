// The User the encoding checks walk: created from the target's own schemas (support/generate.ts) so
// that every declared attribute type appears; if the target refuses that body (some validate
// phone numbers or locales strictly), a smaller hand-written one.
import type { CheckContext } from "../check-context.js";
import { generatedUserBody } from "../support/generate.js";
import type { JsonObject } from "../support/json.js";
import type { Made } from "../support/resources.js";
import { makeUser, readBack, richUserBody, usersEndpoint } from "../support/resources.js";

export async function typedUser(ctx: CheckContext): Promise<{ user: Made; read: JsonObject }> {
  const tag = ctx.unique.name("typed");
  const generated = generatedUserBody(ctx, tag);
  const first = await ctx.resources.create(usersEndpoint(ctx), generated);
  if (first.ok && first.id !== undefined) {
    ctx.note(`created a User with every declared attribute: ${Object.keys(generated).join(", ")}`);
    const path = `${usersEndpoint(ctx)}/${encodeURIComponent(first.id)}`;
    const user: Made = {
      id: first.id,
      path,
      body: generated,
      resource: { ...(first.resource ?? {}) },
      response: first.response,
    };
    return { user, read: (await readBack(ctx, path)).body };
  }
  ctx.note(`the target refused the generated User (HTTP ${first.response.status}); using a smaller one`);
  const user = await makeUser(ctx, richUserBody(ctx, tag));
  return { user, read: (await readBack(ctx, user.path)).body };
}
