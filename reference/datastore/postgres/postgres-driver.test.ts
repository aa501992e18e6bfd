// The server's PostgreSQL sessions (postgres-driver.ts withSessionOptions): JIT off unless the URL says
// otherwise, the schema on the search path, and the URL's own options kept. JIT compiled the groups
// statement of every GET /Users/{id} for 10 ms while freshly loaded tables had no statistics.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openPgPool, withSessionOptions } from "./postgres-driver.js";
import { pgUrl } from "./postgres-test-database.js";

const options = (url: string) => new URL(url).searchParams.get("options");

describe("PostgreSQL session options", () => {
  const cases: readonly [string, string, string | undefined, string][] = [
    ["JIT off by default", "postgres://u:p@h:5432/db", undefined, "-c jit=off"],
    ["and the schema", "postgres://u:p@h:5432/db", "scim_a", "-c jit=off -c search_path=scim_a"],
    [
      "after the URL's own options",
      "postgres://u:p@h:5432/db?options=-c%20statement_timeout%3D5000",
      undefined,
      "-c statement_timeout=5000 -c jit=off",
    ],
    [
      "the URL's jit wins",
      "postgres://u:p@h:5432/db?options=-c%20jit%3Don",
      "s1",
      "-c jit=on -c search_path=s1",
    ],
  ];
  for (const [name, url, schema, expected] of cases) {
    it(name, () => assert.equal(options(withSessionOptions(url, schema)), expected));
  }

  it("keeps credentials and other parameters", () => {
    const out = new URL(withSessionOptions("postgres://u%40x:p%2Fw@h:5432/db?sslmode=disable", "s2"));
    assert.equal(out.username, "u%40x");
    assert.equal(out.password, "p%2Fw");
    assert.equal(out.searchParams.get("sslmode"), "disable");
  });

  it("refuses a schema name that is not a plain identifier", () => {
    assert.throws(() => withSessionOptions("postgres://h/db", "a b; drop"), /schema name/);
  });

  // Declared only with a server to run against (postgres-test-database.ts: one skip line for them all).
  if (pgUrl !== undefined) {
    const url = pgUrl;
    it("runs sessions with JIT off", async () => {
      const pool = openPgPool(url);
      try {
        const result = await pool.query<{ jit: string }>({ text: "SHOW jit" });
        assert.equal(result.rows[0]?.jit, "off");
      } finally {
        await pool.end();
      }
    });
  }
});
