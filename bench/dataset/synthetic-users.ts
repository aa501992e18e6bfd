// The users every benchmarked server holds: the same deterministic SCIM bodies for the reference server's
// loader, the SCIMMY server's seed and the Bulk import, so that a figure compares servers, never data.
// userName and emails use example.com (RFC 2606 §3: reserved, mail to it goes nowhere).

export const userSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
export const groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

export interface SyntheticUser {
  readonly schemas: readonly string[];
  readonly userName: string;
  readonly externalId: string;
  readonly displayName: string;
  readonly name: { readonly givenName: string; readonly familyName: string };
  readonly emails: readonly { readonly value: string; readonly type: string; readonly primary: boolean }[];
  readonly active: boolean;
}

/** The userName of the `i`-th synthetic user; a filter `userName eq` names users by it. */
export function userNameOf(i: number, prefix = "user"): string {
  return `${prefix}${i}@example.com`;
}

/** A User body of the size Entra ID and Okta send on create: names, one work email, active. */
export function syntheticUser(i: number, prefix = "user"): SyntheticUser {
  const userName = userNameOf(i, prefix);
  return {
    schemas: [userSchema],
    userName,
    externalId: `${prefix}-ext-${i}`,
    displayName: `User Number ${i}`,
    name: { givenName: "Given", familyName: `Family${i}` },
    emails: [{ value: userName, type: "work", primary: true }],
    active: true,
  };
}

/** `count` indexes spread evenly over [0, total): samples that touch the whole table, not its start. */
export function spreadIndexes(total: number, count: number): number[] {
  const n = Math.min(total, count);
  const step = total / Math.max(1, n);
  return Array.from({ length: n }, (_, k) => Math.floor(k * step));
}
