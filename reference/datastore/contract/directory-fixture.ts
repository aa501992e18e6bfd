// TEST SUPPORT: a small directory that the filter and sort contracts query. Each value is chosen to tell
// two readings apart: case (caseExact or not), time zones (one instant spelled two ways), numbers that
// sort differently as text (9 < 10), a primary email that is not the first, empty strings, non-ASCII
// letters, nested groups with a cycle.
import type { Datastore, EntryAttributes } from "../datastore.js";
import { a, groups, users } from "./contract-fixtures.js";

const employeeNumber = a.employeeNumber.name;

export const directoryUsers: Readonly<Record<string, EntryAttributes>> = {
  babs: {
    userName: "BJensen",
    externalId: "ext-A",
    displayName: "Babs Jensen",
    nickName: "Babs",
    title: "Tour Guide",
    emails: [
      { value: "bjensen@example.com", type: "work", primary: true },
      { value: "babs@jensen.org", type: "home" },
    ],
    name: { givenName: "Barbara", familyName: "Jensen" },
    age: 42,
    score: 3.5,
    active: true,
    birthday: "1980-01-02T10:00:00+02:00",
    hired: "2020-05-01T00:00:00Z",
    loginCount: 10,
    tags: ["a", "b"],
    [employeeNumber]: "E-100",
  },
  john: {
    userName: "jsmith",
    externalId: "ext-a",
    displayName: "John Smith",
    nickName: "babs",
    title: "",
    emails: [{ value: "JSmith@Example.com", type: "home" }],
    name: { givenName: "John" },
    age: 9,
    score: 10,
    active: false,
    birthday: "1980-01-02T08:00:00Z",
    hired: "2021-01-01T00:00:00.5Z",
    loginCount: 9,
    tags: ["b"],
    [employeeNumber]: "E-200",
  },
  omega: {
    userName: "Ωmega",
    displayName: "Ωmega Σigma",
    title: "Engineer",
    emails: [
      { value: "o@x.org", type: "work" },
      { value: "p@x.org", type: "work", primary: true },
    ],
    age: 100,
    score: -1.25,
    active: true,
    hired: "2019-12-31T23:59:59.999-01:00",
    loginCount: 100,
    tags: [],
  },
  zed: { userName: "zed" },
  elodie: {
    userName: "élodie",
    displayName: "élodie",
    nickName: "Élodie",
    title: "tour guide",
    emails: [{ value: "e@example.com" }],
    age: 42,
    active: false,
    [employeeNumber]: "e-100",
  },
};

export interface Directory {
  /** label → id, for users and groups alike. */
  readonly ids: ReadonlyMap<string, string>;
  /** id → label. */
  readonly labels: ReadonlyMap<string, string>;
}

/**
 * Users as above; groups admins ⊇ {babs, staff}, staff ⊇ {john, omega}, empty, and loop ⇄ loop2 (a cycle)
 * with zed inside loop2. So babs is directly in admins; john and omega are in staff and, through it, in
 * admins; zed is in loop2 and loop.
 */
export async function seedDirectory(store: Datastore): Promise<Directory> {
  const ids = new Map<string, string>();
  for (const [label, attributes] of Object.entries(directoryUsers)) {
    ids.set(label, (await store.create(users, { attributes })).id);
  }
  const id = (label: string) => ids.get(label) ?? "";
  const group = async (label: string, displayName: string, members: { value: string; type: string }[]) => {
    ids.set(
      label,
      (await store.create(groups, { attributes: { displayName, externalId: label }, members })).id,
    );
  };
  await group("staff", "Staff", [
    { value: id("john"), type: "User" },
    { value: id("omega"), type: "User" },
  ]);
  await group("admins", "Admins", [
    { value: id("babs"), type: "User" },
    { value: id("staff"), type: "Group" },
  ]);
  await group("empty", "Empty", []);
  await group("loop", "Loop", []);
  await group("loop2", "Loop Two", [
    { value: id("loop"), type: "Group" },
    { value: id("zed"), type: "User" },
  ]);
  await store.update(groups, id("loop"), {
    members: { add: [{ value: id("loop2"), type: "Group" }], remove: [] },
  });
  return { ids, labels: new Map([...ids].map(([label, value]) => [value, label])) };
}
