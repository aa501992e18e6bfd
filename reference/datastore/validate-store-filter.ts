// Checks a whole StoreFilter before any data is read, so that an invalid filter is rejected with 400
// `invalidFilter` (RFC 7644 §3.4.2.2, §3.12) by every datastore alike: even when the store is empty and
// even in a branch that short-circuit evaluation would never reach.
import { badRequest } from "../protocol/errors/scim-error.js";
import { visitFilter } from "../protocol/filter/filter-node.js";
import type { StoreAttribute, StoreFilter } from "./datastore.js";
import { attributeLabel } from "./entry-values.js";
import { assertNullOperator, engineAttributeName, operandKey } from "./filter-operand.js";

function checkAttribute(attr: StoreAttribute): void {
  if (attr.source === "engine") engineAttributeName(attr);
}

/** Inside `outer[...]`, attributes name `outer` again and carry their sub-attribute (datastore.ts). */
export function assertInside(outer: StoreAttribute, inner: StoreAttribute): void {
  if (inner.source !== outer.source || inner.name !== outer.name) {
    throw badRequest(
      "invalidFilter",
      `${attributeLabel(inner)} is not a sub-attribute of ${attributeLabel(outer)} in a value filter`,
    );
  }
}

export function assertOuter(attr: StoreAttribute): void {
  if (attr.subPath !== undefined) {
    throw badRequest(
      "invalidFilter",
      `a value filter needs a multi-valued or complex attribute, not ${attributeLabel(attr)}`,
    );
  }
}

function check(filter: StoreFilter, outer: StoreAttribute | undefined): void {
  visitFilter<StoreAttribute, void>(filter, {
    compare: (n) => {
      checkAttribute(n.attr);
      if (outer !== undefined) assertInside(outer, n.attr);
      if (n.value === null) assertNullOperator(n.attr, n.op);
      else operandKey(n.attr, n.op === "ne" ? "eq" : n.op, n.value);
    },
    present: (n) => {
      checkAttribute(n.attr);
      if (outer !== undefined) assertInside(outer, n.attr);
    },
    and: (n) => {
      check(n.left, outer);
      check(n.right, outer);
    },
    or: (n) => {
      check(n.left, outer);
      check(n.right, outer);
    },
    not: (n) => check(n.operand, outer),
    valuePath: (n) => {
      if (outer !== undefined) {
        throw badRequest("invalidFilter", `value filters cannot nest (${attributeLabel(n.attr)})`);
      }
      checkAttribute(n.attr);
      assertOuter(n.attr);
      check(n.filter, n.attr);
    },
  });
}

export function validateStoreFilter(filter: StoreFilter): void {
  check(filter, undefined);
}
