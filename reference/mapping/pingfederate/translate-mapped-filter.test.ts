// Filters and sorts through the dual mapping (translate-mapped-filter.ts, split-filter.ts): what pushes down
// is equivalent to the filter over read-mapped resources; the rest is residual. A property checks that
// claim against the datastore's own matcher (memory-filter-matcher.ts, the executable specification the
// SQL stores are tested against) and the protocol matcher on the views (RFC 7644 §3.4.2.2).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { StoreAttribute, StoreFilter } from "../../datastore/datastore.js";
import { matchesFilter } from "../../datastore/memory/memory-filter-matcher.js";
import { validateStoreFilter } from "../../datastore/validate-store-filter.js";
import {
  andNode,
  compareNode,
  notNode,
  orNode,
  presentNode,
  valuePathNode,
} from "../../protocol/filter/filter-builders.js";
import type { FilterNode } from "../../protocol/filter/filter-node.js";
import { compileFilter } from "../../protocol/filter/match-filter.js";
import { parseFilter } from "../../protocol/filter/parse-filter.js";
import { resolveFilter } from "../../protocol/filter/resolve-filter.js";
import type { AttrPath } from "../../protocol/path/attr-path.js";
import { makeAttrPath } from "../../protocol/path/attr-path-syntax.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { specRegistry } from "../../protocol/testing/spec-registry.js";
import {
  assertAsyncProperty,
  compileOrThrow,
  context,
  entryOf,
  expr,
  ldap,
  RecordingLog,
  scim,
  usersOnly,
} from "./mapping-test-support.js";

const registry = specRegistry();
const userType = registry.resourceType("User");
if (userType === undefined) throw new Error("no User resource type");
const rt = userType;
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

// One mapping with every layout: direct simple, sub and whole attributes; flattened groups with one store
// attribute each (work and home emails) and a zipped group (work phones); expression-fed attributes.
const write = {
  uid: scim("userName"),
  t: scim("title"),
  nick: scim("nickName"),
  gn: scim("name.givenName"),
  fn: scim("name.familyName"),
  mail: scim("emails.work.value"),
  homeMail: scim("emails.home.value"),
  tel: scim("phoneNumbers.work.value"),
  telPrimary: scim("phoneNumbers.work.primary"),
  mobile: scim("phoneNumbers.mobile.value"),
  adr: scim("addresses"),
  im: scim("ims.value"),
  on: scim("active"),
  mgr: scim(`${enterprise}:manager.value`),
};
const read = {
  userName: ldap("uid"),
  title: ldap("t"),
  nickName: expr("nick"),
  "name.givenName": ldap("gn"),
  "name.familyName": expr("fn"),
  "emails.work.value": ldap("mail"),
  "emails.home.value": ldap("homeMail"),
  "phoneNumbers.work.value": ldap("tel"),
  "phoneNumbers.work.primary": ldap("telPrimary"),
  "phoneNumbers.mobile.value": expr("mobile"),
  addresses: ldap("adr"),
  "ims.value": ldap("im"),
  active: ldap("on"),
  [`${enterprise}:manager.value`]: ldap("mgr"),
};
const mixed = compileOrThrow(usersOnly(write, read)).users;

function label(attr: StoreAttribute): string {
  if (attr.source === "engine")
    return `engine:${attr.name}${attr.subPath === undefined ? "" : `.${attr.subPath}`}`;
  return attr.subPath === undefined ? attr.name : `${attr.name}.${attr.subPath}`;
}

function print(node: StoreFilter, inner = false): string {
  const name = (a: StoreAttribute) => (inner ? (a.subPath ?? "$") : label(a));
  switch (node.kind) {
    case "compare":
      return `${name(node.attr)} ${node.op} ${JSON.stringify(node.value)}`;
    case "present":
      return `${name(node.attr)} pr`;
    case "and":
    case "or":
      return `(${print(node.left, inner)} ${node.kind} ${print(node.right, inner)})`;
    case "not":
      return `not (${print(node.operand, inner)})`;
    case "valuePath":
      return `${label(node.attr)}[${print(node.filter, true)}]`;
  }
}

function translate(filter: string) {
  return mixed.translateFilter(resolveFilter(registry, rt, parseFilter(filter)));
}

describe("PingFederateMapping.translateFilter", () => {
  const cases: [string, { pushed: string | undefined; residual: boolean }][] = [
    ['userName eq "bjensen"', { pushed: 'uid eq "bjensen"', residual: false }],
    ['USERNAME sw "b" and title co "x"', { pushed: '(uid sw "b" and t co "x")', residual: false }],
    ['title ne "x"', { pushed: 't ne "x"', residual: false }],
    ["name.givenName pr", { pushed: "gn pr", residual: false }],
    [`${enterprise}:manager.value eq "m1"`, { pushed: 'mgr eq "m1"', residual: false }],
    ["active eq false", { pushed: "on eq false", residual: false }],
    // The whole attribute is direct: sub-attributes are its sub-paths, value filters stay value filters.
    ['addresses.locality eq "Paris"', { pushed: 'adr.locality eq "Paris"', residual: false }],
    [
      'addresses[type eq "work" and locality eq "Paris"]',
      { pushed: 'adr[(type eq "work" and locality eq "Paris")]', residual: false },
    ],
    // emails: only the work and home groups put values in a view, each from one store attribute.
    ['emails.value eq "x"', { pushed: '(mail eq "x" or homeMail eq "x")', residual: false }],
    ['emails[type eq "work" and value eq "x"]', { pushed: 'mail eq "x"', residual: false }],
    ['emails[type eq "WORK" and value sw "x"]', { pushed: 'mail sw "x"', residual: false }],
    ['emails[type eq "home" or value eq "x"]', { pushed: undefined, residual: true }],
    ['emails[type eq "other" and value eq "x"]', { pushed: undefined, residual: true }],
    ['emails[type eq "work" and not (value eq "x")]', { pushed: 'mail[not ($ eq "x")]', residual: false }],
    ['emails.value ne "x"', { pushed: 'not ((mail eq "x" or homeMail eq "x"))', residual: false }],
    ["emails.value pr", { pushed: "(mail pr or homeMail pr)", residual: false }],
    ["emails.value eq null", { pushed: "not ((mail pr or homeMail pr))", residual: false }],
    ['emails[type eq "work" and display eq "x"]', { pushed: undefined, residual: true }],
    ['emails.type eq "work"', { pushed: undefined, residual: true }],
    // ims.value is the only source of ims values: a path across elements, one store attribute.
    ['ims.value eq "x"', { pushed: 'im eq "x"', residual: false }],
    // Zipped elements (value and primary from two store attributes) cannot be searched per attribute...
    ['phoneNumbers[value eq "1" and primary eq true]', { pushed: undefined, residual: true }],
    // ...and phoneNumbers.value also has an expression-fed group (mobile).
    ['phoneNumbers.value eq "1"', { pushed: undefined, residual: true }],
    ["phoneNumbers.primary eq true", { pushed: "telPrimary eq true", residual: false }],
    ['nickName eq "x"', { pushed: undefined, residual: true }],
    ['name.familyName eq "x"', { pushed: undefined, residual: true }],
    // A single complex value: positive filters over direct sub-attributes push down without the brackets.
    ['name[givenName eq "a"]', { pushed: 'gn eq "a"', residual: false }],
    ['name[givenName eq "a" and familyName eq "b"]', { pushed: undefined, residual: true }],
    ['name[not (givenName eq "a")]', { pushed: undefined, residual: true }],
    // Conjuncts split: the pushed part narrows, the residual is rechecked over read-mapped results.
    ['userName eq "u" and nickName eq "x"', { pushed: 'uid eq "u"', residual: true }],
    ['userName eq "u" or nickName eq "x"', { pushed: undefined, residual: true }],
    // Engine-owned attributes are the engine's, whatever the mapping.
    ['id eq "abc"', { pushed: 'engine:id eq "abc"', residual: false }],
    [
      'meta.lastModified gt "2020-01-01T00:00:00Z"',
      { pushed: 'engine:meta.lastModified gt "2020-01-01T00:00:00Z"', residual: false },
    ],
    ['groups.value eq "g1"', { pushed: 'engine:groups.value eq "g1"', residual: false }],
    // Attributes the mapping never returns are absent in every view: the matcher decides.
    ['displayName eq "x"', { pushed: undefined, residual: true }],
  ];
  for (const [filter, want] of cases) {
    it(`${filter} → pushed ${want.pushed ?? "nothing"}${want.residual ? ", with a residual" : ""}`, () => {
      const got = translate(filter);
      assert.equal(got.pushed === undefined ? undefined : print(got.pushed), want.pushed);
      assert.equal(got.residual !== undefined, want.residual);
      if (got.pushed !== undefined) validateStoreFilter(got.pushed);
    });
  }

  it("logs that a filter part runs over read-mapped results, naming the paths", () => {
    const log = new RecordingLog();
    const { users } = compileOrThrow(usersOnly(write, read), { log });
    users.translateFilter(resolveFilter(registry, rt, parseFilter('userName eq "u" and nickName eq "x"')));
    const line = log.lines.find((l) => l.level === "info");
    assert.deepEqual(line?.obj.residual, ["nickName"]);
    assert.match(line?.msg ?? "", /bounded scan/);
  });
});

describe("PingFederateMapping.translateAttribute (sorting)", () => {
  const cases: [string, string | undefined][] = [
    ["userName", "uid"],
    ["name.givenName", "gn"],
    ["name.familyName", undefined],
    ["addresses.locality", "adr.locality"],
    ["ims.value", "im"],
    // The view sorts a multi-valued attribute by its primary value; the work group maps primary.
    ["phoneNumbers.value", undefined],
    ["emails.value", undefined],
    ["meta.lastModified", "engine:meta.lastModified"],
  ];
  for (const [path, want] of cases) {
    it(`sorts ${path} by ${want ?? "nothing in the store"}`, () => {
      const [name = "", sub] = path.split(".");
      const resolved = registry.resolve(rt, { kind: "attrPath", schema: undefined, name, subAttr: sub });
      assert.equal(resolved?.kind, "attribute");
      if (resolved?.kind !== "attribute") return;
      const got = mixed.translateAttribute(resolved);
      assert.equal(got === undefined ? undefined : label(got), want);
    });
  }
});

// --- soundness: pushed ∧ residual over entries/views ≡ the filter over views ---------------------------

const pool = ["a", "A", "b"];
const types = ["work", "Work", "home", "mobile", "other"];
const word = fc.constantFrom(...pool);
const element = fc.record(
  { value: word, type: fc.constantFrom(...types), primary: fc.boolean(), display: word },
  { requiredKeys: [] },
);
const userArb: fc.Arbitrary<JsonObject> = fc
  .record(
    {
      title: word,
      nickName: word,
      name: fc.record({ givenName: word, familyName: word }, { requiredKeys: [] }),
      emails: fc.array(element, { maxLength: 3 }),
      phoneNumbers: fc.array(element, { maxLength: 3 }),
      ims: fc.array(element, { maxLength: 2 }),
      addresses: fc.array(
        fc.record({ locality: word, type: fc.constantFrom(...types) }, { requiredKeys: [] }),
        { maxLength: 2 },
      ),
      active: fc.boolean(),
      [enterprise]: fc.record({ manager: fc.record({ value: word }) }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  )
  .map((u) => ({ userName: "u", ...u }) as JsonObject);

const leafPaths: [string | undefined, string, string | undefined][] = [
  [undefined, "userName", undefined],
  [undefined, "title", undefined],
  [undefined, "nickName", undefined],
  [undefined, "name", "givenName"],
  [undefined, "name", "familyName"],
  [undefined, "emails", "value"],
  [undefined, "emails", "type"],
  [undefined, "emails", "primary"],
  [undefined, "phoneNumbers", "value"],
  [undefined, "phoneNumbers", "primary"],
  [undefined, "ims", "value"],
  [undefined, "addresses", "locality"],
  [undefined, "active", undefined],
  [enterprise, "manager", "value"],
];

function leafArb(
  paths: readonly [string | undefined, string, string | undefined][],
): fc.Arbitrary<FilterNode<AttrPath>> {
  return fc.constantFrom(...paths).chain(([schema, name, sub]) => {
    const attr = makeAttrPath(schema, name, sub);
    const isBool = sub === "primary" || name === "active";
    const literal = isBool
      ? fc.oneof(fc.boolean(), fc.constant(null))
      : fc.oneof(
          { weight: 4, arbitrary: word },
          { weight: 2, arbitrary: fc.constantFrom(...types) },
          { weight: 1, arbitrary: fc.constant(null) },
        );
    const op = isBool
      ? fc.constantFrom("eq" as const, "ne" as const)
      : fc.constantFrom("eq" as const, "ne" as const, "co" as const, "sw" as const, "gt" as const);
    return fc.oneof(
      fc
        .tuple(op, literal)
        .map(([o, v]) => compareNode(attr, v === null && o !== "eq" && o !== "ne" ? "eq" : o, v)),
      fc.constant(presentNode(attr)),
    );
  });
}

const innerPaths = (name: string): [undefined, string, undefined][] =>
  (name === "addresses" ? ["locality", "type"] : ["value", "type", "primary", "display"]).map((s) => [
    undefined,
    s,
    undefined,
  ]);

/** Inside a value filter: often a type test, since typed groups fold `type` to a constant. */
function innerArb(name: string): fc.Arbitrary<FilterNode<AttrPath>> {
  const typeTest = fc
    .tuple(
      fc.constantFrom("work", "home", "Work", "mobile"),
      fc.constantFrom("eq" as const, "eq" as const, "ne" as const, "sw" as const),
    )
    .map(([t, op]) => compareNode(makeAttrPath(undefined, "type", undefined), op, t));
  const leaf = fc.oneof(typeTest, leafArb(innerPaths(name)));
  return fc.oneof(
    leaf,
    fc.tuple(leaf, leaf).map(([a, b]) => andNode(a, b)),
    fc.tuple(leaf, leaf).map(([a, b]) => orNode(a, b)),
    leaf.map((a) => notNode(a)),
  );
}

const filterArb: fc.Arbitrary<FilterNode<AttrPath>> = fc.letrec<{ node: FilterNode<AttrPath> }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3, depthSize: "small" },
    { weight: 2, arbitrary: leafArb(leafPaths) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom("emails", "emails", "phoneNumbers", "ims", "addresses")
        .chain((name) =>
          innerArb(name).map((inner) => valuePathNode(makeAttrPath(undefined, name, undefined), inner)),
        ),
    },
    { weight: 1, arbitrary: fc.tuple(tie("node"), tie("node")).map(([l, r]) => andNode(l, r)) },
    { weight: 1, arbitrary: fc.tuple(tie("node"), tie("node")).map(([l, r]) => orNode(l, r)) },
    { weight: 1, arbitrary: tie("node").map((n) => notNode(n)) },
  ),
})).node;

function subject(id: string, attributes: JsonObject) {
  const meta = { created: "2025-01-01T00:00:00.000Z", lastModified: "2025-01-01T00:00:00.000Z", version: 1 };
  return { id, meta, attributes, members: () => [], groups: () => [] };
}

describe("PingFederateMapping.translateFilter soundness", () => {
  it("pushed part on entries and residual on views select exactly what the filter selects on views", async () => {
    let pushedSome = 0;
    await assertAsyncProperty(
      fc.tuple(fc.array(userArb, { minLength: 2, maxLength: 5 }), filterArb),
      async ([users, ast]) => {
        let resolved: ReturnType<typeof resolveFilter>;
        try {
          resolved = resolveFilter(registry, rt, ast);
        } catch {
          return; // a literal of the wrong type for its attribute: 400 invalidFilter before any mapping
        }
        const { pushed, residual } = mixed.translateFilter(resolved);
        if (pushed !== undefined) {
          validateStoreFilter(pushed);
          pushedSome++;
        }
        const whole = compileFilter(resolved);
        const rest = residual === undefined ? undefined : compileFilter(residual);
        for (const [i, user] of users.entries()) {
          const attributes = JSON.parse(JSON.stringify(await mixed.write(user, context))) as JsonObject;
          const view = await mixed.read(entryOf(attributes), context);
          const viaStore =
            (pushed === undefined || matchesFilter(subject(`e${i}`, attributes), pushed)) &&
            (rest === undefined || rest(view));
          assert.equal(
            viaStore,
            whole(view),
            `user ${JSON.stringify(user)}\nview ${JSON.stringify(view)}\nstored ${JSON.stringify(attributes)}\npushed ${pushed && print(pushed)}`,
          );
        }
      },
      600,
    );
    assert.ok(pushedSome > 100, `only ${pushedSome} filters pushed anything down`);
  });
});
