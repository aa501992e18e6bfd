// attributeNamed: RFC 7643 §2.1 case-insensitive names, answered from a per-list index.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { attributeNamed } from "./attribute-lookup.js";
import type { AttributeDefinition } from "./schema-definition.js";

const def = (name: string): AttributeDefinition => ({
  name,
  type: "string",
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
});

const userName = def("userName");
const title = def("title");
// Two spellings of one name: an invalid schema, but the lookup must still answer as a search would.
const upper = def("Nick");
const lower = def("nick");
const list = [userName, title, upper, lower];

const cases: readonly [string, { given: string; want: AttributeDefinition | undefined }][] = [
  ["the schema's own spelling", { given: "userName", want: userName }],
  ["another letter case (RFC 7643 §2.1)", { given: "USERNAME", want: userName }],
  ["a name the list does not hold", { given: "nickName", want: undefined }],
  ["the first of two colliding spellings, by the second's exact spelling", { given: "nick", want: upper }],
  ["the first of two colliding spellings, by a third spelling", { given: "NICK", want: upper }],
];

describe("attributeNamed", () => {
  for (const [name, { given, want }] of cases) {
    it(`finds ${name}`, () => assert.equal(attributeNamed(list, given), want));
  }

  it("answers like a linear case-insensitive search", () => {
    for (const name of ["userName", "username", "TITLE", "nick", "Nick", "x", "", "__proto__"]) {
      const search = list.find((d) => d.name.toLowerCase() === name.toLowerCase());
      assert.equal(attributeNamed(list, name), search, name);
    }
  });

  it("finds nothing in an empty or absent list", () => {
    assert.equal(attributeNamed([], "userName"), undefined);
    assert.equal(attributeNamed(undefined, "userName"), undefined);
  });

  it("notices a list that grew after it was indexed", () => {
    const growing: AttributeDefinition[] = [userName];
    assert.equal(attributeNamed(growing, "title"), undefined);
    growing.push(title);
    assert.equal(attributeNamed(growing, "title"), title);
  });
});
