// Contract: sorting (RFC 7644 §3.4.2.3), index paging (§3.4.2.4) and cursor paging (RFC 9865), including
// cursor walks that stay exact while other requests insert and delete.
import assert from "node:assert/strict";
import { describe } from "node:test";
import { compareNode } from "../../protocol/filter/filter-builders.js";
import type {
  CursorPage,
  Datastore,
  EntryAttributes,
  EntryQuery,
  IndexPage,
  StoreAttribute,
} from "../datastore.js";
import { a, groups, users } from "./contract-fixtures.js";
import type { ContractHarness } from "./contract-harness.js";

interface Seeded {
  readonly ids: Map<string, string>;
  readonly labels: Map<string, string>;
}

async function seed(store: Datastore, entries: Readonly<Record<string, EntryAttributes>>): Promise<Seeded> {
  const ids = new Map<string, string>();
  for (const [label, attributes] of Object.entries(entries)) {
    ids.set(label, (await store.create(users, { attributes: { userName: label, ...attributes } })).id);
  }
  return { ids, labels: new Map([...ids].map(([k, v]) => [v, k])) };
}

function query(page: IndexPage | CursorPage, sort?: StoreAttribute, descending = false): EntryQuery {
  return {
    filter: undefined,
    sort: sort === undefined ? undefined : { attribute: sort, descending },
    page,
    members: false,
  };
}

const index = (startIndex: number, count: number): IndexPage => ({ kind: "index", startIndex, count });
const cursor = (
  position: string | undefined,
  count: number,
  direction: "next" | "previous" = "next",
): CursorPage => ({
  kind: "cursor",
  position,
  direction,
  count,
});

async function sorted(
  store: Datastore,
  s: Seeded,
  attr: StoreAttribute,
  descending = false,
): Promise<string[]> {
  const result = await store.query(users, query(index(1, 100), attr, descending));
  return result.entries.map((e) => s.labels.get(e.id) ?? e.id);
}

/** Walks every page forward from the start and returns the labels in walk order. */
async function walk(store: Datastore, s: Seeded, count: number, sort?: StoreAttribute, descending = false) {
  const seen: string[] = [];
  let position: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const result = await store.query(users, query(cursor(position, count), sort, descending));
    seen.push(...result.entries.map((e) => s.labels.get(e.id) ?? e.id));
    if (result.nextPosition === undefined) return seen;
    position = result.nextPosition;
  }
  throw new Error("the walk did not end");
}

const five = { u1: {}, u2: {}, u3: {}, u4: {}, u5: {} };

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
