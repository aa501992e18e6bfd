// Races through HTTP on one in-process reference server (issue "Reliability and security": races), on
// SQLite and, when SCIM_TEST_PG_URL is set, on PostgreSQL (a scratch schema, dropped afterwards). Two
// server processes racing on one PostgreSQL are reference/datastore/postgres/postgres-race.test.ts; this
// file is the one-process case every datastore must pass:
// - 50 concurrent creates of one userName: exactly one 201, 49 × 409 `uniqueness` (RFC 7644 §3.3, §3.12);
// - 100 concurrent PATCH adds of distinct members to one group: all present, seen from both sides
//   (Group.members and User.groups) (RFC 7644 §3.5.2.1);
// - concurrent PUTs with the same If-Match: exactly one wins, the rest 412 (RFC 7644 §3.14);
// - concurrent PATCHes without ETags, each adding a distinct value: none lost.
// Full scale (SCIM_STRESS=1) repeats each race 5 times.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ScratchSchema, scratchSchema } from "../../reference/datastore/postgres/postgres-scratch.js";
import {
  demoAuth,
  type ReferenceUnderTest,
  startReferenceUnderTest,
} from "./support/reference-under-test.js";
import { recordFigures, scaled } from "./support/scale.js";

type Json = Record<string, unknown>;
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const groupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
const patchUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const rounds = scaled(1, 5);
const pgUrl = process.env.SCIM_TEST_PG_URL || undefined;

interface Answer {
  readonly status: number;
  readonly body: Json;
  readonly etag: string | null;
}

async function call(
  server: ReferenceUnderTest,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: demoAuth.directory, "Content-Type": "application/scim+json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? {} : (JSON.parse(text) as Json),
    etag: response.headers.get("etag"),
  };
}

function tally(answers: readonly Answer[]): Record<number, number> {
  const byStatus: Record<number, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return byStatus;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

interface Backend {
  readonly name: string;
  readonly skip: string | false;
  open(): Promise<{ server: ReferenceUnderTest; drop: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: "SQLite",
    skip: false,
    async open() {
      const server = await startReferenceUnderTest();
      return { server, drop: async () => {} };
    },
  },
  {
    name: "PostgreSQL",
    skip:
      pgUrl === undefined
        ? "SCIM_TEST_PG_URL is not set (scripts/pg-up.sh prints one); two-process races are in postgres-race.test.ts"
        : false,
    async open() {
      const scratch: ScratchSchema = scratchSchema(pgUrl ?? "", "reliability_races");
      const server = await startReferenceUnderTest({ db: scratch.db });
      return { server, drop: () => scratch.drop() };
    },
  },
];

for (const backend of backends) {
  describe(`races through HTTP on ${backend.name}`, { skip: backend.skip }, () => {
    let server: ReferenceUnderTest;
    let drop: () => Promise<void> = async () => {};
    let races = 0;
    const started = Date.now();
    before(async () => {
      ({ server, drop } = await backend.open());
    });
    after(async () => {
      recordFigures(`races-${backend.name}`, {
        races,
        seconds: Math.round((Date.now() - started) / 100) / 10,
      });
      await server?.close();
      await drop();
    });

    it(`answers 50 concurrent creates of one userName with one 201 and 49 × 409 uniqueness (${rounds} round(s))`, async () => {
      for (let round = 0; round < rounds; round++) {
        const userName = `race-${backend.name}-${round}-${Date.now()}`;
        const answers = await Promise.all(
          range(50).map(() => call(server, "POST", "/Users", { schemas: [userUrn], userName })),
        );
        races += 1;
        assert.deepEqual(tally(answers), { 201: 1, 409: 49 });
        for (const a of answers.filter((x) => x.status === 409)) assert.equal(a.body.scimType, "uniqueness");
        const found = await call(
          server,
          "GET",
          `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`,
        );
        assert.equal(found.body.totalResults, 1);
      }
    });

    it(`keeps all of 100 concurrent member adds to one group, on both sides (${rounds} round(s))`, async () => {
      for (let round = 0; round < rounds; round++) {
        const ids: string[] = [];
        for (const i of range(100)) {
          const created = await call(server, "POST", "/Users", {
            schemas: [userUrn],
            userName: `member-${backend.name}-${round}-${i}-${Date.now()}`,
          });
          assert.equal(created.status, 201);
          ids.push(created.body.id as string);
        }
        const group = await call(server, "POST", "/Groups", {
          schemas: [groupUrn],
          displayName: `race-group-${round}-${Date.now()}`,
        });
        const groupId = group.body.id as string;
        const answers = await Promise.all(
          ids.map((value) =>
            call(
              server,
              "PATCH",
              `/Groups/${groupId}`,
              { schemas: [patchUrn], Operations: [{ op: "add", path: "members", value: [{ value }] }] },
              { Prefer: "return=minimal" },
            ),
          ),
        );
        races += 1;
        assert.deepEqual(tally(answers), { 204: 100 });
        const final = await call(server, "GET", `/Groups/${groupId}`);
        const members = ((final.body.members as Json[] | undefined) ?? []).map((m) => m.value as string);
        assert.deepEqual([...members].sort(), [...ids].sort());
        // The other side of the relation (RFC 7643 §4.1.2): every member lists the group.
        for (const id of ids.slice(0, 10)) {
          const user = await call(server, "GET", `/Users/${id}?attributes=groups`);
          assert.ok(
            ((user.body.groups as Json[] | undefined) ?? []).some((g) => g.value === groupId),
            `user ${id} does not list the group`,
          );
        }
        assert.equal(final.body.meta !== undefined, true);
      }
    });

    it(`lets exactly one of 20 concurrent PUTs with the same If-Match win; the others get 412 (${rounds} round(s))`, async () => {
      for (let round = 0; round < rounds; round++) {
        const userName = `put-race-${backend.name}-${round}-${Date.now()}`;
        const created = await call(server, "POST", "/Users", { schemas: [userUrn], userName });
        const id = created.body.id as string;
        const etag = created.etag ?? "";
        const answers = await Promise.all(
          range(20).map((i) =>
            call(
              server,
              "PUT",
              `/Users/${id}`,
              { schemas: [userUrn], userName, title: `writer-${i}` },
              { "If-Match": etag },
            ),
          ),
        );
        races += 1;
        assert.deepEqual(tally(answers), { 200: 1, 412: 19 });
        const winner = answers.find((a) => a.status === 200);
        const final = await call(server, "GET", `/Users/${id}`);
        assert.equal(final.body.title, winner?.body.title);
        assert.equal(final.etag, winner?.etag);
      }
    });

    it(`loses none of 30 concurrent PATCHes without ETags, each adding a distinct value (${rounds} round(s))`, async () => {
      for (let round = 0; round < rounds; round++) {
        const created = await call(server, "POST", "/Users", {
          schemas: [userUrn],
          userName: `patch-race-${backend.name}-${round}-${Date.now()}`,
        });
        const id = created.body.id as string;
        const values = range(30).map((i) => `p${i}-${round}@example.com`);
        const answers = await Promise.all(
          values.map((value) =>
            call(server, "PATCH", `/Users/${id}`, {
              schemas: [patchUrn],
              Operations: [{ op: "add", path: "emails", value: [{ value, type: "other" }] }],
            }),
          ),
        );
        races += 1;
        assert.deepEqual(tally(answers), { 200: 30 });
        const final = await call(server, "GET", `/Users/${id}`);
        const emails = ((final.body.emails as Json[] | undefined) ?? []).map((e) => e.value as string);
        assert.deepEqual([...emails].sort(), [...values].sort());
      }
    });
  });
}
