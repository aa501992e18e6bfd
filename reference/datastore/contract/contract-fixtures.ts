// TEST SUPPORT for the datastore contract suite: the attributes, plans and scopes every datastore is tested
// with, and small helpers. The plans mirror what the direct mapping derives from the RFC 7643 schemas
// (userName unique and case-insensitive, externalId case-exact, emails multi-valued complex, an
// extension attribute named by its URN-qualified path), plus attributes of every SCIM type both indexed
// and not, so each comparison is exercised through index rows and through the stored document.
import type { AttributeType } from "../../protocol/schema/schema-definition.js";
import type {
  ConnectionPlan,
  Datastore,
  EntryQuery,
  ResourcePlan,
  Scope,
  StoreAttribute,
  StoreFilter,
} from "../datastore.js";

function attr(
  name: string,
  type: AttributeType,
  options: { sub?: string; caseExact?: boolean; multiValued?: boolean; engine?: boolean } = {},
): StoreAttribute {
  return Object.freeze({
    source: options.engine === true ? "engine" : "entry",
    name,
    subPath: options.sub,
    type,
    caseExact: options.caseExact ?? false,
    multiValued: options.multiValued ?? false,
  });
}

const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** Store attributes of the contract plans, named as a filter would name them. */
export const a = {
  userName: attr("userName", "string"),
  externalId: attr("externalId", "string", { caseExact: true }),
  displayName: attr("displayName", "string"),
  nickName: attr("nickName", "string", { caseExact: true }),
  title: attr("title", "string"),
  name: attr("name", "complex"),
  givenName: attr("name", "string", { sub: "givenName" }),
  emails: attr("emails", "complex", { multiValued: true }),
  emailValue: attr("emails", "string", { sub: "value", multiValued: true }),
  emailType: attr("emails", "string", { sub: "type", multiValued: true }),
  emailPrimary: attr("emails", "boolean", { sub: "primary", multiValued: true }),
  tags: attr("tags", "string", { multiValued: true }),
  age: attr("age", "integer"),
  loginCount: attr("loginCount", "integer"),
  score: attr("score", "decimal"),
  active: attr("active", "boolean"),
  birthday: attr("birthday", "dateTime"),
  hired: attr("hired", "dateTime"),
  employeeNumber: attr(`${enterprise}:employeeNumber`, "string", { caseExact: true }),
  id: attr("id", "string", { caseExact: true, engine: true }),
  created: attr("meta.created", "dateTime", { engine: true }),
  lastModified: attr("meta.lastModified", "dateTime", { engine: true }),
  members: attr("members", "complex", { multiValued: true, engine: true }),
  memberValue: attr("members", "string", { sub: "value", multiValued: true, engine: true }),
  memberType: attr("members", "string", { sub: "type", multiValued: true, engine: true }),
  memberDisplay: attr("members", "string", { sub: "display", multiValued: true, engine: true }),
  groups: attr("groups", "complex", { multiValued: true, engine: true }),
  groupValue: attr("groups", "string", { sub: "value", multiValued: true, engine: true }),
  groupType: attr("groups", "string", { sub: "type", multiValued: true, engine: true }),
  groupDisplay: attr("groups", "string", { sub: "display", multiValued: true, engine: true }),
} as const;

export const userPlan: ResourcePlan = Object.freeze({
  indexed: [
    a.userName,
    a.externalId,
    a.displayName,
    a.emailValue,
    a.employeeNumber,
    a.loginCount,
    a.hired,
    a.lastModified,
  ],
  unique: [a.userName],
  hasMembers: false,
  displayAttributes: ["displayName", "userName"],
});

export const groupPlan: ResourcePlan = Object.freeze({
  indexed: [a.displayName, a.externalId, a.memberValue, a.lastModified],
  // A case-exact unique attribute: "G-1" and "g-1" may coexist (RFC 7643 §2.2 with caseExact).
  unique: [a.externalId],
  hasMembers: true,
  displayAttributes: ["displayName"],
});

/** A connection with User and Group Support (PingFederate's two resource types), by id. */
export function contractConnection(connectionId: string): ConnectionPlan {
  return Object.freeze({ connectionId, resourceTypes: Object.freeze({ User: userPlan, Group: groupPlan }) });
}

export function scopeOf(connection: ConnectionPlan, resourceType: "User" | "Group"): Scope {
  return Object.freeze({ connection, resourceType });
}

export const c1 = contractConnection("connection-1");
export const c2 = contractConnection("connection-2");
export const users = scopeOf(c1, "User");
export const groups = scopeOf(c1, "Group");
export const otherUsers = scopeOf(c2, "User");
export const otherGroups = scopeOf(c2, "Group");

export function everything(filter?: StoreFilter, members = false): EntryQuery {
  return { filter, sort: undefined, page: { kind: "index", startIndex: 1, count: 1000 }, members };
}

/** Ids of every entry a filter selects, in the store's order. */
export async function idsOf(store: Datastore, scope: Scope, filter?: StoreFilter): Promise<string[]> {
  return (await store.query(scope, everything(filter))).entries.map((e) => e.id);
}

/** Waits until every queued microtask and timer of the current turn has run. */
export function tick(ms = 5): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
