import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScimError } from "../errors/scim-error.js";
import type { ResolvedAttribute } from "../schema/resolved-attribute.js";
import type { ResourceTypeDefinition } from "../schema/schema-definition.js";
import { specRegistry } from "../testing/spec-registry.js";
import type { FilterNode } from "./filter-node.js";
import { parseFilter } from "./parse-filter.js";
import { resolveFilter, resolveValueFilter } from "./resolve-filter.js";

const registry = specRegistry();
function resourceType(name: string): ResourceTypeDefinition {
  const rt = registry.resourceType(name);
  if (rt === undefined) throw new Error(`no resource type ${name} in spec/schemas`);
  return rt;
}
const User = resourceType("User");
const Group = resourceType("Group");
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

function resolve(text: string, rt = User): FilterNode<ResolvedAttribute> {
  return resolveFilter(registry, rt, parseFilter(text));
}

/** Every resolved path in the tree, in order, with inner value-filter paths prefixed by "[". */
function paths(node: FilterNode<ResolvedAttribute>): string[] {
  switch (node.kind) {
    case "compare":
    case "present":
      return [node.attr.path];
    case "and":
    case "or":
      return [...paths(node.left), ...paths(node.right)];
    case "not":
      return paths(node.operand);
    case "valuePath":
      return [node.attr.path, ...paths(node.filter).map((p) => `[${p}`)];
  }
}

describe("resolveFilter", () => {
  describe("resolves paths to their schema definitions", () => {
    const cases: [string, { given: string; rt?: ResourceTypeDefinition; want: string[] }][] = [
      ["a core attribute, without case", { given: 'USERNAME eq "x"', want: ["userName"] }],
      ["a sub-attribute, without case", { given: 'Name.FamilyName co "x"', want: ["name.familyName"] }],
      [
        "a core URN-qualified path",
        { given: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', want: ["userName"] },
      ],
      [
        "a lower-cased URN",
        { given: "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:userName pr", want: ["userName"] },
      ],
      [
        "an extension attribute",
        { given: `${enterprise}:manager.value eq "x"`, want: [`${enterprise}:manager.value`] },
      ],
      [
        "an unqualified extension attribute",
        { given: 'department eq "x"', want: [`${enterprise}:department`] },
      ],
      [
        "a common attribute",
        { given: 'meta.lastModified gt "2011-05-13T04:42:34Z"', want: ["meta.lastModified"] },
      ],
      [
        "a complex multi-valued comparison to its value (RFC 7644 Figure 2)",
        { given: 'emails co "example.com"', want: ["emails.value"] },
      ],
      [
        "presence of a complex attribute as itself",
        { given: "emails pr and name pr", want: ["emails", "name"] },
      ],
      [
        "value filter paths relative to the outer attribute",
        {
          given: 'EMAILS[TYPE eq "work" and not (Primary eq false)]',
          want: ["emails", "[emails.type", "[emails.primary"],
        },
      ],
      [
        "the schemas attribute (RFC 7644 §3.4.2.2 Figure 2)",
        { given: `schemas eq "${enterprise}"`, want: ["schemas"] },
      ],
      [
        "the schemas attribute, core-qualified",
        {
          given: "urn:ietf:params:scim:schemas:core:2.0:User:schemas pr",
          want: ["schemas"],
        },
      ],
      [
        "a Group's members",
        {
          given: 'members[value eq "x"] and displayName sw "T"',
          rt: Group,
          want: ["members", "[members.value", "displayName"],
        },
      ],
      [
        "a Group's schemas",
        { given: 'schemas eq "urn:ietf:params:scim:schemas:core:2.0:Group"', rt: Group, want: ["schemas"] },
      ],
    ];
    for (const [name, { given, rt, want }] of cases) {
      it(name, () => assert.deepEqual(paths(resolve(given, rt)), want));
    }
  });

  it("keeps operators and literals, and freezes the resolved tree", () => {
    const node = resolve('meta.created ge "2010-01-23T04:56:22Z"');
    assert.ok(node.kind === "compare" && node.op === "ge" && node.value === "2010-01-23T04:56:22Z");
    assert.ok(Object.isFrozen(node));
  });

  describe("refuses what cannot be evaluated with 400 invalidFilter naming the attribute", () => {
    const cases: [string, { given: string; rt?: ResourceTypeDefinition; detail: RegExp }][] = [
      [
        "an unknown attribute",
        { given: 'foo eq "x"', detail: /unknown attribute 'foo' for resource type User/ },
      ],
      [
        "an unknown sub-attribute",
        { given: 'name.middle eq "x"', detail: /unknown attribute 'name.middle'/ },
      ],
      [
        "an attribute of another resource type",
        {
          given: 'userName eq "x"',
          rt: Group,
          detail: /unknown attribute 'userName' for resource type Group/,
        },
      ],
      [
        "a schema the resource type does not have",
        { given: 'urn:x:y:userName eq "x"', detail: /unknown attribute 'urn:x:y:userName'/ },
      ],
      [
        "an unknown attribute inside a value filter",
        { given: "emails[foo pr]", detail: /'emails' has no sub-attribute 'foo'/ },
      ],
      [
        "a qualified name inside a value filter",
        { given: "emails[name.x pr]", detail: /must be a plain sub-attribute name/ },
      ],
      [
        "a value filter on a simple attribute",
        { given: 'userName[value eq "x"]', detail: /'userName' is not a complex attribute/ },
      ],
      [
        "a whole schema",
        { given: `${enterprise} pr`, detail: /names a schema, not an attribute; .*schemas eq/ },
      ],
      [
        "the password (returned never)",
        { given: 'password eq "t1meMa$heen"', detail: /'password' cannot be used in a filter/ },
      ],
      ["the password's presence", { given: "password pr", detail: /'password' cannot be used in a filter/ }],
      [
        "a comparison on a single-valued complex attribute",
        {
          given: 'name eq "Barbara"',
          detail: /'name' is a complex attribute; name one of its sub-attributes/,
        },
      ],
      [
        "gt on a boolean (RFC 7644 §3.4.2.2)",
        { given: "active gt true", detail: /'gt' cannot compare the boolean attribute 'active'/ },
      ],
      [
        "le on a binary (RFC 7644 §3.4.2.2)",
        { given: 'x509Certificates.value le "MIID"', detail: /'le' cannot compare the binary attribute/ },
      ],
      [
        "co on a boolean",
        {
          given: "emails.primary co true",
          detail: /'co' is a substring match and 'emails.primary' is a boolean/,
        },
      ],
      [
        "sw on a dateTime",
        {
          given: 'meta.created sw "2010"',
          detail: /'sw' is a substring match and 'meta.created' is a dateTime/,
        },
      ],
      ["ew on a binary", { given: 'x509Certificates.value ew "=="', detail: /'ew' is a substring match/ }],
      [
        "a string literal for a boolean",
        {
          given: 'active eq "x"',
          detail: /'active' is a boolean attribute; compare it with true or false, not "x"/,
        },
      ],
      [
        "a number literal for a dateTime",
        { given: "meta.created gt 5", detail: /'meta.created' is a dateTime attribute; .*not 5/ },
      ],
      [
        "a non-RFC 3339 string for a dateTime",
        { given: 'meta.lastModified gt "May 13, 2011"', detail: /xsd:dateTime/ },
      ],
      [
        "a number literal for a string",
        {
          given: "userName eq 5",
          detail: /'userName' is a string attribute; compare it with a "quoted string", not 5/,
        },
      ],
      [
        "a boolean literal for a reference",
        { given: "profileUrl eq true", detail: /'profileUrl' is a reference attribute/ },
      ],
      ["null with an ordering operator", { given: "title gt null", detail: /only eq and ne accept it/ }],
      [
        "a type mismatch inside a value filter",
        { given: 'emails[primary eq "yes"]', detail: /'emails.primary' is a boolean attribute/ },
      ],
    ];
    for (const [name, { given, rt, detail }] of cases) {
      it(name, () =>
        assert.throws(
          () => resolve(given, rt),
          (e: unknown) =>
            e instanceof ScimError &&
            e.status === 400 &&
            e.scimType === "invalidFilter" &&
            detail.test(e.detail),
        ),
      );
    }
  });

  it("accepts null with eq and ne on any attribute type", () => {
    for (const text of ["title eq null", "active ne null", "meta.created eq null", "emails ne null"])
      resolve(text);
  });
});

describe("resolveValueFilter", () => {
  const members = registry.resolve(Group, {
    kind: "attrPath",
    schema: undefined,
    name: "members",
    subAttr: undefined,
  });

  it("resolves a PATCH path's value filter against the outer attribute", () => {
    assert.ok(members?.kind === "attribute");
    const resolved = resolveValueFilter(registry, members, parseFilter('value eq "2819c223"'));
    assert.deepEqual(paths(resolved), ["members.value"]);
  });

  it("reports problems with the scimType the caller asks for (invalidPath for PATCH)", () => {
    assert.ok(members?.kind === "attribute");
    assert.throws(
      () => resolveValueFilter(registry, members, parseFilter("nope pr"), "invalidPath"),
      (e: unknown) =>
        e instanceof ScimError && e.scimType === "invalidPath" && /no sub-attribute 'nope'/.test(e.detail),
    );
  });
});
