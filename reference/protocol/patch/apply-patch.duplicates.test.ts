// A PATCH result never repeats a (type, value) pair in a multi-valued attribute (RFC 7643 §2.4: the
// server "SHOULD NOT return the same (type, value) combination more than once per attribute"): the result
// goes through the normaliser POST and PUT use (schema/duplicate-values.ts), which keeps the first value,
// fills its gaps from the duplicates and OR-s `primary`. Re-adding a value already there is still "no
// change" (RFC 7644 §3.5.2.1).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonObject, JsonValue } from "../resource/json.js";
import { rfcFullUser } from "../testing/rfc7643-users.js";
import { babs, body, groupCtx, patch, rfcGroup, userCtx } from "./patch-testing.js";

const work = { value: "bjensen@example.com", type: "work", primary: true };
const home = { value: "babs@jensen.org", type: "home" };

const cases: [
  string,
  {
    given?: JsonObject;
    ops: JsonValue[];
    attribute: string;
    want: JsonValue[];
    changed: boolean;
  },
][] = [
  [
    "adding the work email again without its primary flag changes nothing",
    {
      ops: [{ op: "add", path: "emails", value: [{ value: "BJensen@example.com", type: "Work" }] }],
      attribute: "emails",
      want: [work, home],
      changed: false,
    },
  ],
  [
    "adding the home email again with a display fills the gap of the one there",
    {
      ops: [{ op: "add", path: "emails", value: [{ ...home, display: "Babs at home" }] }],
      attribute: "emails",
      want: [work, { ...home, display: "Babs at home" }],
      changed: true,
    },
  ],
  [
    "adding the home email again as primary makes the one there primary, and only it",
    {
      ops: [{ op: "add", path: "emails", value: [{ ...home, primary: true }] }],
      attribute: "emails",
      want: [
        { ...work, primary: false },
        { ...home, primary: true },
      ],
      changed: true,
    },
  ],
  [
    "replacing emails with a list that repeats a pair stores it once",
    {
      ops: [{ op: "replace", path: "emails", value: [home, { ...home }, { ...home, type: "HOME" }] }],
      attribute: "emails",
      want: [home],
      changed: true,
    },
  ],
  [
    "changing a value's type onto another value's pair collapses the two",
    {
      given: { ...rfcFullUser, emails: [work, { value: work.value, type: "home" }] },
      ops: [{ op: "replace", path: 'emails[type eq "home"].type', value: "work" }],
      attribute: "emails",
      want: [work],
      changed: true,
    },
  ],
];

describe("applyPatch and duplicate values (RFC 7643 §2.4)", () => {
  for (const [name, { given, ops, attribute, want, changed }] of cases) {
    it(name, () => {
      const result = patch(userCtx, given ?? rfcFullUser, body(...ops));
      assert.deepEqual(result.resource[attribute], want);
      assert.equal(result.changed, changed);
    });
  }

  it("replaces members with a list naming one member twice by that member once", () => {
    // The member list is not loaded for this request: the membership delta carries the members.
    const result = patch(
      groupCtx,
      rfcGroup,
      body({ op: "replace", path: "members", value: [{ value: babs }, { value: babs, type: "User" }] }),
    );
    assert.deepEqual(result.membership?.replaceAll, [{ value: babs, type: "User" }]);
  });
});
