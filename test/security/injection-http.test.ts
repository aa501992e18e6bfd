// Injection end to end (issue "Reliability and security": injection, HTTP level): users whose userName,
// externalId and displayName are full of SQL, LIKE and LDAP filter metacharacters (' " % _ \ ;-- * ( )
// \2a ")(uid=*"), NUL, dotted I, fullwidth look-alikes and RTL marks are created through the SCIM API of
// the demo directory connection, then
// - each reads back exactly as sent (or was refused with 400 and is not there: PostgreSQL and LDAP cannot
//   hold NUL), and
// - every filter eq/co/sw/ew on those attributes, its literal from the same pool, returns exactly the users
//   the RFC 7644 §3.4.2.2 semantics select (caseExact externalId compared as is, the others through the
//   protocol's case fold, compare-values.ts), scoped to the run by a title tag.
// On SQLite always; on PostgreSQL with SCIM_TEST_PG_URL; on the LDAP directory (the demo connection's
// `userRepository.type: LDAP`) with SCIM_TEST_LDAP_URL. The compiler-level no-escape property for LDAP is
// reference/datastore/ldap/ldap-filter-compiler.test.ts ("compiled literals stay literals"); the SQL one is
// injection-sql.test.ts.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { parse } from "yaml";
import { demoFile } from "../../reference/connections/connection-fixtures.js";
import { foldCase } from "../../reference/protocol/filter/compare-values.js";
import {
  demoAuth,
  type ReferenceUnderTest,
  startReferenceUnderTest,
} from "../reliability/support/reference-under-test.js";
import { recordFigures, replayHint, scaled, suiteSeed } from "../reliability/support/scale.js";

type Json = Record<string, unknown>;
const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const numRuns = scaled(60, 600);

const fragments = [
  "'",
  '"',
  "%",
  "_",
  "\\",
  ";--",
  "' OR '1'='1",
  "*",
  "(",
  ")",
  "\\2a",
  ")(uid=*",
  "*)(|(objectClass=*",
  "\u0000",
  "\u0130",
  "i",
  "I",
  "\uff21\uff44\uff4d",
  "Adm",
  "\u202e",
  "\u200f",
  "x",
  "é",
] as const;
const piece = fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 3 }).map((p) => p.join(""));

const attributes = ["userName", "externalId", "displayName"] as const;
type Attr = (typeof attributes)[number];
const caseExact: Record<Attr, boolean> = { userName: false, externalId: true, displayName: false };
const ops = ["eq", "co", "sw", "ew"] as const;

function holds(op: (typeof ops)[number], actual: string, literal: string, exact: boolean): boolean {
  const a = exact ? actual : foldCase(actual);
  const l = exact ? literal : foldCase(literal);
  switch (op) {
    case "eq":
      return a === l;
    case "co":
      return a.includes(l);
    case "sw":
      return a.startsWith(l);
    default:
      return a.endsWith(l);
  }
}

interface Backend {
  readonly name: string;
  readonly skip: string | false;
  /** PostgreSQL text cannot hold U+0000: it refuses such values and such filter literals with 400. */
  readonly refusesNul?: boolean;
  open(): Promise<{ server: ReferenceUnderTest; drop: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: "SQLite",
    skip: false,
    open: async () => ({ server: await startReferenceUnderTest({ throttle: false }), drop: async () => {} }),
  },
  {
    name: "PostgreSQL",
    refusesNul: true,
    skip: process.env.SCIM_TEST_PG_URL ? false : "SCIM_TEST_PG_URL is not set (scripts/pg-up.sh prints one)",
    open: async () => {
      const { scratchSchema } = await import("../../reference/datastore/postgres/postgres-scratch.js");
      const scratch = scratchSchema(process.env.SCIM_TEST_PG_URL ?? "", "injection");
      return {
        server: await startReferenceUnderTest({ db: scratch.db, throttle: false }),
        drop: () => scratch.drop(),
      };
    },
  },
  {
    name: "LDAP",
    skip: process.env.SCIM_TEST_LDAP_URL
      ? false
      : "SCIM_TEST_LDAP_URL is not set (scripts/ldap-up.sh prints it)",
    open: async () => {
      const { scratchDirectory } = await import("../../reference/datastore/ldap/ldap-scratch.js");
      const directory = scratchDirectory("injection");
      const server = await startReferenceUnderTest({
        throttle: false,
        directory: directory.settings,
        config: undefined,
        configDocument: directory.rebase(parse(readFileSync(demoFile, "utf8"))),
      });
      return { server, drop: () => directory.drop() };
    },
  },
];

for (const backend of backends) {
  describe(`injection through HTTP on ${backend.name}`, { skip: backend.skip }, () => {
    let server: ReferenceUnderTest;
    let drop: () => Promise<void> = async () => {};
    before(async () => {
      ({ server, drop } = await backend.open());
    });
    after(async () => {
      await server?.close();
      await drop();
    });

    const call = async (
      method: string,
      path: string,
      body?: unknown,
    ): Promise<{ status: number; body: Json }> => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { Authorization: demoAuth.directory, "Content-Type": "application/scim+json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === "" ? {} : (JSON.parse(text) as Json) };
    };

    it("stores hostile values exactly and never lets one change a filter's meaning", async (t) => {
      const seed = suiteSeed();
      t.diagnostic(
        `injection-http (${backend.name}): ${numRuns} populations, seed ${seed} (${replayHint(seed)})`,
      );
      const started = Date.now();
      let queries = 0;
      let refused = 0;
      const population = fc.array(fc.record({ userName: piece, externalId: piece, displayName: piece }), {
        minLength: 2,
        maxLength: 5,
      });
      const queriesArb = fc.array(fc.tuple(fc.constantFrom(...attributes), fc.constantFrom(...ops), piece), {
        minLength: 1,
        maxLength: 5,
      });
      const property = fc.asyncProperty(population, queriesArb, async (people, filters) => {
        const tag = `inj${randomBytes(5).toString("hex")}`;
        const created: { id: string; values: Record<Attr, string> }[] = [];
        for (const [i, person] of people.entries()) {
          const values = { ...person, userName: `${tag}-${i}-${person.userName}` };
          const answer = await call("POST", "/Users", { schemas: [userUrn], title: tag, ...values });
          if (answer.status === 400) {
            // Refused, not altered: nothing with this userName may exist.
            refused += 1;
            const found = await call(
              "GET",
              `/Users?filter=${encodeURIComponent(`title eq "${tag}" and userName sw "${tag}-${i}-"`)}`,
            );
            assert.equal(found.body.totalResults, 0, `a refused user was stored: ${JSON.stringify(values)}`);
            continue;
          }
          assert.equal(answer.status, 201, JSON.stringify(answer.body));
          const id = answer.body.id as string;
          const back = await call("GET", `/Users/${id}`);
          for (const attr of attributes)
            assert.equal(back.body[attr], values[attr], `${attr} did not read back as written`);
          created.push({ id, values });
        }
        for (const [attr, op, literal] of filters) {
          queries += 1;
          const filter = `${attr} ${op} ${JSON.stringify(literal)} and title eq "${tag}"`;
          const answer = await call(
            "GET",
            `/Users?count=100&attributes=id&filter=${encodeURIComponent(filter)}`,
          );
          if (backend.refusesNul === true && literal.includes("\u0000")) {
            assert.equal(answer.status, 400, `${filter}: ${JSON.stringify(answer.body)}`);
            assert.equal(answer.body.scimType, "invalidValue");
            continue;
          }
          assert.equal(answer.status, 200, `${filter}: ${JSON.stringify(answer.body)}`);
          const got = ((answer.body.Resources as Json[] | undefined) ?? []).map((r) => r.id as string).sort();
          const want = created
            .filter((c) => holds(op, c.values[attr], literal, caseExact[attr]))
            .map((c) => c.id)
            .sort();
          assert.deepEqual(got, want, `${filter} over ${JSON.stringify(created.map((c) => c.values))}`);
        }
      });
      try {
        await fc.assert(property, { seed, numRuns });
      } catch (error) {
        const cause = (error as Error).cause;
        throw new Error(
          `${replayHint(seed)}\n${(error as Error).message}\n${cause instanceof Error ? cause.message : ""}`,
        );
      }
      t.diagnostic(
        `injection-http (${backend.name}): ${queries} filters, ${refused} refusals, ${Math.round((Date.now() - started) / 100) / 10} s`,
      );
      recordFigures(`injection-http-${backend.name}`, {
        populations: numRuns,
        queries,
        refused,
        seconds: Math.round((Date.now() - started) / 100) / 10,
        seed,
      });
    });
  });
}
