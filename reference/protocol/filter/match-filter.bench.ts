// Throughput of the in-memory matcher: 10 000 synthetic users, a few filters of increasing weight, timed
// with performance.now(). A measurement to read, not a test (timings on a shared CI box are noise):
//   node --import tsx reference/protocol/filter/match-filter.bench.ts
import type { JsonObject } from "../resource/json.js";
import type { ResourceTypeDefinition } from "../schema/schema-definition.js";
import { specRegistry } from "../testing/spec-registry.js";
import { compileFilter } from "./match-filter.js";
import { parseFilter } from "./parse-filter.js";
import { resolveFilter } from "./resolve-filter.js";

const registry = specRegistry();
const User = registry.resourceType("User") as ResourceTypeDefinition;

const users: JsonObject[] = Array.from({ length: 10_000 }, (_, i) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  id: `id-${i}`,
  userName: `User${i}@Example.com`,
  name: { givenName: `G${i % 100}`, familyName: `F${i % 50}` },
  active: i % 3 !== 0,
  title: i % 2 === 0 ? "Engineer" : "Manager",
  emails: [
    { value: `u${i}@work.example.com`, type: "work", primary: true },
    { value: `u${i}@home.example.org`, type: "home", primary: false },
  ],
  meta: {
    created: "2020-01-01T00:00:00Z",
    lastModified: new Date(Date.UTC(2021, 0, 1) + i * 60_000).toISOString(),
  },
}));

const filters = [
  'userName eq "user5000@example.com"',
  'meta.lastModified gt "2021-01-04T00:00:00Z" and active eq true',
  // The filter server-anchors.md §4 timed with the npm libraries (44-622 ms over 10k users there).
  'emails[type eq "work" and value co "99@"] or (name.familyName eq "F7" and active eq true)',
  'not (title eq "engineer") and (emails.value ew ".org" or name.givenName sw "g1")',
];

for (const text of filters) {
  const t0 = performance.now();
  const predicate = compileFilter(resolveFilter(registry, User, parseFilter(text)));
  const t1 = performance.now();
  let hits = 0;
  const rounds = 20;
  for (let r = 0; r < rounds; r++) {
    hits = 0;
    for (const u of users) if (predicate(u)) hits++;
  }
  const perPass = (performance.now() - t1) / rounds;
  console.log(
    `${text}\n  parse+resolve+compile ${(t1 - t0).toFixed(3)} ms; ${perPass.toFixed(2)} ms per 10k users ` +
      `(${Math.round(users.length / (perPass / 1000)).toLocaleString("en")} resources/s); ${hits} hits`,
  );
}
