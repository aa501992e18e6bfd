// SCIM-aware comparison for the mapping check (scim-diff.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { specDefinitions } from "../../connections/spec-schemas.js";
import type { JsonObject } from "../../protocol/resource/json.js";
import { SchemaRegistry } from "../../protocol/schema/schema-registry.js";
import { specRegistry } from "../../protocol/testing/spec-registry.js";
import { connectionSchemaSet } from "../pingfederate/connection-schemas.js";
import { type Difference, diffResources } from "./scim-diff.js";

const registry = specRegistry();
const user = registry.resourceType("User");
if (user === undefined) throw new Error("no User");
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("diffResources", () => {
  const cases: [string, { sent: JsonObject; returned: JsonObject; want: Difference[] }][] = [
    [
      "equal resources differ in nothing",
      { sent: { userName: "a", title: "t" }, returned: { userName: "a", title: "t" }, want: [] },
    ],
    [
      "attribute names compare without case (RFC 7643 §2.1)",
      { sent: { userName: "a" }, returned: { USERNAME: "a" }, want: [] },
    ],
    [
      "absent, null and [] are the same (RFC 7643 §2.5)",
      { sent: { userName: "a", emails: [], title: null }, returned: { userName: "a" }, want: [] },
    ],
    [
      "multi-valued values compare in any order (RFC 7643 §2.4)",
      {
        sent: { emails: [{ value: "a" }, { value: "b" }] },
        returned: { emails: [{ value: "b" }, { value: "a" }] },
        want: [],
      },
    ],
    [
      "a value not returned is lost",
      { sent: { title: "t" }, returned: {}, want: [{ path: "title", kind: "lost" }] },
    ],
    [
      "a value never sent is invented",
      { sent: {}, returned: { title: "t" }, want: [{ path: "title", kind: "invented" }] },
    ],
    [
      "a different value is altered",
      { sent: { title: "t" }, returned: { title: "u" }, want: [{ path: "title", kind: "altered" }] },
    ],
    [
      "a caseExact value in another case is altered",
      {
        sent: { externalId: "A" },
        returned: { externalId: "a" },
        want: [{ path: "externalId", kind: "altered" }],
      },
    ],
    [
      "a non-caseExact value in another case is recased (RFC 7643 §7 MAY)",
      {
        sent: { displayName: "Ada" },
        returned: { displayName: "ada" },
        want: [{ path: "displayName", kind: "recased" }],
      },
    ],
    [
      "a canonical value recased to the schema's spelling is canonicalisation",
      {
        sent: { emails: [{ value: "a", type: "Work" }] },
        returned: { emails: [{ value: "a", type: "work" }] },
        want: [],
      },
    ],
    [
      "sub-attributes of multi-valued values are compared as columns",
      {
        sent: { emails: [{ value: "a", type: "work" }] },
        returned: { emails: [{ value: "a" }] },
        want: [{ path: "emails.type", kind: "lost" }],
      },
    ],
    [
      "values moved between elements alter the attribute",
      {
        sent: { emails: [{ value: "a", primary: true }, { value: "b" }] },
        returned: { emails: [{ value: "a" }, { value: "b", primary: true }] },
        want: [{ path: "emails", kind: "altered" }],
      },
    ],
    [
      "sub-attributes of a complex value are compared one by one",
      {
        sent: { name: { givenName: "A", familyName: "L" } },
        returned: { name: { givenName: "A", familyName: "X" } },
        want: [{ path: "name.familyName", kind: "altered" }],
      },
    ],
    [
      "extension attributes are compared under their URN",
      {
        sent: { [enterprise]: { employeeNumber: "1" } },
        returned: {},
        want: [{ path: `${enterprise}:employeeNumber`, kind: "lost" }],
      },
    ],
    [
      "a wrongly typed value is altered",
      { sent: { active: true }, returned: { active: "true" }, want: [{ path: "active", kind: "altered" }] },
    ],
    [
      "an unknown returned attribute is invented",
      { sent: {}, returned: { foo: 1 }, want: [{ path: "foo", kind: "invented" }] },
    ],
    [
      "an unknown extension attribute is invented",
      {
        sent: {},
        returned: { [enterprise]: { foo: 1 } },
        want: [{ path: `${enterprise}:foo`, kind: "invented" }],
      },
    ],
    [
      "engine-owned attributes are not the mapping's",
      { sent: {}, returned: { id: "1", meta: {}, schemas: [], groups: [] }, want: [] },
    ],
  ];
  for (const [name, c] of cases) {
    it(name, () => {
      assert.deepEqual(diffResources(registry, user, c.sent, c.returned), c.want);
    });
  }

  it("compares dateTime values as instants (RFC 7644 §3.4.2.2)", () => {
    const urn = "urn:example:dates";
    const schema = {
      id: urn,
      attributes: [
        {
          name: "at",
          type: "dateTime",
          multiValued: false,
          required: false,
          caseExact: false,
          mutability: "readWrite",
          returned: "default",
          uniqueness: "none",
        },
      ],
    } as const;
    const set = connectionSchemaSet(specDefinitions(), { groupSupport: false, customSchema: schema });
    const withDates = new SchemaRegistry(set.schemas, set.resourceTypes);
    const rt = withDates.resourceType("User");
    assert.ok(rt);
    const sent = { [urn]: { at: "2020-01-01T02:00:00+02:00" } };
    assert.deepEqual(diffResources(withDates, rt, sent, { [urn]: { at: "2020-01-01T00:00:00.000Z" } }), []);
    assert.deepEqual(diffResources(withDates, rt, sent, { [urn]: { at: "2020-01-01T02:00:00Z" } }), [
      { path: `${urn}:at`, kind: "altered" },
    ]);
  });
});
