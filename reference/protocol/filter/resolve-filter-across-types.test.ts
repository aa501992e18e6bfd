import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScimError } from "../errors/scim-error.js";
import type { ResourceTypeDefinition } from "../schema/schema-definition.js";
import { specRegistry } from "../testing/spec-registry.js";
import { parseFilter } from "./parse-filter.js";
import { resolveFilterAcrossTypes } from "./resolve-filter-across-types.js";

const registry = specRegistry();
const User = registry.resourceType("User") as ResourceTypeDefinition;
const Group = registry.resourceType("Group") as ResourceTypeDefinition;

/** The outcome as text: "true", "false", or the resolved attribute paths that remain. */
function outcome(text: string, rt: ResourceTypeDefinition): string {
  const resolved = resolveFilterAcrossTypes(registry, rt, parseFilter(text));
  if (typeof resolved === "boolean") return String(resolved);
  const paths: string[] = [];
  const walk = (n: typeof resolved): void => {
    if (n.kind === "and" || n.kind === "or") {
      walk(n.left);
      walk(n.right);
    } else if (n.kind === "not") walk(n.operand);
    else paths.push(`${n.kind}:${n.attr.path}`);
  };
  walk(resolved);
  return paths.join(" ");
}

describe("resolveFilterAcrossTypes", () => {
  // RFC 7644 §3.4.2.1: an attribute the resource type lacks is treated as having no value.
  const cases: [string, { given: string; rt: ResourceTypeDefinition; want: string }][] = [
    ["a comparison on a missing attribute is false", { given: 'userName eq "x"', rt: Group, want: "false" }],
    ["ne on a missing attribute is true", { given: 'userName ne "x"', rt: Group, want: "true" }],
    ["eq null on a missing attribute is true", { given: "userName eq null", rt: Group, want: "true" }],
    ["ne null on a missing attribute is false", { given: "userName ne null", rt: Group, want: "false" }],
    ["pr on a missing attribute is false", { given: "userName pr", rt: Group, want: "false" }],
    [
      "a value filter on a missing attribute is false",
      { given: 'emails[type eq "work"]', rt: Group, want: "false" },
    ],
    ["not of a missing comparison is true", { given: "not (userName pr)", rt: Group, want: "true" }],
    [
      "'or' keeps the side the type has",
      { given: 'userName eq "x" or displayName eq "x"', rt: Group, want: "compare:displayName" },
    ],
    [
      "'and' with a false side is false",
      { given: 'userName eq "x" and displayName eq "x"', rt: Group, want: "false" },
    ],
    [
      "'and' with a true side keeps the other",
      { given: 'userName ne "x" and displayName eq "x"', rt: Group, want: "compare:displayName" },
    ],
    [
      "the same filter resolves fully for a type that has both",
      {
        given: 'userName eq "x" or displayName eq "x"',
        rt: User,
        want: "compare:userName compare:displayName",
      },
    ],
    [
      "members is missing from User",
      { given: 'members[value eq "x"] or userName sw "b"', rt: User, want: "compare:userName" },
    ],
    [
      "schemas belongs to every type",
      {
        given: 'schemas eq "urn:ietf:params:scim:schemas:core:2.0:Group"',
        rt: Group,
        want: "compare:schemas",
      },
    ],
  ];
  for (const [name, { given, rt, want }] of cases) {
    it(name, () => assert.equal(outcome(given, rt), want));
  }

  const errors: [string, string][] = [
    ["an unknown sub-attribute of an attribute the type has", "name.nope pr"],
    ["an unknown sub-attribute in a value filter", "emails[nope pr]"],
    ["a type mismatch", 'active eq "yes"'],
    ["the password", 'password eq "x"'],
  ];
  for (const [name, given] of errors) {
    it(`still rejects ${name} with 400 invalidFilter`, () =>
      assert.throws(
        () => resolveFilterAcrossTypes(registry, User, parseFilter(given)),
        (e: unknown) => e instanceof ScimError && e.status === 400 && e.scimType === "invalidFilter",
      ));
  }
});
