import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonObject } from "../resource/json.js";
import type { AttributeDefinition, ResourceTypeDefinition } from "../schema/schema-definition.js";
import { SchemaRegistry } from "../schema/schema-registry.js";
import { rfcEnterpriseUser, rfcFullUser } from "../testing/rfc7643-users.js";
import { specRegistry } from "../testing/spec-registry.js";
import { compileFilter, compileValueFilter, matchFilter } from "./match-filter.js";
import { parseFilter } from "./parse-filter.js";
import { resolveFilter, resolveValueFilter } from "./resolve-filter.js";

const registry = specRegistry();
const User = registry.resourceType("User") as ResourceTypeDefinition;
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

function matches(filter: string, resource: JsonObject, reg: SchemaRegistry = registry, rt = User): boolean {
  return matchFilter(resolveFilter(reg, rt, parseFilter(filter)), resource);
}

const withUser = (changes: JsonObject): JsonObject => ({ ...rfcFullUser, ...changes });
const without = (resource: JsonObject, ...keys: string[]): JsonObject =>
  Object.fromEntries(Object.entries(resource).filter(([k]) => !keys.includes(k)));

describe("matchFilter", () => {
  describe("answers the RFC 7644 §3.4.2.2 examples on the RFC 7643 §8.2/§8.3 users", () => {
    // [filter, matches the §8.2 full user, matches the §8.3 enterprise user]
    const examples: [string, boolean, boolean][] = [
      // userName is "bjensen@example.com": neither equal to "bjensen" nor starting with "J".
      ['userName eq "bjensen"', false, false],
      [`name.familyName co "O'Malley"`, false, false],
      ['userName sw "J"', false, false],
      ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', false, false],
      ["title pr", true, true],
      // meta.lastModified is exactly 2011-05-13T04:42:34Z.
      ['meta.lastModified gt "2011-05-13T04:42:34Z"', false, false],
      ['meta.lastModified ge "2011-05-13T04:42:34Z"', true, true],
      ['meta.lastModified lt "2011-05-13T04:42:34Z"', false, false],
      ['meta.lastModified le "2011-05-13T04:42:34Z"', true, true],
      ['title pr and userType eq "Employee"', true, true],
      ['title pr or userType eq "Intern"', true, true],
      // Only the §8.3 user carries the extension in `schemas`.
      [`schemas eq "${enterprise}"`, false, true],
      ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', true, true],
      [
        'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
        false,
        false,
      ],
      ['userType eq "Employee" and (emails.type eq "work")', true, true],
      ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', true, true],
      [
        'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
        true,
        true,
      ],
    ];
    for (const [filter, full, ent] of examples) {
      it(`${filter} → ${full} / ${ent}`, () => {
        assert.equal(matches(filter, rfcFullUser), full);
        assert.equal(matches(filter, rfcEnterpriseUser), ent);
      });
    }

    // The same examples turned positive by a user that fits them, to show each can also match.
    const positives: [string, JsonObject][] = [
      ['userName eq "bjensen"', withUser({ userName: "BJensen" })],
      [`name.familyName co "O'Malley"`, withUser({ name: { familyName: "O'Malley-Jensen" } })],
      ['userName sw "J"', withUser({ userName: "jensen" })],
      ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', withUser({ userName: "Jensen" })],
      [
        'meta.lastModified gt "2011-05-13T04:42:34Z"',
        withUser({ meta: { lastModified: "2011-05-13T04:42:34.0001Z" } }),
      ],
      [
        'meta.lastModified lt "2011-05-13T04:42:34Z"',
        withUser({ meta: { lastModified: "2011-05-13T06:42:33+02:00" } }),
      ],
      ['title pr or userType eq "Intern"', withUser({ title: null, userType: "intern" })],
      [
        'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
        withUser({ userType: "Contractor", emails: [{ value: "c@example.net" }] }),
      ],
      [
        'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
        withUser({ emails: [], ims: [{ type: "xmpp", value: "babs@foo.com" }] }),
      ],
    ];
    for (const [filter, resource] of positives) {
      it(`${filter} matches a user that fits it`, () => assert.equal(matches(filter, resource), true));
    }
  });

  describe("semantics", () => {
    const cases: [string, { filter: string; resource: JsonObject; want: boolean }][] = [
      [
        "caseExact=false strings match without case",
        { filter: 'title eq "TOUR GUIDE"', resource: rfcFullUser, want: true },
      ],
      [
        "caseExact=true strings match exactly (id, RFC 7643 §3.1)",
        { filter: 'id eq "2819C223-7F76-453A-919D-413861904646"', resource: rfcFullUser, want: false },
      ],
      [
        "caseExact=true strings match their exact value",
        { filter: 'externalId eq "701984"', resource: rfcFullUser, want: true },
      ],
      [
        "attribute names in the resource are looked up without case",
        { filter: 'userName eq "x"', resource: { UserName: "X" }, want: true },
      ],
      [
        "sub-attribute names in the resource are looked up without case",
        { filter: 'name.givenName eq "b"', resource: { NAME: { GIVENNAME: "B" } }, want: true },
      ],
      [
        "extension URN keys are looked up without case",
        {
          filter: 'department eq "TOUR OPERATIONS"',
          resource: { [enterprise.toUpperCase()]: { Department: "Tour Operations" } },
          want: true,
        },
      ],
      [
        "an extension attribute matches under its URN",
        { filter: `${enterprise}:department eq "tour operations"`, resource: rfcEnterpriseUser, want: true },
      ],
      [
        "manager.value is case exact (a resource id)",
        {
          filter: 'manager.value eq "26118915-6090-4610-87E4-49D8CA9F808D"',
          resource: rfcEnterpriseUser,
          want: false,
        },
      ],
      [
        "an extension value at the top level does not count",
        { filter: 'department eq "x"', resource: { department: "x" }, want: false },
      ],
      [
        "a valuePath needs one element to satisfy all of it",
        { filter: 'emails[type eq "home" and value co "@example.com"]', resource: rfcFullUser, want: false },
      ],
      [
        "separate conditions may be met by different elements",
        {
          filter: 'emails.type eq "home" and emails.value co "@example.com"',
          resource: rfcFullUser,
          want: true,
        },
      ],
      [
        "the correlated client form is read as a valuePath",
        { filter: 'emails[type eq "home"].value co "@example.com"', resource: rfcFullUser, want: false },
      ],
      [
        "a valuePath on a single-valued complex attribute",
        { filter: 'name[givenName eq "barbara" and familyName sw "J"]', resource: rfcFullUser, want: true },
      ],
      [
        "ne matches an absent attribute",
        { filter: 'nickName ne "Babs"', resource: without(rfcFullUser, "nickName"), want: true },
      ],
      [
        "ne does not match an equal value (without case)",
        { filter: 'nickName ne "BABS"', resource: rfcFullUser, want: false },
      ],
      [
        "ne on a multi-valued attribute means no value equals",
        { filter: 'emails.type ne "work"', resource: rfcFullUser, want: false },
      ],
      [
        "ne on a multi-valued attribute with no equal value",
        { filter: 'emails.type ne "other"', resource: rfcFullUser, want: true },
      ],
      [
        "not negates an absent comparison",
        { filter: 'not (nickName eq "x")', resource: without(rfcFullUser, "nickName"), want: true },
      ],
      [
        "gt on an absent attribute is false",
        { filter: 'nickName gt "a"', resource: without(rfcFullUser, "nickName"), want: false },
      ],
      [
        "eq null means absent",
        { filter: "nickName eq null", resource: without(rfcFullUser, "nickName"), want: true },
      ],
      ["eq null is false when present", { filter: "nickName eq null", resource: rfcFullUser, want: false }],
      ["ne null means present", { filter: "nickName ne null", resource: rfcFullUser, want: true }],
      [
        "a null value is absent",
        { filter: "nickName pr", resource: withUser({ nickName: null }), want: false },
      ],
      [
        "an empty string is absent",
        { filter: "nickName pr", resource: withUser({ nickName: "" }), want: false },
      ],
      ["an empty array is absent", { filter: "emails pr", resource: withUser({ emails: [] }), want: false }],
      [
        "a complex value with only nulls is absent",
        { filter: "name pr", resource: withUser({ name: { givenName: null, familyName: "" } }), want: false },
      ],
      [
        "a complex value with one sub-value is present",
        { filter: "name pr", resource: withUser({ name: { givenName: "B" } }), want: true },
      ],
      [
        "a multi-valued complex attribute is present",
        { filter: "emails pr", resource: rfcFullUser, want: true },
      ],
      [
        "a sub-attribute of a multi-valued attribute is present in any element",
        { filter: "emails.primary pr", resource: rfcFullUser, want: true },
      ],
      ["booleans compare as booleans", { filter: "active eq true", resource: rfcFullUser, want: true }],
      [
        "a string 'True' is not the boolean true",
        { filter: "active eq true", resource: withUser({ active: "True" }), want: false },
      ],
      [
        "dateTimes compare as instants across offsets",
        { filter: 'meta.created eq "2010-01-23T05:56:22+01:00"', resource: rfcFullUser, want: true },
      ],
      [
        "dateTimes compare below the millisecond",
        {
          filter: 'meta.created gt "2010-01-23T04:56:22.000001Z"',
          resource: withUser({ meta: { created: "2010-01-23T04:56:22.0000011Z" } }),
          want: true,
        },
      ],
      [
        "an invalid stored dateTime matches no comparison",
        {
          filter: 'meta.created lt "9999-01-01T00:00:00Z"',
          resource: withUser({ meta: { created: "soon" } }),
          want: false,
        },
      ],
      [
        "schemas matches without case",
        { filter: `schemas eq "${enterprise.toUpperCase()}"`, resource: rfcEnterpriseUser, want: true },
      ],
      [
        "a primitive where a complex value belongs is ignored",
        { filter: 'emails[type eq "work"]', resource: withUser({ emails: ["work"] }), want: false },
      ],
      [
        "inherited property names are not attributes",
        { filter: "nickName pr", resource: Object.create({ nickName: "proto" }) as JsonObject, want: false },
      ],
    ];
    for (const [name, { filter, resource, want }] of cases) {
      it(name, () => assert.equal(matches(filter, resource), want));
    }
  });

  describe("numbers, binary and custom types", () => {
    const attr = (
      name: string,
      type: AttributeDefinition["type"],
      extra: Partial<AttributeDefinition> = {},
    ) =>
      ({
        name,
        type,
        multiValued: false,
        required: false,
        caseExact: false,
        mutability: "readWrite",
        returned: "default",
        uniqueness: "none",
        ...extra,
      }) satisfies AttributeDefinition;
    const widgetUrn = "urn:example:params:scim:schemas:Widget";
    const widgets = new SchemaRegistry(
      [
        {
          id: widgetUrn,
          attributes: [
            attr("count", "integer"),
            attr("score", "decimal"),
            attr("blob", "binary", { caseExact: true }),
            attr("tags", "string", { multiValued: true }),
            attr("code", "string", { caseExact: true }),
          ],
        },
      ],
      [{ id: "Widget", name: "Widget", endpoint: "/Widgets", schema: widgetUrn, schemaExtensions: [] }],
    );
    const Widget = widgets.resourceType("Widget") as ResourceTypeDefinition;
    const widget: JsonObject = { count: 10, score: 2.5, blob: "QUJD", tags: ["Red", "blue"], code: "AbC" };
    const cases: [string, boolean][] = [
      ["count eq 10", true],
      ["count eq 10.0", true],
      ["count gt 9.5", true],
      ["count lt 9", false],
      ["score ge 2.5", true],
      ["score gt 2.49999", true],
      ["score eq 25e-1", true],
      ["score lt -1", false],
      ['blob eq "QUJD"', true],
      ['blob eq "qujd"', false],
      ['tags eq "RED"', true],
      ['tags co "lu"', true],
      ["tags pr", true],
      ['code eq "abc"', false],
      ['code sw "Ab"', true],
    ];
    for (const [filter, want] of cases) {
      it(`${filter} → ${want}`, () => assert.equal(matches(filter, widget, widgets, Widget), want));
    }
  });

  it("compiles once and evaluates many resources", () => {
    const predicate = compileFilter(
      resolveFilter(registry, User, parseFilter('emails[type eq "work"] and active eq true')),
    );
    const users = [
      rfcFullUser,
      withUser({ active: false }),
      withUser({ emails: [{ type: "home", value: "x" }] }),
    ];
    assert.deepEqual(users.map(predicate), [true, false, false]);
  });

  it("evaluates a value filter element by element (PATCH paths)", () => {
    const emails = registry.resolve(User, {
      kind: "attrPath",
      schema: undefined,
      name: "emails",
      subAttr: undefined,
    });
    assert.ok(emails?.kind === "attribute");
    const isWork = compileValueFilter(
      resolveValueFilter(registry, emails, parseFilter('TYPE eq "WORK" and primary eq true')),
    );
    assert.deepEqual((rfcFullUser.emails as JsonObject[]).map(isWork), [true, false]);
  });
});
