// Contract: cursor paging (RFC 9865): keyset positions forward and back, and walks that stay exact while
// other requests insert and delete.
import assert from "node:assert/strict";
import { describe } from "node:test";
import type { EntryAttributes } from "../datastore.js";
import { a, users } from "./contract-fixtures.js";
import type { ContractHarness } from "./contract-harness.js";
import { cursor, five, query, seed, sorted, walk } from "./listing-helpers.js";

export function cursorContract(h: ContractHarness): void {
  describe("cursor paging (RFC 9865)", () => {
    h.test("walks forward and back with next and previous positions", async (store) => {
      const s = await seed(store, five);
      const label = (r: { entries: readonly { id: string }[] }) => r.entries.map((e) => s.labels.get(e.id));
      const p1 = await store.query(users, query(cursor(undefined, 2)));
      assert.deepEqual(label(p1), ["u1", "u2"]);
      assert.equal(p1.previousPosition, undefined);
      assert.equal(p1.total, 5);
      const p2 = await store.query(users, query(cursor(p1.nextPosition, 2)));
      assert.deepEqual(label(p2), ["u3", "u4"]);
      assert.notEqual(p2.previousPosition, undefined);
      const p3 = await store.query(users, query(cursor(p2.nextPosition, 2)));
      assert.deepEqual(label(p3), ["u5"]);
      assert.equal(p3.nextPosition, undefined);
      const back2 = await store.query(users, query(cursor(p3.previousPosition, 2, "previous")));
      assert.deepEqual(label(back2), ["u3", "u4"]);
      const back1 = await store.query(users, query(cursor(back2.previousPosition, 2, "previous")));
      assert.deepEqual(label(back1), ["u1", "u2"]);
      assert.equal(back1.previousPosition, undefined);
      assert.notEqual(back1.nextPosition, undefined);
    });

    h.test("previous without a position returns the last page", async (store) => {
      const s = await seed(store, five);
      const last = await store.query(users, query(cursor(undefined, 2, "previous")));
      assert.deepEqual(
        last.entries.map((e) => s.labels.get(e.id)),
        ["u4", "u5"],
      );
      assert.equal(last.nextPosition, undefined);
      assert.notEqual(last.previousPosition, undefined);
    });

    h.test("walks sorted attributes across missing values, both directions", async (store) => {
      const s = await seed(store, {
        m: { displayName: "m", title: "m" },
        none1: {},
        a: { displayName: "a", title: "a" },
        z: { displayName: "Z", title: "Z" },
        none2: {},
      });
      for (const attr of [a.displayName, a.title]) {
        for (const descending of [false, true]) {
          const full = await sorted(store, s, attr, descending);
          assert.deepEqual(await walk(store, s, 1, attr, descending), full, `${attr.name} ${descending}`);
          assert.deepEqual(await walk(store, s, 2, attr, descending), full, `${attr.name} ${descending}`);
        }
      }
    });

    h.test("a count of 0 returns no entries and no positions", async (store) => {
      await seed(store, five);
      const result = await store.query(users, query(cursor(undefined, 0)));
      assert.deepEqual(result.entries, []);
      assert.equal(result.total, 5);
      assert.equal(result.nextPosition, undefined);
      assert.equal(result.previousPosition, undefined);
    });

    h.test("a position that does not decode is 400 invalidCursor", async (store) => {
      await seed(store, five);
      for (const position of ["garbage", "", Buffer.from("[1]").toString("base64url")]) {
        await assert.rejects(store.query(users, query(cursor(position, 2))), {
          status: 400,
          scimType: "invalidCursor",
        });
      }
    });

    for (const [name, sort, descending] of [
      ["unsorted", undefined, false],
      ["sorted by userName", a.userName, false],
      ["sorted by title, descending", a.title, true],
    ] as const) {
      h.test(
        `a walk ${name} neither loses nor repeats rows while others insert and delete`,
        async (store) => {
          const initial: Record<string, EntryAttributes> = {};
          for (let i = 0; i < 20; i++)
            initial[`u${String(i).padStart(2, "0")}`] = { title: `t${(i * 7) % 20}` };
          const s = await seed(store, initial);
          const deleted = new Set<string>();
          const seen: string[] = [];
          let position: string | undefined;
          for (let page = 0; page < 50; page++) {
            const result = await store.query(users, query(cursor(position, 3), sort, descending));
            seen.push(...result.entries.map((e) => s.labels.get(e.id) ?? e.id));
            // Between pages, other requests delete one unseen and one seen row and insert rows that sort
            // before and after the walk's position.
            const unseen = [...s.ids.keys()].find(
              (l) => l.startsWith("u") && !seen.includes(l) && !deleted.has(l),
            );
            const old = seen.find((l) => l.startsWith("u") && !deleted.has(l));
            for (const victim of [unseen, old]) {
              if (victim === undefined) continue;
              await store.delete(users, s.ids.get(victim) ?? "", "delete");
              deleted.add(victim);
            }
            for (const extra of [`a-new${page}`, `z-new${page}`]) {
              const created = await store.create(users, { attributes: { userName: extra, title: extra } });
              s.ids.set(extra, created.id);
              s.labels.set(created.id, extra);
            }
            if (result.nextPosition === undefined) break;
            position = result.nextPosition;
          }
          const throughout = Object.keys(initial).filter((l) => !deleted.has(l));
          for (const label of throughout)
            assert.ok(seen.includes(label), `${label} existed throughout and was lost`);
          assert.equal(new Set(seen).size, seen.length, `rows were repeated: ${seen.join(",")}`);
        },
      );
    }
  });
}
