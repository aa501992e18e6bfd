// Two reference server processes on one PostgreSQL schema behave as one server (issue "more than one
// server process"): both are started at once on a new schema (so their migrations race too), then raced
// through HTTP, alternating requests between them as a load balancer would:
// - uniqueness under concurrent creates: one 201 and 409 uniqueness for the rest (RFC 7644 §3.3);
// - membership adds from both processes: none lost (RFC 7644 §3.5.2.1);
// - PUTs with one If-Match: exactly one 200, 412 for the rest (RFC 7644 §3.14);
// - PATCHes without ETags: every change lands (the pipeline reads the entry forUpdate in a transaction);
// - a cursor walk (RFC 9865) whose pages alternate between the processes while the other inserts and
//   deletes: every user that exists throughout is returned exactly once, and nothing twice;
// - a connection created, replaced and deleted through one process's admin API: the other serves it,
//   takes its new token and refuses the old one, then stops serving it, each within 2 s (the catalog
//   follows watchSettings, connections/connection-catalog.ts).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testConnection } from "../../connections/connection-fixtures.js";
import { type ScratchSchema, scratchSchema } from "./postgres-scratch.js";
import { type ServerProcess, startServerProcess } from "./postgres-server-process.js";
import { pgUrl } from "./postgres-test-database.js";

const token = "race-token";
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const groupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
const patchUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

type Json = Record<string, unknown>;
interface Answer {
  readonly status: number;
  readonly body: Json;
  readonly etag: string | null;
}

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Json = {},
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/scim+json",
      ...headers,
    } as Record<string, string>,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? {} : (JSON.parse(text) as Json),
    etag: response.headers.get("etag"),
  };
}

function counts(answers: readonly Answer[]): Record<number, number> {
  const byStatus: Record<number, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return byStatus;
}

/** The status counts and the first unexpected body, for failure messages. */
function evidence(answers: readonly Answer[], expected: readonly number[]): string {
  const odd = answers.find((a) => !expected.includes(a.status));
  return `${JSON.stringify(counts(answers))}${odd === undefined ? "" : ` first unexpected: ${JSON.stringify(odd.body)}`}`;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

// Declared only with a database: postgres-datastore.test.ts prints the one skip line otherwise.
if (pgUrl !== undefined) {
  const url = pgUrl;
  describe("two reference server processes on one PostgreSQL", () => {
    let scratch: ScratchSchema;
    let servers: ServerProcess[] = [];
    /** The i-th request's server: requests alternate, as behind a round-robin load balancer. */
    const at = (i: number) => servers[i % 2]?.url ?? "";

    before(async () => {
      scratch = scratchSchema(url, "race");
      const env = { SCIM_BEARER_TOKEN: token, SCIM_ADMIN_TOKEN: "race-admin-token" };
      const started = await Promise.allSettled([
        startServerProcess(scratch.db, env),
        startServerProcess(scratch.db, env),
      ]);
      servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      const failed = started.find((s) => s.status === "rejected");
      if (failed !== undefined) throw (failed as PromiseRejectedResult).reason;
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await scratch.drop();
    });

    const createUser = (i: number, userName: string, extra: Json = {}) =>
      call(at(i), "POST", "/Users", { schemas: [userUrn], userName, ...extra });

    it("answers one 201 and 409 uniqueness for the other 49 of 50 concurrent creates of one userName", async () => {
      const answers = await Promise.all(range(50).map((i) => createUser(i, "Same.Name@example.com")));
      assert.deepEqual(counts(answers), { 201: 1, 409: 49 }, evidence(answers, [201, 409]));
      for (const a of answers.filter((x) => x.status === 409)) assert.equal(a.body.scimType, "uniqueness");
      const found = await call(
        at(1),
        "GET",
        `/Users?filter=${encodeURIComponent('userName eq "same.name@example.com"')}`,
      );
      assert.equal(found.body.totalResults, 1);
    });

    it("keeps all of 100 member adds sent to one group through both processes at once", async () => {
      const users = await Promise.all(range(100).map((i) => createUser(i, `member${i}@example.com`)));
      assert.deepEqual(counts(users), { 201: 100 });
      const group = await call(at(0), "POST", "/Groups", { schemas: [groupUrn], displayName: "Racers" });
      assert.equal(group.status, 201);
      const adds = await Promise.all(
        users.map((u, i) =>
          call(at(i), "PATCH", `/Groups/${group.body.id}`, {
            schemas: [patchUrn],
            Operations: [{ op: "add", path: "members", value: [{ value: u.body.id }] }],
          }),
        ),
      );
      assert.ok(
        adds.every((a) => a.status === 200 || a.status === 204),
        evidence(adds, [200, 204]),
      );
      for (const base of [at(0), at(1)]) {
        const final = await call(base, "GET", `/Groups/${group.body.id}`);
        const members = (final.body.members as { value: string }[] | undefined) ?? [];
        assert.equal(new Set(members.map((m) => m.value)).size, 100, "every member is present");
        assert.equal(final.body.meta && (final.body.meta as Json).version, 'W/"101"', "one version per add");
      }
    });

    it("lets exactly one of 20 PUTs with the same If-Match succeed; the others get 412", async () => {
      const user = await createUser(0, "put.target@example.com");
      const etag = user.etag ?? "";
      assert.match(etag, /^W\/"/);
      const answers = await Promise.all(
        range(20).map((i) =>
          call(
            at(i),
            "PUT",
            `/Users/${user.body.id}`,
            { schemas: [userUrn], userName: "put.target@example.com", displayName: `Writer ${i}` },
            { "If-Match": etag },
          ),
        ),
      );
      assert.deepEqual(counts(answers), { 200: 1, 412: 19 }, evidence(answers, [200, 412]));
      const winner = answers.find((a) => a.status === 200);
      const final = await call(at(1), "GET", `/Users/${user.body.id}`);
      assert.equal(final.body.displayName, winner?.body.displayName);
    });

    it("loses none of 20 concurrent PATCHes without ETags", async () => {
      const user = await createUser(1, "patch.target@example.com");
      const answers = await Promise.all(
        range(20).map((i) =>
          call(at(i), "PATCH", `/Users/${user.body.id}`, {
            schemas: [patchUrn],
            Operations: [
              { op: "add", path: "emails", value: [{ value: `p${i}@example.com`, type: "other" }] },
            ],
          }),
        ),
      );
      assert.ok(
        answers.every((a) => a.status === 200 || a.status === 204),
        evidence(answers, [200, 204]),
      );
      const final = await call(at(0), "GET", `/Users/${user.body.id}`);
      const emails = ((final.body.emails as { value: string }[] | undefined) ?? [])
        .map((e) => e.value)
        .sort();
      assert.deepEqual(
        emails,
        range(20)
          .map((i) => `p${i}@example.com`)
          .sort(),
      );
    });

    it("walks with a cursor across both processes while they insert and delete: no row lost or repeated", async () => {
      const kept = await Promise.all(
        range(40).map((i) => createUser(i, `walk-keep-${String(i).padStart(2, "0")}@example.com`)),
      );
      const doomed = await Promise.all(
        range(20).map((i) => createUser(i, `walk-gone-${String(i).padStart(2, "0")}@example.com`)),
      );
      assert.ok([...kept, ...doomed].every((a) => a.status === 201));
      const filter = encodeURIComponent('userName sw "walk-"');
      let churn = 0;
      const walked: string[] = [];
      let cursor = "";
      for (let page = 0; page < 100; page++) {
        const answer = await call(
          at(page),
          "GET",
          `/Users?filter=${filter}&count=4&cursor=${encodeURIComponent(cursor)}`,
        );
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        walked.push(...((answer.body.Resources as { id: string }[] | undefined) ?? []).map((r) => r.id));
        // Between pages, the other process inserts two users and deletes one that existed at the start.
        const other = page + 1;
        await Promise.all([
          createUser(other, `walk-new-${churn}a@example.com`),
          createUser(other, `walk-new-${churn}b@example.com`),
        ]);
        const victim = doomed[churn];
        if (victim !== undefined)
          assert.equal((await call(at(other), "DELETE", `/Users/${victim.body.id}`)).status, 204);
        churn += 1;
        const next = answer.body.nextCursor;
        if (typeof next !== "string") break;
        cursor = next;
      }
      assert.equal(new Set(walked).size, walked.length, "no user is returned twice");
      const seen = new Set(walked);
      const lost = kept.filter((k) => !seen.has(String(k.body.id)));
      assert.deepEqual(lost, [], "every user that existed throughout is returned");
    });

    it("follows one process's admin API in the other within 2 s: create, replace (new token), delete", async (t) => {
      const admin = (method: string, path: string, body?: unknown) =>
        fetch(`${servers[0]?.adminUrl}${path}`, {
          method,
          headers: { Authorization: "Bearer race-admin-token", "Content-Type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      /** The status the other process answers with this token, once it is `want` (or after 2 s). */
      const onOther = async (bearer: string, want: number) => {
        const started = Date.now();
        let status = 0;
        for (;;) {
          const answer = await fetch(`${servers[1]?.url}/Users?count=1`, {
            headers: { Authorization: `Bearer ${bearer}` },
          });
          await answer.arrayBuffer();
          status = answer.status;
          if (status === want || Date.now() - started > 2000) return { status, ms: Date.now() - started };
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      const created = await admin(
        "POST",
        "",
        testConnection("late", { tokens: ["late-1"], groupSupport: false }),
      );
      assert.equal(created.status, 201, await created.text());
      const served = await onOther("late-1", 200);
      assert.equal(served.status, 200, "the other process accepts the new connection's token");

      const replaced = await admin(
        "PUT",
        "/late",
        testConnection("late", { tokens: ["late-2"], groupSupport: false }),
      );
      assert.equal(replaced.status, 200, await replaced.text());
      const rotated = await onOther("late-2", 200);
      assert.equal(rotated.status, 200, "the other process accepts the replacing token");
      assert.equal(
        (await onOther("late-1", 401)).status,
        401,
        "the replaced token, verified (and cached) there before, is refused",
      );

      const deleted = await admin("DELETE", "/late");
      assert.equal(deleted.status, 204, await deleted.text());
      const gone = await onOther("late-2", 401);
      assert.equal(gone.status, 401, "the other process stops serving the deleted connection");
      t.diagnostic(
        `followed in the other process after: create ${served.ms} ms, replace ${rotated.ms} ms, delete ${gone.ms} ms`,
      );
    });

    it("migrated once although both processes started on an empty schema at once", async () => {
      const { openPgPool } = await import("./postgres-driver.js");
      const pool = openPgPool(url, { schema: scratch.schema, poolSize: 1 });
      try {
        const migrations = await pool.query<{ n: number }>({
          text: "SELECT count(*) AS n FROM scim_migrations",
        });
        assert.equal(migrations.rows[0]?.n, 1);
      } finally {
        await pool.end();
      }
    });
  });
}
