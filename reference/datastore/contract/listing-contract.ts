// Contract: sorting (RFC 7644 §3.4.2.3) and index paging (§3.4.2.4).
import assert from "node:assert/strict";
import { describe } from "node:test";
import { compareNode } from "../../protocol/filter/filter-builders.js";
import { a, groups, users } from "./contract-fixtures.js";
import type { ContractHarness } from "./contract-harness.js";
import { cursor, five, index, query, seed, sorted } from "./listing-helpers.js";

export function listingContract(h: ContractHarness): void {
  describe("sorting", () => {
    h.test("userName sorts case-insensitively, by code point, and descending reverses", async (store) => {
      const s = await seed(store, { b: {}, A: {}, C: {}, é: {}, a0: {} });
      assert.deepEqual(await sorted(store, s, a.userName), ["A", "a0", "b", "C", "é"]);
      assert.deepEqual(await sorted(store, s, a.userName, true), ["é", "C", "b", "a0", "A"]);
    });

    h.test("a caseExact attribute sorts case-exactly (RFC 7644 §3.4.2.3)", async (store) => {
      const s = await seed(store, { x: { nickName: "b" }, y: { nickName: "B" }, z: { nickName: "a" } });
      assert.deepEqual(await sorted(store, s, a.nickName), ["y", "z", "x"]);
    });

    h.test("missing values sort last ascending and first descending, indexed or not", async (store) => {
      const s = await seed(store, {
        x: { displayName: "b", title: "b" },
        y: {},
        z: { displayName: "a", title: "a" },
      });
      for (const attr of [a.displayName, a.title]) {
        assert.deepEqual(await sorted(store, s, attr), ["z", "x", "y"], attr.name);
        assert.deepEqual(await sorted(store, s, attr, true), ["y", "x", "z"], attr.name);
      }
    });

    h.test("ties keep creation order, reversed when descending", async (store) => {
      const s = await seed(store, { x: { title: "same" }, y: { title: "same" }, z: { title: "same" } });
      assert.deepEqual(await sorted(store, s, a.title), ["x", "y", "z"]);
      assert.deepEqual(await sorted(store, s, a.title, true), ["z", "y", "x"]);
      assert.deepEqual(await sorted(store, s, a.created), ["x", "y", "z"]);
    });

    h.test("a multi-valued attribute sorts by its primary value, else its first", async (store) => {
      const s = await seed(store, {
        p: {
          emails: [
            { value: "z@x", type: "work" },
            { value: "a@x", primary: true },
          ],
        },
        m: { emails: [{ value: "m@x" }] },
        f: { emails: [{ value: "c@x" }, { value: "b@x" }] },
        none: {},
      });
      assert.deepEqual(await sorted(store, s, a.emailValue), ["p", "f", "m", "none"]);
      assert.deepEqual(await sorted(store, s, a.emailValue, true), ["none", "m", "f", "p"]);
    });

    h.test("numbers sort numerically and dateTimes chronologically, indexed or not", async (store) => {
      const s = await seed(store, {
        nine: {
          loginCount: 9,
          age: 9,
          hired: "2020-01-01T00:30:00+01:00",
          birthday: "2020-01-01T00:30:00+01:00",
        },
        ten: { loginCount: 10, age: 10, hired: "2020-01-01T00:00:00Z", birthday: "2020-01-01T00:00:00Z" },
        minus: {
          loginCount: -1,
          age: -1,
          hired: "2019-12-31T23:45:00-00:30",
          birthday: "2019-12-31T23:45:00-00:30",
        },
      });
      for (const attr of [a.loginCount, a.age])
        assert.deepEqual(await sorted(store, s, attr), ["minus", "nine", "ten"]);
      for (const attr of [a.hired, a.birthday])
        assert.deepEqual(await sorted(store, s, attr), ["nine", "ten", "minus"]);
    });

    h.test("id sorts by value", async (store) => {
      const s = await seed(store, five);
      const byId = [...s.ids.entries()].sort(([, x], [, y]) => (x < y ? -1 : 1)).map(([label]) => label);
      assert.deepEqual(await sorted(store, s, a.id), byId);
    });

    h.test("sorting by members or groups is 400 invalidValue", async (store) => {
      for (const attr of [a.memberValue, a.groupValue]) {
        await assert.rejects(store.query(groups, query(index(1, 10), attr)), {
          status: 400,
          scimType: "invalidValue",
        });
      }
    });
  });

  describe("index paging (RFC 7644 §3.4.2.4)", () => {
    h.test("returns count entries from the 1-based startIndex with the total", async (store) => {
      const s = await seed(store, five);
      const page = await store.query(users, query(index(2, 2)));
      assert.deepEqual(
        page.entries.map((e) => s.labels.get(e.id)),
        ["u2", "u3"],
      );
      assert.equal(page.total, 5);
      assert.equal(page.nextPosition, undefined);
      const tail = await store.query(users, query(index(5, 10)));
      assert.deepEqual(
        tail.entries.map((e) => s.labels.get(e.id)),
        ["u5"],
      );
    });

    h.test("a startIndex beyond the end or a count of 0 returns no entries but the total", async (store) => {
      await seed(store, five);
      for (const page of [index(6, 10), index(100, 1), index(1, 0)]) {
        const result = await store.query(users, query(page));
        assert.deepEqual(result.entries, []);
        assert.equal(result.total, 5);
      }
    });

    h.test("the total follows creates, deletes and disables, with and without a filter", async (store) => {
      const s = await seed(store, five);
      await store.delete(users, s.ids.get("u2") ?? "", "delete");
      await store.delete(users, s.ids.get("u3") ?? "", "disable");
      await store.create(users, { attributes: { userName: "u6" } });
      for (const page of [index(1, 1), index(10, 1), cursor(undefined, 1), index(1, 0)]) {
        assert.equal((await store.query(users, query(page))).total, 4, JSON.stringify(page));
        const filter = compareNode(a.userName, "sw", "u");
        assert.equal((await store.query(users, { ...query(page), filter })).total, 4, JSON.stringify(page));
      }
      assert.equal((await store.query(groups, query(index(1, 1)))).total, 0);
    });

    h.test("the total counts the filtered set, not the page", async (store) => {
      await seed(store, { ab: {}, ac: {}, b: {} });
      const filter = compareNode(a.userName, "sw", "a");
      const result = await store.query(users, { ...query(index(1, 1)), filter });
      assert.equal(result.entries.length, 1);
      assert.equal(result.total, 2);
    });
  });
}
