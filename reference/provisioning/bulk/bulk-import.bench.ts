// Measures Bulk import throughput on embedded SQLite (reference-core issue, target for the performance
// issue: ≥ 20,000 users/s importing 100,000 users in 1,000-operation requests). Not a test: run it with
//   node --import tsx reference/provisioning/bulk/bulk-import.bench.ts [users] [opsPerRequest] [dbPath]
// It starts the real server in-process (HTTP included) on a fresh database and prints users per second.
import { rmSync } from "node:fs";
import { createLogger, startReferenceServer } from "../../main.js";

const users = Number(process.argv[2] ?? 100_000);
const perRequest = Number(process.argv[3] ?? 1000);
const db = process.argv[4] ?? `/tmp/scim-bulk-bench-${process.pid}.sqlite`;
const token = "bench-token";

const logger = createLogger();
logger.level = "warn";
const server = await startReferenceServer({ db, env: { SCIM_BEARER_TOKEN: token }, logger });
try {
  const started = performance.now();
  for (let offset = 0; offset < users; offset += perRequest) {
    const Operations = Array.from({ length: Math.min(perRequest, users - offset) }, (_, i) => {
      const n = offset + i;
      return {
        method: "POST",
        path: "/Users",
        bulkId: `u${n}`,
        data: {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
          userName: `user${n}@example.com`,
          externalId: `ext-${n}`,
          name: { givenName: "Given", familyName: `Family${n}` },
          emails: [{ value: `user${n}@example.com`, type: "work", primary: true }],
          active: true,
        },
      };
    });
    const response = await fetch(`${server.url}/Bulk`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" },
      body: JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], Operations }),
    });
    const body = (await response.json()) as { Operations: { status: string }[] };
    const failed = body.Operations.filter((o) => o.status !== "201").length;
    if (response.status !== 200 || failed > 0)
      throw new Error(`bulk at ${offset}: HTTP ${response.status}, ${failed} failed`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      users,
      perRequest,
      seconds: Number(seconds.toFixed(2)),
      usersPerSecond: Math.round(users / seconds),
    }),
  );
} finally {
  await server.close();
  if (process.argv[4] === undefined)
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${db}${suffix}`, { force: true });
}
