// TEST-ONLY fast-check arbitraries for differential filter tests: random Users (core + EnterpriseUser) as
// the server returns them, and random VALID filters over them (parsed text, so a SQL compiler test can run
// the same filter through the HTTP layer or its own compiler). Values come from small vocabularies with
// case, Unicode-normalisation and time-zone variants of each other, so that filters hit often and the
// interesting comparisons (case folding, NFC, instants, multi-valued, absent values) are exercised.
// Typical use: fc.property(fc.array(userResourceArb), userFilterTextArb, (users, filter) => ...).
import fc from "fast-check";
import type { JsonObject } from "../resource/json.js";

const enterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const coreUrn = "urn:ietf:params:scim:schemas:core:2.0:User";

export const nameWords = [
  "alice",
  "Alice",
  "ALICE",
  "bob",
  "Bob",
  "é",
  "E\u0301",
  "\u00c9",
  "ß",
  "zoë",
  "z",
  "",
] as const;
export const emailValues = ["a@example.com", "A@Example.com", "b@example.org", "c@x.net"] as const;
export const emailTypes = ["work", "Work", "home", "other"] as const;
// The same instants written with different offsets and precisions, plus neighbours.
export const instants = [
  "2011-05-13T04:42:34Z",
  "2011-05-13T06:42:34+02:00",
  "2011-05-13T04:42:34.000Z",
  "2011-05-13T04:42:34.001Z",
  "2011-05-12T23:42:34-05:00",
  "2020-01-01T00:00:00Z",
] as const;
export const ids = ["id-A", "id-a", "id-b", "ID-B"] as const;

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

const emailArb = fc.record(
  { value: fc.constantFrom(...emailValues), type: fc.constantFrom(...emailTypes), primary: fc.boolean() },
  { requiredKeys: ["value"] },
);

/** A random User; absent attributes are left out, some are null or empty to test presence. */
export const userResourceArb: fc.Arbitrary<JsonObject> = fc
  .record({
    id: fc.uuid(),
    externalId: optional(fc.constantFrom(...ids)),
    userName: fc.constantFrom(...nameWords),
    title: optional(fc.oneof(fc.constantFrom(...nameWords), fc.constant(null))),
    nickName: optional(fc.constantFrom(...nameWords)),
    active: optional(fc.boolean()),
    name: optional(
      fc.record(
        { givenName: fc.constantFrom(...nameWords), familyName: fc.constantFrom(...nameWords) },
        { requiredKeys: [] },
      ),
    ),
    emails: optional(fc.array(emailArb, { maxLength: 3 })),
    lastModified: fc.constantFrom(...instants),
    enterprise: optional(
      fc.record(
        {
          department: fc.constantFrom(...nameWords),
          manager: fc.record({ value: fc.constantFrom(...ids) }),
        },
        { requiredKeys: [] },
      ),
    ),
  })
  .map(({ lastModified, enterprise, ...core }) => {
    const user: JsonObject = {
      schemas: enterprise === undefined ? [coreUrn] : [coreUrn, enterpriseUrn],
      meta: { resourceType: "User", created: "2010-01-23T04:56:22Z", lastModified },
    };
    for (const [key, value] of Object.entries(core)) if (value !== undefined) user[key] = value;
    if (enterprise !== undefined) user[enterpriseUrn] = enterprise;
    return user;
  });

const q = (s: string) => JSON.stringify(s);
const stringOp = fc.constantFrom("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");
const orderOp = fc.constantFrom("eq", "ne", "gt", "ge", "lt", "le");

const comparison: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        "userName",
        "title",
        "nickName",
        "name.givenName",
        "name.familyName",
        "department",
        "USERNAME",
      ),
      stringOp,
      fc.constantFrom(...nameWords),
    )
    .map(([a, op, v]) => `${a} ${op} ${q(v)}`),
  fc
    .tuple(
      fc.constantFrom("emails", "emails.value", "emails.type"),
      stringOp,
      fc.constantFrom(...emailValues, ...emailTypes, "example"),
    )
    .map(([a, op, v]) => `${a} ${op} ${q(v)}`),
  fc
    .tuple(fc.constantFrom("externalId", "manager.value"), stringOp, fc.constantFrom(...ids))
    .map(([a, op, v]) => `${a} ${op} ${q(v)}`),
  fc
    .tuple(fc.constantFrom("meta.lastModified", "meta.created"), orderOp, fc.constantFrom(...instants))
    .map(([a, op, v]) => `${a} ${op} ${q(v)}`),
  fc
    .tuple(fc.constantFrom("active", "emails.primary"), fc.constantFrom("eq", "ne"), fc.boolean())
    .map(([a, op, v]) => `${a} ${op} ${v}`),
  fc
    .tuple(fc.constantFrom("title", "nickName", "active", "emails"), fc.constantFrom("eq", "ne"))
    .map(([a, op]) => `${a} ${op} null`),
  fc
    .constantFrom(
      "title",
      "nickName",
      "name",
      "emails",
      "emails.type",
      "active",
      "externalId",
      "manager",
      "manager.value",
    )
    .map((a) => `${a} pr`),
  fc
    .constantFrom(...[coreUrn, enterpriseUrn, enterpriseUrn.toUpperCase()])
    .map((urn) => `schemas eq ${q(urn)}`),
);

const emailCondition: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom("value", "type"), stringOp, fc.constantFrom(...emailValues, ...emailTypes))
    .map(([a, op, v]) => `${a} ${op} ${q(v)}`),
  fc.tuple(fc.constantFrom("eq", "ne"), fc.boolean()).map(([op, v]) => `primary ${op} ${v}`),
  fc.constantFrom("type pr", "primary pr", "value pr"),
);

function combine(leaf: fc.Arbitrary<string>, depth: number): fc.Arbitrary<string> {
  if (depth === 0) return leaf;
  const sub = combine(leaf, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 1,
      arbitrary: fc.tuple(sub, fc.constantFrom("and", "or"), sub).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    },
    { weight: 1, arbitrary: sub.map((f) => `not (${f})`) },
  );
}

/** A random valid filter over User attributes, as text (resolves without error against spec/schemas). */
export const userFilterTextArb: fc.Arbitrary<string> = combine(
  fc.oneof(
    { weight: 4, arbitrary: comparison },
    { weight: 1, arbitrary: combine(emailCondition, 2).map((f) => `emails[${f}]`) },
  ),
  3,
);
