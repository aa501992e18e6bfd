import { users } from "../contract/contract-fixtures.js";
import { freshPostgresStore } from "./postgres-test-database.js";

const store = await freshPostgresStore();
const u = await store.create(users, { attributes: { userName: "x" } });
const results = await Promise.allSettled(
  Array.from({ length: 10 }, (_, i) =>
    store.transaction(async (tx) => {
      const e = await tx.get(users, u.id, { members: false, forUpdate: true });
      await new Promise((r) => setTimeout(r, 5));
      return tx.update(
        users,
        u.id,
        { attributes: { ...e?.attributes, [`k${i}`]: i } },
        { ifVersion: e?.meta.version ?? 0 },
      );
    }),
  ),
);
console.log(results.map((r) => (r.status === "fulfilled" ? "ok" : String((r.reason as Error).message))));
console.log(await store.get(users, u.id, { members: false }));
await store.close();
