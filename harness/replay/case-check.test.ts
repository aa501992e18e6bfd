// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${…}" is the fixture-case variable syntax under test, not a JS template.
// A fixture case that needs a resource type the target does not advertise is skipped before it sends
// anything, never replayed against a guessed endpoint: a users-only target (a PingFederate connection
// without Group support) rightly answers /Groups with 404 and must not fail group cases for it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { CheckResult } from "../checks/check.js";
import { DiscoveryResult, parseResourceType } from "../engine/discover.js";
import { runConformance } from "../engine/run-conformance.js";
import type { TinyScimServer } from "../testing/tiny-scim-server.js";
import { startTinyScimServer } from "../testing/tiny-scim-server.js";
import { caseToCheck, unadvertisedResourceType } from "./case-check.js";
import type { CaseFile, CaseStep } from "./case-format.js";

const userType = { name: "User", endpoint: "/Users", schema: "urn:ietf:params:scim:schemas:core:2.0:User" };
const groupType = {
  name: "Group",
  endpoint: "/Groups",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Group",
};

/** Discovery that read /ResourceTypes with these types, or (undefined) could not read it. */
function discovery(types: readonly Record<string, string>[] | undefined): DiscoveryResult {
  return new DiscoveryResult({
    reachable: true,
    serviceProviderConfig: {},
    resourceTypes: types?.map((t) => parseResourceType(t)).filter((t) => t !== undefined),
    schemas: [],
    documents: {},
    exchanges: [],
    problems: [],
  });
}

function caseWith(steps: CaseStep[], extra: Partial<CaseFile> = {}): CaseFile {
  return {
    id: "read.replay.resource-types",
    title: "t",
    area: "read",
    requirements: ["rfc7644.read.get-by-id"],
    expectation: "e",
    steps,
    ...extra,
  };
}

const get = (path: string): CaseStep => ({ request: { method: "GET", path } });
const groupSkip = "the target does not advertise the Group resource type";

describe("unadvertisedResourceType", () => {
  const cases: [
    string,
    { c: CaseFile; types: readonly Record<string, string>[] | undefined; want: string | undefined },
  ][] = [
    [
      "gate groups on a users-only target",
      { c: caseWith([get("/x")], { gate: "groups" }), types: [userType], want: groupSkip },
    ],
    [
      "gate users on a target without Users",
      {
        c: caseWith([get("/x")], { gate: "users" }),
        types: [groupType],
        want: "the target does not advertise the User resource type",
      },
    ],
    [
      "${endpoint.Group} in a request",
      { c: caseWith([get("${endpoint.Group}")]), types: [userType], want: groupSkip },
    ],
    [
      "${endpoint.Group} in a var, with a filter",
      {
        c: caseWith([get("${path}")], { vars: { path: "${endpoint.Group | lower}/x" } }),
        types: [userType],
        want: groupSkip,
      },
    ],
    [
      "${endpoint.Group} in an expectation",
      {
        c: caseWith([{ ...get("/x"), expect: { json: { "$.x": { matches: "${endpoint.Group}" } } } }]),
        types: [userType],
        want: groupSkip,
      },
    ],
    [
      "a type nobody advertises",
      {
        c: caseWith([get("${endpoint.Device}")]),
        types: [userType, groupType],
        want: "the target does not advertise the Device resource type",
      },
    ],
    [
      "gate groups on a target with Groups",
      {
        c: caseWith([get("${endpoint.Group}")], { gate: "groups" }),
        types: [userType, groupType],
        want: undefined,
      },
    ],
    [
      "a type named in another letter case",
      { c: caseWith([get("${endpoint.group}")]), types: [groupType], want: undefined },
    ],
    [
      "gate users and ${endpoint.User} on a users-only target",
      { c: caseWith([get("${endpoint.User}")], { gate: "users" }), types: [userType], want: undefined },
    ],
    [
      "Group when /ResourceTypes could not be read (RFC 7644 §3.2's /Groups is tried)",
      { c: caseWith([get("${endpoint.Group}")], { gate: "groups" }), types: undefined, want: undefined },
    ],
    [
      "another type when /ResourceTypes could not be read",
      {
        c: caseWith([get("${endpoint.Device}")]),
        types: undefined,
        want: "the target does not advertise the Device resource type",
      },
    ],
    [
      "a case that needs no resource type",
      { c: caseWith([get("/ServiceProviderConfig")]), types: [], want: undefined },
    ],
  ];
  for (const [name, { c, types, want }] of cases) {
    it(`${want === undefined ? "runs" : "skips"} ${name}`, () => {
      assert.equal(unadvertisedResourceType(c, discovery(types)), want);
    });
  }
});

describe("fixture cases on a users-only target", () => {
  let server: TinyScimServer;
  before(async () => {
    // The tiny server advertises only the User resource type and answers /Groups with 404.
    server = await startTinyScimServer();
  });
  after(() => server.close());

  async function replay(c: CaseFile): Promise<CheckResult | undefined> {
    const { report } = await runConformance({
      baseUrl: server.base,
      checks: [{ check: caseToCheck(c), source: "x.yaml" }],
    });
    return report.results[0];
  }

  const skipped: [string, CaseFile][] = [
    ["a case gated on groups", caseWith([get("/Groups")], { gate: "groups" })],
    [
      "a case that creates a group at ${endpoint.Group}",
      caseWith([
        {
          request: {
            method: "POST",
            path: "${endpoint.Group}",
            body: { displayName: "${unique.displayName}" },
          },
          expect: { status: 201 },
        },
      ]),
    ],
  ];
  for (const [name, c] of skipped) {
    it(`skips ${name} without sending a request`, async () => {
      const before = server.requests.length;
      const result = await replay(c);
      assert.equal(result?.status, "skip", JSON.stringify(result));
      assert.equal(result?.status === "skip" ? result.reason : "", groupSkip);
      assert.deepEqual(result?.exchanges, []);
      const sent = server.requests.slice(before).map((r) => `${r.method} ${r.url}`);
      assert.ok(
        sent.every((line) => !/groups/i.test(line)),
        `requests to the Group endpoint: ${sent.join(", ")}`,
      );
    });
  }

  it("still replays a User case", async () => {
    const result = await replay(
      caseWith(
        [
          {
            request: { method: "POST", path: "${endpoint.User}", body: { userName: "${unique.userName}" } },
            expect: { status: 201 },
          },
        ],
        { gate: "users", area: "create", id: "create.replay.user" },
      ),
    );
    assert.equal(result?.status, "pass", JSON.stringify(result));
  });
});
