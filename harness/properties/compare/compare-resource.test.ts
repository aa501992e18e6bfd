// SCIM-aware comparison and the fidelity table on hand-made cases: each shows one rule (RFC 7643 §2.1
// names, §2.4 unordered values and primary, §2.5 unassigned, §7 returned/mutability, RFC 7644 §3.3
// defaults) and the per-path verdict it produces.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JsonObject } from "../json/json.js";
import { customExtensionUrn, customModel } from "../testing/spec-model.js";
import type { CompareOptions } from "./compare-resource.js";
import { compareResource } from "./compare-resource.js";
import { aggregateFidelity, FidelityRecorder, troubledRows } from "./fidelity-table.js";
import { defects, describeField } from "./resource-diff.js";

const model = customModel();
const user = model.resourceType("User") ?? assert.fail("no User");
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

function verdicts(sent: JsonObject, got: JsonObject, options?: CompareOptions): string[] {
  return compareResource(user, sent, got, options)
    .fields.filter((f) => f.verdict !== "equal")
    .map((f) => `${f.path}:${f.verdict}${f.verdict === "invented" && f.tolerated ? "(ok)" : ""}`)
    .sort();
}

const cases: [string, { sent: JsonObject; got: JsonObject; want: string[]; options?: CompareOptions }][] = [
  ["identical resources", { sent: { userName: "a" }, got: { userName: "a" }, want: [] }],
  ["attribute names in another case", { sent: { userName: "a" }, got: { USERNAME: "a" }, want: [] }],
  [
    "a caseExact=false value whose case changed",
    { sent: { userName: "Abc" }, got: { userName: "aBC" }, want: [] },
  ],
  [
    "a caseExact=true value whose case changed",
    { sent: { externalId: "Abc" }, got: { externalId: "abc" }, want: ["externalId:altered"] },
  ],
  ["a lost attribute", { sent: { userName: "a", title: "t" }, got: { userName: "a" }, want: ["title:lost"] }],
  ["a null read back for a sent value", { sent: { title: "t" }, got: { title: null }, want: ["title:lost"] }],
  ["null, [] and absent", { sent: { title: null, emails: [] }, got: { nickName: null }, want: [] }],
  [
    "a server default",
    { sent: { userName: "a" }, got: { userName: "a", active: true }, want: ["active:invented(ok)"] },
  ],
  [
    "a default that PATCH's model did not predict",
    {
      sent: { userName: "a" },
      got: { userName: "a", active: true },
      want: ["active:invented"],
      options: { absentMeans: "defect" },
    },
  ],
  [
    "readOnly attributes the server adds",
    {
      sent: { userName: "a" },
      got: { userName: "a", id: "1", meta: { created: "x" }, groups: [{ value: "g" }] },
      want: [],
    },
  ],
  ["a writeOnly value that is never returned", { sent: { password: "p" }, got: {}, want: [] }],
  [
    "a returned=request value that was not requested",
    { sent: { [customExtensionUrn]: { onRequest: "x" } }, got: {}, want: [] },
  ],
  [
    "a returned=request value that was requested and lost",
    {
      sent: { [customExtensionUrn]: { onRequest: "x" } },
      got: {},
      want: [`${customExtensionUrn}:onRequest:lost`],
      options: { requested: [`${customExtensionUrn}:onRequest`] },
    },
  ],
  [
    "a changed number type",
    {
      sent: { [customExtensionUrn]: { level: 5 } },
      got: { [customExtensionUrn]: { level: "5" } },
      want: [`${customExtensionUrn}:level:altered`],
    },
  ],
  [
    "a decimal with trailing zeros",
    {
      sent: { [customExtensionUrn]: { ratio: 1.5 } },
      got: { [customExtensionUrn]: { ratio: 1.5 } },
      want: [],
    },
  ],
  [
    "a dateTime in another offset",
    {
      sent: { [customExtensionUrn]: { since: "2020-02-03T10:00:00+02:00" } },
      got: { [customExtensionUrn]: { since: "2020-02-03T08:00:00.000Z" } },
      want: [],
    },
  ],
  [
    "a dateTime moved by an hour",
    {
      sent: { [customExtensionUrn]: { since: "2020-02-03T10:00:00+02:00" } },
      got: { [customExtensionUrn]: { since: "2020-02-03T10:00:00Z" } },
      want: [`${customExtensionUrn}:since:altered`],
    },
  ],
  [
    "binary re-encoded without padding",
    {
      sent: { [customExtensionUrn]: { blob: "AQI=" } },
      got: { [customExtensionUrn]: { blob: "AQI" } },
      want: [],
    },
  ],
  [
    "an extension under a URN key in another case",
    {
      sent: { [enterprise]: { costCenter: "4130" } },
      got: { [enterprise.toUpperCase()]: { COSTCENTER: "4130" } },
      want: [],
    },
  ],
  [
    "a lost extension",
    {
      sent: { [enterprise]: { costCenter: "4130", manager: { value: "m" } } },
      got: {},
      want: [`${enterprise}:costCenter:lost`, `${enterprise}:manager.value:lost`],
    },
  ],
  [
    "a readOnly sub-attribute the server fills",
    {
      sent: { [enterprise]: { manager: { value: "m" } } },
      got: { [enterprise]: { manager: { value: "m", displayName: "M" } } },
      want: [],
    },
  ],
  [
    "a complex sub-attribute lost",
    {
      sent: { name: { givenName: "B", familyName: "J" } },
      got: { name: { givenName: "B" } },
      want: ["name.familyName:lost"],
    },
  ],
  [
    "multi-valued values in another order",
    {
      sent: {
        emails: [
          { value: "a@x", type: "work", primary: true },
          { value: "b@x", type: "home" },
        ],
      },
      got: {
        emails: [
          { value: "b@x", type: "home" },
          { value: "a@x", type: "work", primary: true },
        ],
      },
      want: [],
    },
  ],
  [
    "primary false read back as absent",
    { sent: { emails: [{ value: "a@x", primary: false }] }, got: { emails: [{ value: "a@x" }] }, want: [] },
  ],
  [
    "primary true lost",
    {
      sent: { emails: [{ value: "a@x", primary: true }] },
      got: { emails: [{ value: "a@x" }] },
      want: ["emails.primary:lost"],
    },
  ],
  [
    "a sub-attribute the server adds to a sent value",
    {
      sent: { emails: [{ value: "a@x" }] },
      got: { emails: [{ value: "a@x", display: "A" }] },
      want: ["emails.display:invented(ok)"],
    },
  ],
  [
    "a dropped value of a multi-valued attribute",
    {
      sent: {
        emails: [
          { value: "a@x", type: "work" },
          { value: "b@x", type: "home" },
        ],
      },
      got: { emails: [{ value: "a@x", type: "work" }] },
      want: ["emails.type:lost", "emails.value:lost"],
    },
  ],
  [
    "an extra value next to sent values",
    {
      sent: { emails: [{ value: "a@x" }] },
      got: { emails: [{ value: "a@x" }, { value: "z@x" }] },
      want: ["emails.value:invented"],
    },
  ],
  [
    "a value whose type changed",
    {
      sent: { emails: [{ value: "a@x", type: "work" }] },
      got: { emails: [{ value: "a@x", type: "home" }] },
      want: ["emails.type:altered"],
    },
  ],
  [
    "a simple multi-valued attribute reordered",
    {
      sent: { [customExtensionUrn]: { tags: ["x", "y"] } },
      got: { [customExtensionUrn]: { tags: ["Y", "X"] } },
      want: [],
    },
  ],
  [
    "a simple multi-valued value changed",
    {
      sent: { [customExtensionUrn]: { tags: ["x", "y"] } },
      got: { [customExtensionUrn]: { tags: ["x", "z"] } },
      want: [`${customExtensionUrn}:tags:altered`],
    },
  ],
  [
    "a multi-valued attribute returned as an object",
    { sent: { emails: [{ value: "a@x" }] }, got: { emails: { value: "a@x" } }, want: ["emails:altered"] },
  ],
  [
    "an attribute the schema does not declare",
    { sent: {}, got: { shoeSize: 44 }, want: ["shoeSize:invented(ok)"] },
  ],
];

describe("compareResource", () => {
  for (const [name, { sent, got, want, options }] of cases) {
    it(`reports ${name} as ${want.length === 0 ? "equal" : want.join(", ")}`, () => {
      assert.deepEqual(verdicts(sent, got, options), want);
    });
  }

  it("keeps the sent and returned value of an altered path as its example", () => {
    const diff = compareResource(user, { externalId: "Abc" }, { externalId: "abc" });
    const altered = diff.fields.find((f) => f.verdict === "altered");
    assert.deepEqual(altered && { sent: altered.sent, got: altered.got, caseExact: altered.caseExact }, {
      sent: "Abc",
      got: "abc",
      caseExact: true,
    });
    assert.equal(describeField(altered ?? assert.fail()), 'externalId: altered (sent "Abc", got "abc")');
  });

  it("counts lost, altered and untolerated inventions as defects, and tolerated inventions not", () => {
    const diff = compareResource(
      user,
      { title: "t", externalId: "A", emails: [{ value: "a@x" }] },
      { externalId: "a", active: true, emails: [{ value: "a@x" }, { value: "b@x" }] },
    );
    assert.deepEqual(
      defects(diff)
        .map((f) => `${f.path}:${f.verdict}`)
        .sort(),
      ["emails.value:invented", "externalId:altered", "title:lost"],
    );
  });
});

describe("fidelity table", () => {
  const observations = [
    { resourceType: "User", diff: compareResource(user, { userName: "a", title: "t" }, { userName: "a" }) },
    {
      resourceType: "User",
      diff: compareResource(user, { userName: "b", title: "u" }, { userName: "b", title: "u", active: true }),
    },
    {
      resourceType: "User",
      diff: compareResource(user, { userName: "c", externalId: "X" }, { userName: "c", externalId: "x" }),
    },
  ];

  it("counts each path's verdicts with the first example of each kind", () => {
    const table = aggregateFidelity(observations);
    assert.equal(table.comparisons, 3);
    const byPath = Object.fromEntries(table.rows.map((r) => [r.path, r]));
    assert.deepEqual(
      Object.fromEntries(
        table.rows.map((r) => [r.path, [r.equal, r.lost, r.altered, r.invented, r.inventedTolerated]]),
      ),
      {
        active: [0, 0, 0, 1, 1],
        externalId: [0, 0, 1, 0, 0],
        title: [1, 1, 0, 0, 0],
        userName: [3, 0, 0, 0, 0],
      },
    );
    assert.deepEqual(byPath.title?.examples.lost, { sent: "t" });
    assert.deepEqual(byPath.externalId?.examples.altered, { sent: "X", got: "x" });
  });

  it("sorts rows by resource type then path and merges tables", () => {
    const recorder = new FidelityRecorder();
    recorder.merge(aggregateFidelity(observations));
    recorder.merge(aggregateFidelity(observations));
    const table = recorder.table();
    assert.deepEqual(
      table.rows.map((r) => r.path),
      ["active", "externalId", "title", "userName"],
    );
    assert.equal(table.rows.find((r) => r.path === "userName")?.equal, 6);
    assert.equal(table.comparisons, 6);
  });

  it("leads with the rows that lost or changed data", () => {
    assert.deepEqual(
      troubledRows(aggregateFidelity(observations)).map((r) => r.path),
      ["externalId", "title"],
    );
  });

  it("is plain JSON", () => {
    const table = aggregateFidelity(observations);
    assert.deepEqual(JSON.parse(JSON.stringify(table)), table);
  });
});

describe("compareResource in PATCH mode (absentMeans: defect)", () => {
  const group = model.resourceType("Group") ?? assert.fail("no Group");
  it("tolerates immutable sub-attributes the server completes on a value it was given", () => {
    const diff = compareResource(
      group,
      { members: [{ value: "u1" }] },
      { members: [{ value: "u1", display: "U", $ref: "https://x/Users/u1" }] },
      { absentMeans: "defect" },
    );
    assert.deepEqual(defects(diff), []);
  });
  it("does not tolerate a readWrite sub-attribute the model removed", () => {
    const diff = compareResource(
      user,
      { emails: [{ value: "a@x" }] },
      { emails: [{ value: "a@x", display: "kept" }] },
      { absentMeans: "defect" },
    );
    assert.deepEqual(
      defects(diff).map((f) => f.path),
      ["emails.display"],
    );
  });
});
