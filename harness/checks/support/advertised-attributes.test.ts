// A check about attributes the target does not list in /Schemas is skipped with the reason, never run;
// fixture bodies leave unlisted attributes out; an unreadable schema assumes RFC 7643's (nothing skipped).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ClientFactory } from "../../client/client-factory.js";
import { runCheck } from "../../engine/check-runner.js";
import { DiscoveryResult, parseResourceType, parseSchema } from "../../engine/discover.js";
import type { PlannedCheck } from "../../engine/plan.js";
import { defineCheck } from "../check-context.js";
import { firstUnadvertised, fitToAdvertised, unadvertised } from "./advertised-attributes.js";

const user = "urn:ietf:params:scim:schemas:core:2.0:User";
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const acme = "urn:example:acme:User";

const attribute = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: "string",
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

/** A target like a PingFederate connection with flattened paths: a work e-mail, a given name, one enterprise field. */
function narrowTarget(schemasRead = true): DiscoveryResult {
  const schemas = [
    {
      id: user,
      attributes: [
        attribute("userName", { required: true }),
        attribute("name", { type: "complex", subAttributes: [attribute("givenName")] }),
        attribute("emails", {
          type: "complex",
          multiValued: true,
          subAttributes: [attribute("value"), attribute("type", { canonicalValues: ["work"] })],
        }),
        // Listed without sub-attributes: what they are is unknown, so none is assumed missing.
        attribute("addresses", { type: "complex", multiValued: true }),
      ],
    },
    { id: enterprise, attributes: [attribute("employeeNumber")] },
  ];
  return new DiscoveryResult({
    reachable: true,
    serviceProviderConfig: {},
    resourceTypes: [
      parseResourceType({
        name: "User",
        endpoint: "/Users",
        schema: user,
        schemaExtensions: [{ schema: enterprise, required: false }],
      }),
    ].filter((t) => t !== undefined),
    schemas: schemasRead ? schemas.map((s) => parseSchema(s)).filter((s) => s !== undefined) : [],
    documents: {},
    exchanges: [],
    problems: [],
  });
}

describe("unadvertised", () => {
  const target = narrowTarget();
  const cases: [string, string, RegExp | undefined][] = [
    ["userName", "userName", undefined],
    ["a listed sub-attribute", "name.givenName", undefined],
    ["an attribute in any case", "NAME.GIVENNAME", undefined],
    ["an unlisted attribute", "displayName", /does not list User attribute displayName in \/Schemas/],
    ["an unlisted sub-attribute", "name.familyName", /name\.familyName/],
    ["a canonical value", "emails.type=WORK", undefined],
    ["a value outside canonicalValues", "emails.type=home", /lists only "work".*not "home"/],
    ["an extension attribute", `${enterprise}:employeeNumber`, undefined],
    ["an unlisted extension attribute", `${enterprise}:department`, /department/],
    [
      "an extension the type does not offer",
      `${acme}:badge`,
      /does not offer the extension urn:example:acme:User/,
    ],
    ["a sub-attribute of a complex attribute listed without any", "addresses.locality", undefined],
  ];
  for (const [name, need, reason] of cases) {
    it(`${reason === undefined ? "accepts" : "refuses"} ${name}`, () => {
      const got = unadvertised(target, "User", need);
      if (reason === undefined) assert.equal(got, undefined);
      else assert.match(got ?? "", reason);
    });
  }

  it("assumes RFC 7643's schema when /Schemas could not be read", () => {
    assert.equal(unadvertised(narrowTarget(false), "User", "displayName"), undefined);
    assert.equal(firstUnadvertised(narrowTarget(false), { User: ["title", "emails.type=home"] }), undefined);
  });

  it("gives the first reason of a check's needs", () => {
    assert.match(
      firstUnadvertised(target, { User: ["userName", "title", "displayName"] }) ?? "",
      /attribute title/,
    );
    assert.equal(firstUnadvertised(target, { User: ["userName", "name.givenName"] }), undefined);
    assert.equal(firstUnadvertised(target, undefined), undefined);
  });
});

describe("fitToAdvertised", () => {
  it("leaves out what the target does not list, and keeps the common attributes", () => {
    const body = {
      schemas: [user, enterprise, acme],
      externalId: "x-1",
      userName: "ada",
      displayName: "Ada",
      name: { givenName: "Ada", familyName: "Lovelace" },
      emails: [
        { value: "ada@work.example", type: "work", display: "Work" },
        { value: "ada@home.example", type: "home" },
        { value: "ada@untyped.example" },
      ],
      addresses: [{ locality: "London", anything: 1 }],
      [enterprise]: { employeeNumber: "7", department: "R&D" },
      [acme]: { badge: "B" },
    };
    assert.deepEqual(fitToAdvertised(narrowTarget(), "User", body), {
      schemas: [user, enterprise],
      externalId: "x-1",
      userName: "ada",
      name: { givenName: "Ada" },
      emails: [{ value: "ada@work.example", type: "work" }, { value: "ada@untyped.example" }],
      addresses: [{ locality: "London", anything: 1 }],
      [enterprise]: { employeeNumber: "7" },
    });
  });

  it("sends the body unchanged when the target's schema is unknown", () => {
    const body = { userName: "ada", displayName: "Ada", emails: [{ value: "a@b.example", type: "home" }] };
    assert.deepEqual(fitToAdvertised(narrowTarget(false), "User", body), body);
  });
});

describe("the check runner", () => {
  it("skips a check whose attributes the target does not list, without running it", async () => {
    let ran = false;
    const check = defineCheck({
      id: "filter.test.needs-title",
      title: "t",
      area: "filter",
      requirements: ["rfc7644.filter.eq"],
      expectation: "e",
      attributes: { User: ["userName", "title"] },
      run: async () => {
        ran = true;
        return { kind: "met", expectation: "e" };
      },
    });
    const planned: PlannedCheck = {
      check,
      id: check.id,
      title: check.title,
      area: check.area,
      requirements: [],
      gate: "filter",
      profile: "rfc",
      level: "MUST",
      source: "code",
    };
    const result = await runCheck(planned, {
      factory: new ClientFactory({ baseUrl: "http://127.0.0.1:9/scim/v2", prefix: "scimc-t-" }),
      discovery: narrowTarget(),
      run: { id: "t", prefix: "scimc-t-", seed: 1, baseUrl: "http://127.0.0.1:9/scim/v2", profiles: ["rfc"] },
      unique: {
        name: () => "n",
        userName: () => "u",
        email: () => "e@example.org",
        externalId: () => "x",
        displayName: () => "d",
        missingId: () => "m",
      },
      required: new Set(),
      signal: new AbortController().signal,
      budgetMs: 5_000,
    });
    assert.equal(ran, false);
    assert.equal(result.status, "skip");
    assert.match((result as { reason?: string }).reason ?? "", /User attribute title/);
  });
});
