// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${…}" is the fixture-case variable syntax under test, not a JS template.
// Every fixture case in the repository is valid, invalid cases are refused with a reason, and a case
// replays like a code check: met on a conforming target, unmet naming the step otherwise.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadCatalogue } from "../engine/catalogue.js";
import { runConformance } from "../engine/run-conformance.js";
import type { TinyScimServer } from "../testing/tiny-scim-server.js";
import { startTinyScimServer } from "../testing/tiny-scim-server.js";
import { caseToCheck } from "./case-check.js";
import type { CaseFile } from "./case-format.js";
import { findCaseFiles, loadCases, validateCase } from "./load-cases.js";

const valid: CaseFile = {
  id: "read.x.y",
  title: "t",
  area: "read",
  requirements: ["rfc7644.read.get-by-id"],
  expectation: "e",
  vars: { name: "${unique.userName}" },
  steps: [
    {
      request: { method: "POST", path: "${endpoint.User}", body: { userName: "${name}" } },
      capture: { id: { json: "$.id" } },
    },
    {
      request: { method: "GET", path: "/Users/${id}" },
      expect: { status: 200, json: { "$.id": { same: "id" } } },
    },
  ],
};

describe("fixture case files", () => {
  it("are all valid (fixtures/cases/**/*.yaml against case.schema.json and the replay rules)", () => {
    assert.ok(findCaseFiles().length > 0, "no case file found");
    const loaded = loadCases();
    assert.equal(loaded.length, findCaseFiles().length);
  });
});

describe("validateCase", () => {
  it("accepts a well-formed case", () => assert.deepEqual(validateCase(valid, "x.yaml"), []));

  const broken: [string, unknown, RegExp][] = [
    [
      "a missing expectation",
      { ...valid, expectation: undefined },
      /must have required property 'expectation'/,
    ],
    ["an unknown top-level key", { ...valid, extra: 1 }, /additional properties/],
    ["an id outside its area", { ...valid, id: "create.x.y" }, /must start with its area "read\."/],
    [
      "a body and a rawBody together",
      { ...valid, steps: [{ request: { method: "POST", path: "/x", body: {}, rawBody: "{" } }] },
      /must NOT be valid/,
    ],
    [
      "a matcher with two keywords",
      {
        ...valid,
        steps: [
          {
            request: { method: "GET", path: "/x" },
            expect: { json: { "$.a": { equals: 1, absent: true } } },
          },
        ],
      },
      /must match exactly one schema/,
    ],
    [
      "a variable used before its capture",
      { ...valid, steps: [...valid.steps].reverse() },
      /"id" is neither a var nor an earlier capture/,
    ],
    [
      "same naming no capture",
      {
        ...valid,
        steps: [{ request: { method: "GET", path: "/x" }, expect: { json: { "$.a": { same: "ghost" } } } }],
      },
      /capture "ghost"/,
    ],
    [
      "a bad JSON path",
      { ...valid, steps: [{ request: { method: "GET", path: "/x" }, expect: { json: { "$.a[": 1 } } }] },
      /bad bracket/,
    ],
  ];
  for (const [name, doc, pattern] of broken) {
    it(`refuses ${name}`, () => {
      const problems = validateCase(doc, "x.yaml");
      assert.ok(
        problems.some((p) => pattern.test(p)),
        problems.join("\n"),
      );
    });
  }
});

describe("caseToCheck", () => {
  let server: TinyScimServer;
  before(async () => {
    server = await startTinyScimServer();
  });
  after(() => server.close());

  async function replay(c: CaseFile) {
    const { report } = await runConformance({
      baseUrl: server.base,
      checks: [{ check: caseToCheck(c), source: "x.yaml" }],
      catalogue: loadCatalogue(),
    });
    return report;
  }

  it("replays a multi-step case with captures and cleans up what it created", async () => {
    const report = await replay(valid);
    assert.equal(report.results[0]?.status, "pass");
    assert.equal(report.results[0]?.exchanges.length, 2);
    assert.equal(report.results[0]?.source, "x.yaml");
    assert.equal(server.users.size, 0);
  });

  it("names the failing step and what it saw", async () => {
    const failing: CaseFile = {
      ...valid,
      steps: [
        valid.steps[0] as CaseFile["steps"][number],
        {
          request: { method: "GET", path: "/Users/${id}" },
          expect: { status: 200, json: { "$.userName": { equals: "someone else" } } },
        },
      ],
    };
    const result = (await replay(failing)).results[0];
    assert.equal(result?.status, "fail");
    assert.match(
      result?.status === "fail" ? result.actual : "",
      /^step 2 \(GET \/Users\/u\d+\): \$\.userName is "scimc-\w+-user-\d+", expected "someone else"$/,
    );
  });

  it("grades a failing step by the step's own requirements", async () => {
    const should: CaseFile = {
      ...valid,
      requirements: ["rfc7644.read.get-by-id", "rfc7644.read.unknown-id-404"],
      steps: [
        {
          requirements: ["rfc7644.read.unknown-id-404"],
          request: { method: "GET", path: "/Users/${unique.id}" },
          expect: { status: 410 },
        },
      ],
    };
    const result = (await replay(should)).results[0];
    assert.equal(result?.status, "warn");
    assert.equal(result?.level, "SHOULD");
  });
});
