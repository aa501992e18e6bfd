// TEST SUPPORT: fast-check arbitraries for differential tests of datastores: random directories (users
// with attributes of every type, groups with nested and cyclic members) and random StoreFilters and sorts
// over the contract plans. Values come from small pools that collide across case, Unicode folding, time
// zones and number forms, so that comparisons match often and every rule is exercised.
import fc from "fast-check";
import {
  andNode,
  compareNode,
  notNode,
  orNode,
  presentNode,
  valuePathNode,
} from "../../protocol/filter/filter-builders.js";
import type { CompareOperator, FilterValue } from "../../protocol/filter/filter-node.js";
import { a } from "../contract/contract-fixtures.js";
import type { EntryAttributes, StoreAttribute, StoreFilter } from "../datastore.js";

const texts = [
  "a",
  "A",
  "b",
  "ab",
  "Ab",
  "aB",
  "abc",
  "é",
  "É",
  "ß",
  "ς",
  "Σ",
  "",
  "x-1",
  "Z",
  "\u{1F600}",
  "\uE000",
];
const emails = ["a@x.org", "A@X.org", "b@y.com", "ab@x.org", "é@x.org", "b@Y.COM"];
const integers = [-1, 0, 1, 9, 10, 100];
const decimals = [-1.5, 0, 0.1, 2.5, 10];
const instants = [
  "2020-01-01T00:00:00Z",
  "2020-01-01T01:00:00+01:00",
  "2019-12-31T23:59:59.999Z",
  "2020-06-01T12:00:00.5-02:00",
  "2020-06-01T14:00:00.500Z",
];
const emailTypes = ["work", "home", "Work", "other"];
const tagPool = ["red", "Red", "blue", ""];

const pick = <T>(pool: readonly T[]) => fc.constantFrom(...pool);

function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq: 3 });
}

const email = fc.record(
  { value: optional(pick(emails)), type: optional(pick(emailTypes)), primary: optional(fc.boolean()) },
  { requiredKeys: [] },
);

/** One user's attributes (without userName: callers add a unique one). */
export const userAttributes: fc.Arbitrary<EntryAttributes> = fc
  .record(
    {
      externalId: pick(texts),
      displayName: pick(texts),
      nickName: pick(texts),
      title: pick(texts),
      name: fc.record({ givenName: optional(pick(texts)) }, { requiredKeys: [] }),
      emails: fc.array(email, { maxLength: 3 }),
      tags: fc.array(pick(tagPool), { maxLength: 3 }),
      age: pick(integers),
      loginCount: pick(integers),
      score: pick(decimals),
      active: fc.boolean(),
      birthday: pick(instants),
      hired: pick(instants),
      [a.employeeNumber.name]: pick(texts),
    },
    { requiredKeys: [] },
  )
  .map((record) => JSON.parse(JSON.stringify(record)) as EntryAttributes); // drops undefined members

export interface DirectorySpec {
  /** userName suffixes: the user's userName is `u<index><suffix>`, unique whatever the case. */
  readonly users: readonly { readonly userNameCase: boolean; readonly attributes: EntryAttributes }[];
  /** Groups by index: displayName and members as labels ("u3", "g1"); later groups may list earlier ones. */
  readonly groups: readonly { readonly displayName: string; readonly members: readonly string[] }[];
  /** Extra group memberships added after creation (closing cycles). */
  readonly backEdges: readonly (readonly [number, number])[];
}

export const directorySpec: fc.Arbitrary<DirectorySpec> = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 4 }))
  .chain(([userCount, groupCount]) =>
    fc.record({
      users: fc.array(fc.record({ userNameCase: fc.boolean(), attributes: userAttributes }), {
        minLength: userCount,
        maxLength: userCount,
      }),
      groups: fc.array(
        fc.record({
          displayName: pick(texts),
          members: fc.uniqueArray(pick([...Array(userCount).keys()].map((i) => `u${i}`)), { maxLength: 4 }),
        }),
        { minLength: groupCount, maxLength: groupCount },
      ),
      backEdges:
        groupCount === 0
          ? fc.constant([])
          : fc.array(fc.tuple(fc.nat(groupCount - 1), fc.nat(groupCount - 1)), { maxLength: 2 }),
    }),
  );

const textOps: readonly CompareOperator[] = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];
const orderOps: readonly CompareOperator[] = ["eq", "ne", "gt", "ge", "lt", "le"];
const equalityOps: readonly CompareOperator[] = ["eq", "ne"];

function comparison(
  attr: StoreAttribute,
  ops: readonly CompareOperator[],
  values: fc.Arbitrary<FilterValue>,
) {
  return fc
    .tuple(
      pick(ops),
      fc.oneof({ weight: 12, arbitrary: values }, { weight: 1, arbitrary: fc.constant(null) }),
    )
    .map(([op, value]) => compareNode(attr, value === null ? (op === "ne" ? "ne" : "eq") : op, value));
}

/** An id-valued literal: a label that each store replaces with its own id ("@u3"), or one that is nobody. */
const idLabel = (labels: readonly string[]) => pick([...labels.map((l) => `@${l}`), "@nobody"]);

function leaves(labels: { users: readonly string[]; groups: readonly string[] }, scope: "User" | "Group") {
  const text = pick(texts);
  const common: fc.Arbitrary<StoreFilter>[] = [
    comparison(a.externalId, textOps, text),
    comparison(a.displayName, textOps, text),
    fc.constant(presentNode(a.displayName)),
  ];
  const groupRefs = fc.oneof(
    comparison(a.groupValue, equalityOps, idLabel(labels.groups)),
    comparison(a.groupDisplay, textOps, text),
    comparison(a.groupType, textOps, pick(["direct", "indirect", "Direct"])),
    fc.constant(presentNode(a.groups)),
  );
  if (scope === "Group") {
    return fc.oneof(
      ...common,
      comparison(a.memberValue, equalityOps, idLabel([...labels.users, ...labels.groups])),
      comparison(a.memberDisplay, textOps, text),
      comparison(a.memberType, textOps, pick(["User", "Group", "user"])),
      fc.constant(presentNode(a.members)),
      groupRefs,
    );
  }
  return fc.oneof(
    ...common,
    comparison(a.userName, textOps, fc.oneof(text, pick(["u1", "U1", "u", "u10"]))),
    comparison(a.nickName, textOps, text),
    comparison(a.title, textOps, text),
    comparison(a.employeeNumber, textOps, text),
    comparison(a.givenName, textOps, text),
    comparison(a.emailValue, textOps, pick(emails)),
    comparison(a.emailType, textOps, pick(emailTypes)),
    comparison(a.emailPrimary, equalityOps, fc.boolean()),
    comparison(a.tags, textOps, pick(tagPool)),
    comparison(a.age, orderOps, pick([...integers, 9.5])),
    comparison(a.loginCount, orderOps, pick([...integers, 9.5])),
    comparison(a.score, orderOps, pick(decimals)),
    comparison(a.active, equalityOps, fc.boolean()),
    comparison(a.birthday, orderOps, pick(instants)),
    comparison(a.hired, orderOps, pick(instants)),
    comparison(a.id, equalityOps, idLabel(labels.users)),
    pick(
      [a.title, a.emails, a.emailType, a.name, a.tags, a.age, a.active, a.nickName].map((x) =>
        presentNode(x),
      ),
    ),
    groupRefs,
  );
}

function emailInner(text: fc.Arbitrary<FilterValue>): fc.Arbitrary<StoreFilter> {
  const leaf = fc.oneof(
    comparison(a.emailValue, textOps, pick(emails)),
    comparison(a.emailType, textOps, text),
    comparison(a.emailPrimary, equalityOps, fc.boolean()),
    fc.constant(presentNode(a.emailType)),
  );
  return fc.oneof(
    leaf,
    fc.tuple(leaf, leaf).map(([l, r]) => andNode(l, r)),
    fc.tuple(leaf, leaf).map(([l, r]) => orNode(l, r)),
    leaf.map(notNode),
  );
}

/** A random filter over the contract plans, for one resource type. */
export function storeFilter(
  labels: { users: readonly string[]; groups: readonly string[] },
  scope: "User" | "Group",
): fc.Arbitrary<StoreFilter> {
  const text = pick(texts);
  const valuePaths: fc.Arbitrary<StoreFilter>[] =
    scope === "User"
      ? [
          emailInner(text).map((inner) => valuePathNode(a.emails, inner)),
          comparison(a.givenName, textOps, text).map((inner) => valuePathNode(a.name, inner)),
          comparison(a.tags, textOps, pick(tagPool)).map((inner) => valuePathNode(a.tags, inner)),
          fc
            .tuple(
              comparison(a.groupDisplay, textOps, text),
              comparison(a.groupType, equalityOps, pick(["direct", "indirect"])),
            )
            .map(([l, r]) => valuePathNode(a.groups, andNode(l, r))),
        ]
      : [
          fc
            .tuple(
              comparison(a.memberType, equalityOps, pick(["User", "Group"])),
              comparison(a.memberDisplay, textOps, text),
            )
            .map(([l, r]) => valuePathNode(a.members, orNode(l, r))),
        ];
  const leaf = fc.oneof({ weight: 4, arbitrary: leaves(labels, scope) }, ...valuePaths);
  const tree = fc.letrec<{ node: StoreFilter }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.tuple(tie("node"), tie("node")).map(([l, r]) => andNode(l, r)),
      fc.tuple(tie("node"), tie("node")).map(([l, r]) => orNode(l, r)),
      tie("node").map(notNode),
    ),
  }));
  return tree.node;
}

const userSorts: readonly StoreAttribute[] = [
  a.userName,
  a.externalId,
  a.displayName,
  a.nickName,
  a.title,
  a.emailValue,
  a.emailType,
  a.givenName,
  a.age,
  a.loginCount,
  a.score,
  a.active,
  a.birthday,
  a.hired,
  a.tags,
  a.employeeNumber,
  a.created,
];

export const userSort = fc.option(fc.record({ attribute: pick(userSorts), descending: fc.boolean() }), {
  nil: undefined,
});
export const groupSort = fc.option(
  fc.record({ attribute: pick([a.displayName, a.externalId, a.lastModified]), descending: fc.boolean() }),
  { nil: undefined },
);
