// The route table the security suites walk (route-table.ts) is complete: it lists exactly the routes of
// the real Koa router, so a route added to app.ts without a row (and so without an authentication-matrix
// row) fails here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { routesOfApp, scimRoutes } from "./route-table.js";

describe("the security route table", () => {
  it("lists exactly the routes of the SCIM router", async () => {
    const table = scimRoutes.map((r) => `${r.method} ${r.path}`).sort();
    assert.deepEqual(await routesOfApp(), table);
  });
});
