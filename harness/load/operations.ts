// The operations a load run sends, each as the client it imitates sends it. Entra ID's forms follow
// Microsoft's "Develop and plan provisioning for a SCIM endpoint" (capitalised "Replace"/"Add"/"Remove",
// remove-by-value for members, booleans as the aadOptscim062020 flag sends them); Okta's follow its SCIM
// 2.0 guide (PUT for profile updates, `replace` without a path for `active`, group push as a PATCH that
// removes with a filter path and adds). Every request touches only resources this run created.
import type { ResourceLedger } from "../client/resource-ledger.js";
import type { LoadRequest, LoadResponse } from "./load-client.js";
import type { LoadState, UserRef } from "./load-state.js";

export const operationNames = [
  "get",
  "filter",
  "list",
  "create",
  "replace",
  "patch",
  "deactivate",
  "patch-active",
  "member-add",
  "member-remove",
  "group-push",
  "group-get",
] as const;
export type OperationName = (typeof operationNames)[number];

export interface OperationRun {
  readonly state: LoadState;
  readonly ledger: ResourceLedger;
  readonly random: () => number;
}

export interface PlannedRequest extends LoadRequest {
  /** Statuses that count as success. */
  readonly expect: readonly number[];
  /** A problem with a successful response (e.g. a filter that found nothing), or undefined. */
  readonly check?: (response: LoadResponse, run: OperationRun) => string | undefined;
}

export interface Operation {
  readonly name: OperationName;
  readonly summary: string;
  /** Undefined when the run has nothing left to do it on (no non-member to add). */
  plan(run: OperationRun): PlannedRequest | undefined;
}

const userSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
const patchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const listSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const patched = [200, 204] as const;

/** A User body as Entra ID and Okta send it on create (example.org: RFC 2606 §3). */
export function userBody(userName: string, index: number): object {
  return {
    schemas: [userSchema],
    userName,
    externalId: `${userName}-ext`,
    active: true,
    displayName: `Load User ${index}`,
    name: { givenName: "Load", familyName: `User${index}` },
    emails: [{ value: `${userName}@example.org`, type: "work", primary: true }],
  };
}

const userPath = (user: UserRef): string => `/Users/${encodeURIComponent(user.id)}`;
const groupPath = (id: string): string => `/Groups/${encodeURIComponent(id)}`;
const filterPath = (filter: string, extra = ""): string =>
  `/Users?filter=${encodeURIComponent(filter)}${extra}`;
const patchOps = (...operations: object[]): object => ({ schemas: [patchSchema], Operations: operations });

function totalResults(response: LoadResponse): unknown {
  const body = response.json();
  return typeof body === "object" && body !== null
    ? (body as Record<string, unknown>).totalResults
    : undefined;
}

function withUser(run: OperationRun, build: (user: UserRef) => PlannedRequest): PlannedRequest | undefined {
  const user = run.state.pickUser(run.random);
  return user === undefined ? undefined : build(user);
}

function withGroup(
  run: OperationRun,
  build: (group: string) => PlannedRequest | undefined,
): PlannedRequest | undefined {
  const group = run.state.groupId;
  return group === undefined ? undefined : build(group);
}

const catalogue: readonly Operation[] = [
  {
    name: "get",
    summary: "GET /Users/{id}",
    plan: (run) => withUser(run, (user) => ({ method: "GET", path: userPath(user), expect: [200] })),
  },
  {
    name: "filter",
    summary: 'GET /Users?filter=userName eq "…" (the lookup Entra ID and Okta make before every create)',
    plan: (run) =>
      withUser(run, (user) => ({
        method: "GET",
        path: filterPath(`userName eq "${user.userName}"`),
        expect: [200],
        check: (response) =>
          totalResults(response) === 1
            ? undefined
            : `expected 1 result, got ${String(totalResults(response))}`,
      })),
  },
  {
    name: "list",
    summary: 'GET /Users?filter=userName sw "<run prefix>"&count=50 (a page of this run\'s users)',
    plan: (run) => ({
      method: "GET",
      path: filterPath(`userName sw "${run.state.prefix}"`, "&startIndex=1&count=50"),
      expect: [200],
      check: (response) => {
        const body = response.json() as { schemas?: unknown } | undefined;
        return Array.isArray(body?.schemas) && body.schemas.includes(listSchema)
          ? undefined
          : "not a ListResponse";
      },
    }),
  },
  {
    name: "create",
    summary: "POST /Users",
    plan: (run) => {
      const userName = run.state.nextName("user");
      return {
        method: "POST",
        path: "/Users",
        body: userBody(userName, run.state.users.length),
        expect: [201],
        check: (response, { state, ledger }) => {
          const id = (response.json() as { id?: unknown } | undefined)?.id;
          if (typeof id !== "string") return "the created User has no id";
          ledger.register("Users", id, "load");
          state.addUser({ id, userName }, false);
          return undefined;
        },
      };
    },
  },
  {
    name: "replace",
    summary: "PUT /Users/{id} with the whole User (Okta profile update)",
    plan: (run) =>
      withUser(run, (user) => ({
        method: "PUT",
        path: userPath(user),
        body: { ...userBody(user.userName, Math.floor(run.random() * 1e6)), id: user.id },
        expect: [200],
      })),
  },
  {
    name: "patch",
    summary: "PATCH /Users/{id}: Replace displayName and name.familyName (Entra ID attribute update)",
    plan: (run) =>
      withUser(run, (user) => {
        const n = Math.floor(run.random() * 1e6);
        return {
          method: "PATCH",
          path: userPath(user),
          body: patchOps(
            { op: "Replace", path: "displayName", value: `Load User ${n}` },
            { op: "Replace", path: "name.familyName", value: `User${n}` },
          ),
          expect: patched,
        };
      }),
  },
  {
    name: "deactivate",
    summary: "PATCH /Users/{id}: Replace active false (Entra ID deactivation)",
    plan: (run) =>
      withUser(run, (user) => ({
        method: "PATCH",
        path: userPath(user),
        body: patchOps({ op: "Replace", path: "active", value: false }),
        expect: patched,
      })),
  },
  {
    name: "patch-active",
    summary: 'PATCH /Users/{id}: replace {"active": false} without a path (Okta deactivation)',
    plan: (run) =>
      withUser(run, (user) => ({
        method: "PATCH",
        path: userPath(user),
        body: patchOps({ op: "replace", value: { active: false } }),
        expect: patched,
      })),
  },
  {
    name: "member-add",
    summary: "PATCH /Groups/{id}: Add one member (Entra ID group membership sync)",
    plan: (run) =>
      withGroup(run, (group) => {
        const member = run.state.takeNonMember(run.random);
        return member === undefined
          ? undefined
          : {
              method: "PATCH",
              path: groupPath(group),
              body: patchOps({ op: "Add", path: "members", value: [{ value: member }] }),
              expect: patched,
            };
      }),
  },
  {
    name: "member-remove",
    summary: "PATCH /Groups/{id}: Remove one member by value (Entra ID's form)",
    plan: (run) =>
      withGroup(run, (group) => {
        const member = run.state.takeMember(run.random);
        return member === undefined
          ? undefined
          : {
              method: "PATCH",
              path: groupPath(group),
              body: patchOps({ op: "Remove", path: "members", value: [{ value: member }] }),
              expect: patched,
            };
      }),
  },
  {
    name: "group-push",
    summary: 'PATCH /Groups/{id}: remove members[value eq "…"] and add one (Okta group push)',
    plan: (run) =>
      withGroup(run, (group) => {
        const leaving = run.state.takeMember(run.random);
        const joining = run.state.takeNonMember(run.random);
        const operations = [
          ...(leaving === undefined ? [] : [{ op: "remove", path: `members[value eq "${leaving}"]` }]),
          ...(joining === undefined ? [] : [{ op: "add", path: "members", value: [{ value: joining }] }]),
        ];
        return operations.length === 0
          ? undefined
          : { method: "PATCH", path: groupPath(group), body: patchOps(...operations), expect: patched };
      }),
  },
  {
    name: "group-get",
    summary: "GET /Groups/{id}?excludedAttributes=members",
    plan: (run) =>
      withGroup(run, (group) => ({
        method: "GET",
        path: `${groupPath(group)}?excludedAttributes=members`,
        expect: [200],
      })),
  },
];

export function operation(name: OperationName): Operation {
  const found = catalogue.find((o) => o.name === name);
  if (found === undefined) throw new Error(`no operation ${name}`);
  return found;
}

/** Whether the operation needs the run's group. */
export const groupOperations: ReadonlySet<OperationName> = new Set([
  "member-add",
  "member-remove",
  "group-push",
  "group-get",
]);
