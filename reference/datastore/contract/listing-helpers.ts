// TEST SUPPORT for the listing contracts: seeding users by label, building queries, walking cursors.
import type {
  CursorPage,
  Datastore,
  EntryAttributes,
  EntryQuery,
  IndexPage,
  StoreAttribute,
} from "../datastore.js";
import { users } from "./contract-fixtures.js";

export interface Seeded {
  readonly ids: Map<string, string>;
  readonly labels: Map<string, string>;
}

export async function seed(
  store: Datastore,
  entries: Readonly<Record<string, EntryAttributes>>,
): Promise<Seeded> {
  const ids = new Map<string, string>();
  for (const [label, attributes] of Object.entries(entries)) {
    ids.set(label, (await store.create(users, { attributes: { userName: label, ...attributes } })).id);
  }
  return { ids, labels: new Map([...ids].map(([k, v]) => [v, k])) };
}

export function query(page: IndexPage | CursorPage, sort?: StoreAttribute, descending = false): EntryQuery {
  return {
    filter: undefined,
    sort: sort === undefined ? undefined : { attribute: sort, descending },
    page,
    members: false,
  };
}

export const index = (startIndex: number, count: number): IndexPage => ({ kind: "index", startIndex, count });
export const cursor = (
  position: string | undefined,
  count: number,
  direction: "next" | "previous" = "next",
): CursorPage => ({
  kind: "cursor",
  position,
  direction,
  count,
});

export async function sorted(
  store: Datastore,
  s: Seeded,
  attr: StoreAttribute,
  descending = false,
): Promise<string[]> {
  const result = await store.query(users, query(index(1, 100), attr, descending));
  return result.entries.map((e) => s.labels.get(e.id) ?? e.id);
}

/** Walks every page forward from the start and returns the labels in walk order. */
export async function walk(
  store: Datastore,
  s: Seeded,
  count: number,
  sort?: StoreAttribute,
  descending = false,
) {
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

export const five = { u1: {}, u2: {}, u3: {}, u4: {}, u5: {} };
