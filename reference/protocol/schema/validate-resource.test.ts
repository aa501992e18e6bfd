import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { errorFromIssues } from "../errors/issues.js";
import type { ScimType } from "../errors/scim-error.js";
import type { JsonObject } from "../resource/json.js";
import { deviceRegistry, deviceUrn, rackUrn, rtOf } from "./device-registry.js";
import { coreSchemaUrns } from "./schema-definition.js";
import { validateForCreate } from "./validate-resource.js";
import type { ValidationOptions, ValidationResult } from "./validation-types.js";

const registry = deviceRegistry();
const userUrn = coreSchemaUrns.user;
const groupUrn = coreSchemaUrns.group;
const entUrn = coreSchemaUrns.enterpriseUser;

const user = (extra: JsonObject = {}): JsonObject => ({ schemas: [userUrn], userName: "bjensen", ...extra });
const device = (extra: JsonObject = {}): JsonObject => ({ schemas: [deviceUrn], name: "d1", ...extra });

type Want =
  | { readonly issues: readonly (readonly [ScimType, string])[] }
  | { readonly resource: JsonObject }
  | { readonly has: JsonObject };

interface Case {
  readonly rt?: string;
  readonly body: unknown;
  readonly options?: Partial<ValidationOptions>;
  readonly want: Want;
}

function check(result: ValidationResult, want: Want): void {
  if ("issues" in want) {
    assert.equal(result.ok, false, `expected issues, got ${JSON.stringify(result)}`);
    if (result.ok) return;
    assert.deepEqual(
      result.issues.map((i) => [i.code, i.path]),
      want.issues.map(([c, p]) => [c, p]),
      JSON.stringify(result.issues),
    );
    return;
  }
  assert.equal(result.ok, true, `expected success, got ${JSON.stringify(result)}`);
  if (!result.ok) return;
  if ("resource" in want) assert.deepEqual(result.resource, want.resource);
  else for (const [k, v] of Object.entries(want.has)) assert.deepEqual(result.resource[k], v, k);
}

function runTable(cases: Record<string, Case>): void {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () =>
      check(validateForCreate(registry, rtOf(registry, c.rt ?? "User"), c.body, c.options), c.want),
    );
  }
}

describe("validateForCreate: the body and `schemas` (RFC 7643 §3)", () => {
  runTable({
    "rejects a body that is not a JSON object with invalidSyntax (RFC 7644 §3.3)": {
      body: ["userName"],
      want: { issues: [["invalidSyntax", ""]] },
    },
    "rejects null as a body": { body: null, want: { issues: [["invalidSyntax", ""]] } },
    "requires `schemas` (RFC 7643 §3: REQUIRED)": {
      body: { userName: "bjensen" },
      want: { issues: [["invalidValue", "schemas"]] },
    },
    "treats an empty `schemas` as absent (RFC 7643 §2.5)": {
      body: { schemas: [], userName: "bjensen" },
      want: { issues: [["invalidValue", "schemas"]] },
    },
    "rejects a `schemas` that is not an array": {
      body: { schemas: userUrn, userName: "bjensen" },
      want: { issues: [["invalidValue", "schemas"]] },
    },
    "rejects a non-string schema URN": {
      body: { schemas: [userUrn, 7], userName: "bjensen" },
      want: { issues: [["invalidValue", "schemas[1]"]] },
    },
    "requires the base schema URN in `schemas`": {
      body: { schemas: [entUrn], userName: "bjensen" },
      want: { issues: [["invalidValue", "schemas"]] },
    },
    "rejects an unknown URN (RFC 7643 §3: only the schema and schemaExtensions of the resource type)": {
      body: { schemas: [userUrn, "urn:example:unknown"], userName: "bjensen" },
      want: { issues: [["invalidValue", "schemas[1]"]] },
    },
    "rejects a registered URN the resource type does not declare (Enterprise on a Group)": {
      rt: "Group",
      body: { schemas: [groupUrn, entUrn], displayName: "g" },
      want: { issues: [["invalidValue", "schemas[1]"]] },
    },
    "matches URNs case-insensitively and writes them canonically": {
      body: { schemas: [userUrn.toUpperCase()], userName: "bjensen" },
      want: { resource: { schemas: [userUrn], userName: "bjensen" } },
    },
    "accepts a duplicated URN and lists it once (RFC 7643 §3: no duplicates in a representation)": {
      body: { schemas: [userUrn, userUrn.toLowerCase()], userName: "bjensen" },
      want: { resource: { schemas: [userUrn], userName: "bjensen" } },
    },
    "adds the URN of an extension present in the body but missing from `schemas` (RFC 7643 §3)": {
      body: user({ [entUrn]: { employeeNumber: "7" } }),
      want: {
        resource: { schemas: [userUrn, entUrn], userName: "bjensen", [entUrn]: { employeeNumber: "7" } },
      },
    },
    "drops an extension URN whose container holds nothing": {
      body: { schemas: [userUrn, entUrn], userName: "bjensen" },
      want: { resource: { schemas: [userUrn], userName: "bjensen" } },
    },
    "matches an extension container key case-insensitively and writes it canonically": {
      body: user({ [entUrn.toLowerCase()]: { EMPLOYEENUMBER: "7" } }),
      want: { has: { schemas: [userUrn, entUrn], [entUrn]: { employeeNumber: "7" } } },
    },
    "rejects an extension container that is not an object (RFC 7643 §3.3)": {
      body: user({ [entUrn]: "7" }),
      want: { issues: [["invalidValue", entUrn]] },
    },
    "treats an empty extension container as absent (RFC 7643 §2.5)": {
      body: { schemas: [userUrn, entUrn], userName: "bjensen", [entUrn]: { manager: {} } },
      want: { resource: { schemas: [userUrn], userName: "bjensen" } },
    },
  });
});

describe("validateForCreate: attribute names (RFC 7643 §2.1)", () => {
  runTable({
    "matches names case-insensitively and rewrites them to the schema's spelling": {
      body: {
        SCHEMAS: [userUrn],
        USERNAME: "bjensen",
        Name: { GIVENNAME: "Barbara" },
        EMAILS: [{ VALUE: "a@b" }],
      },
      want: {
        resource: {
          schemas: [userUrn],
          userName: "bjensen",
          name: { givenName: "Barbara" },
          emails: [{ value: "a@b" }],
        },
      },
    },
    "rejects two keys that differ only in case": {
      body: user({ DisplayName: "a", displayname: "b" }),
      want: { issues: [["invalidValue", "displayName"]] },
    },
    "lets a null twin of a key pass (null is unassigned, RFC 7643 §2.5)": {
      body: user({ displayName: "a", DISPLAYNAME: null }),
      want: { has: { displayName: "a" } },
    },
    "ignores an unknown attribute by default (RFC 7644 §3.3: the server may ignore POSTed content)": {
      body: user({ favouriteColour: "blue", name: { givenName: "B", nickname: "x" } }),
      want: { resource: { schemas: [userUrn], userName: "bjensen", name: { givenName: "B" } } },
    },
    "rejects an unknown attribute with invalidValue when asked to (RFC 7644 §3.12)": {
      body: user({ favouriteColour: "blue", name: { givenName: "B", nickname: "x" } }),
      options: { unknownAttributes: "reject" },
      want: {
        issues: [
          ["invalidValue", "favouriteColour"],
          ["invalidValue", "name.nickname"],
        ],
      },
    },
    "does not take an extension attribute outside its container (RFC 7643 §3.3)": {
      body: user({ employeeNumber: "7" }),
      options: { unknownAttributes: "reject" },
      want: { issues: [["invalidValue", "employeeNumber"]] },
    },
    'treats a "__proto__" key as an unknown attribute, not as a prototype': {
      body: JSON.parse(
        '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","x"],"__proto__":{"userName":"evil"}}',
      ),
      options: { unknownAttributes: "reject" },
      want: {
        issues: [
          ["invalidValue", "schemas[1]"],
          ["invalidValue", "__proto__"],
          ["invalidValue", "userName"],
        ],
      },
    },
    "does not take a URN-qualified attribute name as a body key": {
      body: user({ [`${entUrn}:employeeNumber`]: "7" }),
      options: { unknownAttributes: "reject" },
      want: { issues: [["invalidValue", `${entUrn}:employeeNumber`]] },
    },
  });
});

describe("validateForCreate: types (RFC 7643 §2.3), never coerced", () => {
  runTable({
    "string (§2.3.1): a number is refused": {
      body: user({ userName: 5 }),
      want: { issues: [["invalidValue", "userName"]] },
    },
    'boolean (§2.3.2): the string "True" is refused (coercion is the Entra layer\'s job)': {
      body: user({ active: "True" }),
      want: { issues: [["invalidValue", "active"]] },
    },
    "boolean: a JSON boolean passes": { body: user({ active: false }), want: { has: { active: false } } },
    "boolean inside a multi-valued complex value names its index": {
      body: user({ emails: [{ value: "a@b" }, { value: "c@d", primary: "true" }] }),
      want: { issues: [["invalidValue", "emails[1].primary"]] },
    },
    "decimal (§2.3.3): a number passes": {
      rt: "Device",
      body: device({ weight: 1.5 }),
      want: { has: { weight: 1.5 } },
    },
    "decimal: a numeric string is refused": {
      rt: "Device",
      body: device({ weight: "1.5" }),
      want: { issues: [["invalidValue", "weight"]] },
    },
    "integer (§2.3.4): a whole number passes": {
      rt: "Device",
      body: device({ count: -3 }),
      want: { has: { count: -3 } },
    },
    "integer: a fraction is refused": {
      rt: "Device",
      body: device({ count: 1.5 }),
      want: { issues: [["invalidValue", "count"]] },
    },
    "integer: a value beyond 2^53 is refused rather than rounded": {
      rt: "Device",
      body: device({ count: 2 ** 53 }),
      want: { issues: [["invalidValue", "count"]] },
    },
    "dateTime (§2.3.5): an xsd:dateTime passes": {
      rt: "Device",
      body: device({ seen: "2015-09-30T04:56:22.123+02:00" }),
      want: { has: { seen: "2015-09-30T04:56:22.123+02:00" } },
    },
    "dateTime: a date alone is refused (it MUST include a time)": {
      rt: "Device",
      body: device({ seen: "2015-09-30" }),
      want: { issues: [["invalidValue", "seen"]] },
    },
    "dateTime: 30 February is refused": {
      rt: "Device",
      body: device({ seen: "2015-02-30T00:00:00Z" }),
      want: { issues: [["invalidValue", "seen"]] },
    },
    "binary (§2.3.6): padded base64 passes": {
      rt: "Device",
      body: device({ blob: "aGVsbG8=" }),
      want: { has: { blob: "aGVsbG8=" } },
    },
    "binary: unpadded or base64url text is refused (RFC 4648 §4)": {
      rt: "Device",
      body: device({ blob: "aGVsbG8_" }),
      want: { issues: [["invalidValue", "blob"]] },
    },
    "reference (§2.3.7): a relative URI passes (RFC 7643 §8.3 uses ../Users/…)": {
      rt: "Device",
      body: device({ homepage: "../Users/1" }),
      want: { has: { homepage: "../Users/1" } },
    },
    "reference: text with a space is refused": {
      rt: "Device",
      body: device({ homepage: "not a uri" }),
      want: { issues: [["invalidValue", "homepage"]] },
    },
    "complex (§2.3.8): a string is refused": {
      body: user({ name: "Babs" }),
      want: { issues: [["invalidValue", "name"]] },
    },
    "complex sub-attribute: an object for a simple sub-attribute is refused": {
      body: user({ name: { givenName: { first: "B" } } }),
      want: { issues: [["invalidValue", "name.givenName"]] },
    },
    "multi-valued (§2.4): a single value is refused, not wrapped": {
      body: user({ emails: { value: "a@b" } }),
      want: { issues: [["invalidValue", "emails"]] },
    },
    "multi-valued: a null element is refused": {
      rt: "Device",
      body: device({ tags: ["a", null] }),
      want: { issues: [["invalidValue", "tags[1]"]] },
    },
    "multi-valued: a wrongly typed element names its index": {
      rt: "Device",
      body: device({ ports: [{ value: 80 }, { value: "443" }] }),
      want: { issues: [["invalidValue", "ports[1].value"]] },
    },
    "single-valued: an array is refused": {
      body: user({ displayName: ["a"] }),
      want: { issues: [["invalidValue", "displayName"]] },
    },
    "collects every issue of one body at once (STYLE.md §9)": {
      body: user({ active: 1, nickName: 2, name: { givenName: 3 } }),
      want: {
        issues: [
          ["invalidValue", "name.givenName"],
          ["invalidValue", "nickName"],
          ["invalidValue", "active"],
        ],
      },
    },
  });

  it("never echoes a writeOnly value in a message", () => {
    const result = validateForCreate(registry, rtOf(registry, "Device"), device({ secret: ["hunter2"] }));
    assert.equal(result.ok, false);
    if (!result.ok) assert.doesNotMatch(result.issues[0]?.message ?? "", /hunter2/);
  });
});

describe("validateForCreate: null, [] and absent are one state (RFC 7643 §2.5)", () => {
  runTable({
    "removes null": { body: user({ displayName: null }), want: { resource: user() } },
    "removes an empty multi-valued attribute": { body: user({ emails: [] }), want: { resource: user() } },
    "removes a complex value with nothing assigned": {
      body: user({ name: { givenName: null, familyName: null } }),
      want: { resource: user() },
    },
    "removes elements with nothing assigned and then the empty attribute": {
      body: user({ emails: [{}, { value: null }] }),
      want: { resource: user() },
    },
    "keeps an empty string, which is a value": {
      body: user({ nickName: "" }),
      want: { has: { nickName: "" } },
    },
  });
});

describe("validateForCreate: required (RFC 7643 §7, RFC 7644 §3.3)", () => {
  runTable({
    "refuses a User without userName": {
      body: { schemas: [userUrn] },
      want: { issues: [["invalidValue", "userName"]] },
    },
    "refuses an empty userName (RFC 7643 §4.1.1: non-empty)": {
      body: user({ userName: "" }),
      want: { issues: [["invalidValue", "userName"]] },
    },
    "refuses a null userName": {
      body: user({ userName: null }),
      want: { issues: [["invalidValue", "userName"]] },
    },
    "refuses a Group without displayName (RFC 7643 §4.2, erratum 5368)": {
      rt: "Group",
      body: { schemas: [groupUrn] },
      want: { issues: [["invalidValue", "displayName"]] },
    },
    "reports a wrongly typed required value once, not also as missing": {
      body: user({ userName: 42 }),
      want: { issues: [["invalidValue", "userName"]] },
    },
    "does not ask the client for a required readOnly attribute (the server supplies it)": {
      rt: "Device",
      body: device(),
      want: { resource: device() },
    },
    "requires a required sub-attribute of a present complex value": {
      rt: "Device",
      body: device({ owner: { display: "Ann" } }),
      want: { issues: [["invalidValue", "owner.value"]] },
    },
    "requires a required sub-attribute in each value of a multi-valued attribute": {
      rt: "Device",
      body: device({ ports: [{ value: 1 }, { type: "tcp" }] }),
      want: { issues: [["invalidValue", "ports[1].value"]] },
    },
    "requires an extension's required attribute once the extension is present": {
      rt: "Device",
      body: device({ [rackUrn]: { slot: 3 } }),
      want: { issues: [["invalidValue", `${rackUrn}:rack`]] },
    },
    "does not require attributes of an absent optional extension": {
      rt: "Device",
      body: device({ [rackUrn]: null }),
      want: { resource: device() },
    },
    "requires an extension the resource type marks required (RFC 7643 §6)": {
      rt: "StrictDevice",
      body: device(),
      want: { issues: [["invalidValue", rackUrn]] },
    },
  });
});

describe("validateForCreate: mutability (RFC 7643 §7, RFC 7644 §3.3)", () => {
  it("drops readOnly id, meta and groups and lists them as ignored", () => {
    const result = validateForCreate(
      registry,
      rtOf(registry, "User"),
      user({ id: "x", meta: { created: "not a date" }, groups: [{ value: "g" }] }),
    );
    assert.deepEqual(result, {
      ok: true,
      resource: user(),
      ignored: [
        { path: "id", reason: "readOnly" },
        { path: "meta", reason: "readOnly" },
        { path: "groups", reason: "readOnly" },
      ],
    });
  });
  runTable({
    "drops a readOnly sub-attribute (enterprise manager.displayName)": {
      body: user({ [entUrn]: { manager: { value: "m1", displayName: "Boss" } } }),
      want: { has: { [entUrn]: { manager: { value: "m1" } } } },
    },
    "ignores a readOnly value whatever its type": {
      body: user({ meta: "garbage", id: 12 }),
      want: { resource: user() },
    },
    "keeps a writeOnly value (the password must reach the datastore)": {
      body: user({ password: "t1meMa$heen" }),
      want: { has: { password: "t1meMa$heen" } },
    },
    "accepts an immutable value on create": {
      rt: "Device",
      body: device({ serial: "SN-1", owner: { value: "o", badge: "B1" } }),
      want: { has: { serial: "SN-1", owner: { value: "o", badge: "B1" } } },
    },
  });
});

describe("validateForCreate: primary (RFC 7643 §2.4)", () => {
  runTable({
    'refuses two "primary": true in one attribute': {
      body: user({
        emails: [
          { value: "a@b", primary: true },
          { value: "c@d", primary: true },
        ],
      }),
      want: { issues: [["invalidValue", "emails"]] },
    },
    'keeps "primary": false as sent': {
      body: user({
        emails: [
          { value: "a@b", primary: true },
          { value: "c@d", primary: false },
        ],
      }),
      want: {
        has: {
          emails: [
            { value: "a@b", primary: true },
            { value: "c@d", primary: false },
          ],
        },
      },
    },
    "counts primaries per attribute, not per resource": {
      body: user({
        emails: [{ value: "a@b", primary: true }],
        addresses: [{ locality: "x", primary: true }],
      }),
      want: { has: { emails: [{ value: "a@b", primary: true }] } },
    },
    "applies to extension-defined multi-valued attributes too": {
      rt: "Device",
      body: device({
        ports: [
          { value: 1, primary: true },
          { value: 2, primary: true },
        ],
      }),
      want: { issues: [["invalidValue", "ports"]] },
    },
  });
});

describe("validateForCreate: canonicalValues (RFC 7643 §7: suggestions, enforced where the server acts on them)", () => {
  const group = (members: JsonObject[]): JsonObject => ({ schemas: [groupUrn], displayName: "g", members });
  runTable({
    "accepts members.type User and Group (RFC 7643 §4.2)": {
      rt: "Group",
      body: group([
        { value: "u1", type: "User" },
        { value: "g1", type: "Group" },
      ]),
      want: {
        has: {
          members: [
            { value: "u1", type: "User" },
            { value: "g1", type: "Group" },
          ],
        },
      },
    },
    "rewrites members.type to its canonical spelling (caseExact false)": {
      rt: "Group",
      body: group([{ value: "u1", type: "user" }]),
      want: { has: { members: [{ value: "u1", type: "User" }] } },
    },
    "refuses another members.type": {
      rt: "Group",
      body: group([{ value: "u1" }, { value: "r1", type: "Robot" }]),
      want: { issues: [["invalidValue", "members[1].type"]] },
    },
    "accepts a non-canonical emails.type (canonicalValues are suggestions)": {
      body: user({ emails: [{ value: "a@b", type: "holiday" }] }),
      want: { has: { emails: [{ value: "a@b", type: "holiday" }] } },
    },
    "enforces another attribute's canonical values when configured": {
      rt: "Device",
      body: device({ ports: [{ value: 1, type: "sctp" }] }),
      options: { enforcedCanonicalValues: [{ schema: deviceUrn, path: "ports.type" }] },
      want: { issues: [["invalidValue", "ports[0].type"]] },
    },
  });
});

describe("validateForCreate: the normalised form", () => {
  it("puts schemas first, then attributes in schema order, then extensions", () => {
    const result = validateForCreate(registry, rtOf(registry, "User"), {
      [entUrn]: { department: "Tours", employeeNumber: "7" },
      userName: "bjensen",
      externalId: "e1",
      schemas: [entUrn, userUrn],
      name: { givenName: "B", familyName: "J" },
    });
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.deepEqual(Object.keys(result.resource), ["schemas", "externalId", "userName", "name", entUrn]);
    assert.deepEqual(Object.keys(result.resource.name as JsonObject), ["familyName", "givenName"]);
    assert.deepEqual(Object.keys(result.resource[entUrn] as JsonObject), ["employeeNumber", "department"]);
    assert.deepEqual(result.resource.schemas, [userUrn, entUrn]);
  });

  it("turns the issues into one 400 whose scimType is the first issue's (RFC 7644 §3.12)", () => {
    const result = validateForCreate(registry, rtOf(registry, "User"), { schemas: [userUrn], active: "yes" });
    assert.equal(result.ok, false);
    if (result.ok) return;
    const error = errorFromIssues(result.issues);
    assert.equal(error.status, 400);
    assert.equal(error.scimType, "invalidValue");
    assert.match(error.detail, /active: expects a JSON boolean/);
    assert.match(error.detail, /userName: is required/);
  });
});
