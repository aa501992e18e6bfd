// The correct mutant server on the three behaviours the property checks caught it getting wrong, or
// that they rely on: several sub-attributes of one multi-valued attribute in one projection (RFC 7644
// §3.9), a replace through a value filter that matches nothing (RFC 7644 §3.5.2.3 noTarget; only `add`
// creates the item, Entra ID's dialect, interop.entra.add-filtered-path-creates-item), and ids outside
// ASCII in Location (RFC 7643 §3.1; a header must be a ByteString).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setupServer } from "msw/node";
import { createMutantServer } from "./mutant-server.js";
import type { Quirk } from "./quirks.js";

const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const patchUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

function serve(quirks: readonly Quirk[] = []) {
  const target = createMutantServer({ quirks });
  const msw = setupServer(...target.handlers);
  const headers = { authorization: `Bearer ${target.token}`, "content-type": "application/scim+json" };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${target.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  return { target, msw, call };
}

describe("the mutant server", () => {
  const correct = serve();
  const namedIds = serve(["idsFromNames"]);
  before(() => {
    correct.msw.listen({ onUnhandledRequest: "error" });
  });
  after(() => correct.msw.close());

  async function user(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await correct.call("POST", "/Users", {
      schemas: [userUrn],
      userName: `u-${Math.random().toString(36).slice(2)}`,
      emails: [{ value: "a@example.org", type: "work" }],
      addresses: [
        { type: "home", country: "DE", locality: "Berlin" },
        { country: "FR", locality: "Paris" },
      ],
      ...extra,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return String(res.body.id);
  }

  it("projects several sub-attributes of one multi-valued attribute into the same values", async () => {
    const id = await user();
    const res = await correct.call("GET", `/Users/${id}?attributes=addresses.country,addresses.type`);
    assert.deepEqual(res.body.addresses, [{ country: "DE", type: "home" }, { country: "FR" }]);
  });

  const filtered: [
    string,
    { op: string; path: string; status: number; scimType?: string; emails: number },
  ][] = [
    [
      "replace through a type filter that matches nothing",
      { op: "replace", path: 'emails[type eq "home"].value', status: 400, scimType: "noTarget", emails: 1 },
    ],
    [
      "replace through a value filter that matches nothing",
      {
        op: "replace",
        path: 'emails[value eq "b@example.org"].type',
        status: 400,
        scimType: "noTarget",
        emails: 1,
      },
    ],
    [
      "add through a type filter that matches nothing (Entra ID)",
      { op: "add", path: 'emails[type eq "home"].value', status: 200, emails: 2 },
    ],
  ];
  for (const [name, { op, path, status, scimType, emails }] of filtered) {
    it(`answers ${status} to ${name}`, async () => {
      const id = await user();
      const res = await correct.call("PATCH", `/Users/${id}`, {
        schemas: [patchUrn],
        Operations: [{ op, path, value: "b@example.org" }],
      });
      assert.equal(res.status, status, JSON.stringify(res.body));
      if (scimType) assert.equal(res.body.scimType, scimType);
      const read = await correct.call("GET", `/Users/${id}`);
      assert.equal((read.body.emails as unknown[]).length, emails);
    });
  }

  it("percent-encodes an id derived from a Unicode name in Location and meta.location", async () => {
    correct.msw.close();
    namedIds.msw.listen({ onUnhandledRequest: "error" });
    try {
      const name = "Zoë Ωmega/東京";
      const res = await namedIds.call("POST", "/Users", { schemas: [userUrn], userName: name });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const location = `${namedIds.target.baseUrl}/Users/${encodeURIComponent(name)}`;
      assert.equal(res.headers.get("location"), location);
      assert.equal((res.body.meta as { location?: string }).location, location);
      const read = await namedIds.call("GET", `/Users/${encodeURIComponent(name)}`);
      assert.equal(read.body.userName, name);
    } finally {
      namedIds.msw.close();
      correct.msw.listen({ onUnhandledRequest: "error" });
    }
  });
});
