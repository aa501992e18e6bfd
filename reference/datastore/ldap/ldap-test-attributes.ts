// TEST SUPPORT: StoreAttributes named after directory attribute types (and one that is not), as a mapping
// to inetOrgPerson and scim.schema would produce them, for the compiler's tests.

import { compareNode } from "../../protocol/filter/filter-builders.js";
import type { FilterValue } from "../../protocol/filter/filter-node.js";
import type { AttributeType } from "../../protocol/schema/schema-definition.js";
import type { StoreAttribute } from "../datastore.js";

export function attr(
  name: string,
  type: AttributeType,
  o: { sub?: string; caseExact?: boolean; multi?: boolean; engine?: boolean } = {},
): StoreAttribute {
  return {
    source: o.engine ? "engine" : "entry",
    name,
    subPath: o.sub,
    type,
    caseExact: o.caseExact ?? false,
    multiValued: o.multi ?? false,
  };
}

export const s = {
  uid: attr("uid", "string"),
  userName: attr("userName", "string"),
  displayName: attr("displayName", "string"),
  description: attr("description", "string", { multi: true }),
  externalId: attr("scimExternalId", "string", { caseExact: true }),
  externalIdFolded: attr("scimExternalId", "string"),
  titleExact: attr("title", "string", { caseExact: true }),
  mail: attr("mail", "string", { multi: true }),
  active: attr("scimActive", "boolean"),
  emails: attr("scimEmails", "complex", { multi: true }),
  emailValue: attr("scimEmails", "string", { sub: "value", multi: true }),
  emailType: attr("scimEmails", "string", { sub: "type", multi: true }),
  phone: attr("telephoneNumber", "string", { multi: true }),
  id: attr("id", "string", { engine: true, caseExact: true }),
  created: attr("meta.created", "dateTime", { engine: true }),
  lastModified: attr("meta.lastModified", "dateTime", { engine: true }),
  members: attr("members", "string", { engine: true, sub: "value", multi: true }),
};
export const eq = (a: StoreAttribute, v: FilterValue) => compareNode(a, "eq", v);
