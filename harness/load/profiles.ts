// The load mixes: what an identity provider's provisioning client sends during a sync, by share of
// requests. Both clients look a user up by userName before they create or update it (Microsoft: "Entra ID
// queries … filter=userName eq", Okta: the same before every push), so lookups are the largest share;
// Entra ID sends one PATCH per membership change, Okta batches them into a group push.
import type { OperationName } from "./operations.js";

export const profileNames = ["entra", "okta"] as const;
export type ProfileName = (typeof profileNames)[number];

export type Mix = readonly { readonly op: OperationName; readonly weight: number }[];

export const profiles: Readonly<Record<ProfileName, { readonly summary: string; readonly mix: Mix }>> = {
  entra: {
    summary: "Entra ID-like: filter by userName, create, PATCH attributes, deactivate, group member PATCH",
    mix: [
      { op: "filter", weight: 30 },
      { op: "create", weight: 10 },
      { op: "patch", weight: 25 },
      { op: "deactivate", weight: 10 },
      { op: "member-add", weight: 13 },
      { op: "member-remove", weight: 12 },
    ],
  },
  okta: {
    summary: "Okta-like: filter, create, PUT updates, PATCH active, group push",
    mix: [
      { op: "filter", weight: 30 },
      { op: "create", weight: 10 },
      { op: "replace", weight: 25 },
      { op: "patch-active", weight: 10 },
      { op: "group-push", weight: 25 },
    ],
  },
};

/** Picks an operation by weight with `random()` in [0, 1). */
export function pickFrom(mix: Mix, random: () => number): OperationName {
  const total = mix.reduce((sum, m) => sum + m.weight, 0);
  let at = random() * total;
  for (const m of mix) {
    at -= m.weight;
    if (at < 0) return m.op;
  }
  const last = mix.at(-1);
  if (last === undefined) throw new Error("an empty mix");
  return last.op;
}
