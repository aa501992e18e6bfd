// Mutants: Replace and delete (RFC 7644 §3.5.1, §3.6).
import type { Mutant } from "../mutant.js";

export const putDeleteMutants: readonly Mutant[] = [
  {
    id: "put-unsupported",
    breaks: "PUT answers 405 (RFC 7644 §3.5.1)",
    quirks: ["putUnsupported"],
    changes: {
      "put.supported.users-and-groups": "fail",
      "put.response.status-200": "warn",
      "put.values.replaced": "skip",
      "put.values.group-members-replaced": "skip",
      "put.values.null-clears": "skip",
      "put.read-only.ignored": "fail",
      "put.echo-of-get.no-change": "fail",
      "put.immutable.mismatch-400": "warn",
      "put.immutable.first-value": "fail",
      "put.unknown-id.no-create": "fail",
      "put.required.missing-400": "warn",
    },
  },
  {
    id: "put-204",
    breaks: "PUT answers 204 without the resource (RFC 7644 §3.5.1)",
    quirks: ["put204"],
    changes: {
      "put.response.status-200": "warn",
    },
  },
  {
    id: "put-merges-multi-valued",
    breaks: "PUT merges multi-valued attributes (RFC 7644 §3.5.1)",
    quirks: ["putMergesMultiValued"],
    changes: {
      "put.property.round-trip": "fail",
      "put.values.replaced": "fail",
      "put.values.group-members-replaced": "fail",
      "put.echo-of-get.no-change": "fail",
    },
  },
  {
    id: "put-merges",
    breaks: "PUT keeps attributes the body leaves out or nulls (RFC 7644 §3.5.1)",
    quirks: ["putMerges"],
    changes: {
      "put.values.null-clears": "fail",
    },
  },
  {
    id: "put-applies-groups",
    breaks: "PUT applies User.groups (RFC 7644 §3.5.1 readOnly)",
    quirks: ["putAppliesGroups"],
    changes: {
      "put.read-only.ignored": "fail",
    },
  },
  {
    id: "put-rejects-read-only",
    breaks: "PUT with id or meta is refused (RFC 7644 §3.5.1)",
    quirks: ["putRejectsReadOnly"],
    changes: {
      "put.read-only.ignored": "fail",
      "put.echo-of-get.no-change": "fail",
      "interop.okta.put-update": "fail",
    },
  },
  {
    id: "immutable-never-set",
    breaks: "an unset immutable attribute can never be set (RFC 7643 §2.2)",
    quirks: ["immutableNeverSet"],
    changes: {
      "put.immutable.first-value": "fail",
      "patch.immutable.add-when-unset": "fail",
    },
  },
  {
    id: "put-creates",
    breaks: "PUT to an unknown id creates it (RFC 7644 §3.5.1)",
    quirks: ["putCreates"],
    changes: {
      "put.unknown-id.no-create": "fail",
    },
  },
  {
    id: "delete-200",
    breaks: "DELETE answers 200 (RFC 7644 §3.6)",
    quirks: ["delete200"],
    changes: {
      "delete.user.status-204": "fail",
      "delete.group.status-204": "fail",
      "delete.pingfederate.disable-on-delete-sequence": "fail",
    },
  },
  {
    id: "soft-delete-visible",
    breaks: "DELETE only disables, the resource stays readable (RFC 7644 §3.6)",
    quirks: ["softDeleteVisible"],
    changes: {
      "delete.after.gone-for-every-operation": "fail",
      "delete.after.absent-from-queries": "fail",
      "delete.after.user-name-reusable": "warn",
      "delete.pingfederate.disable-on-delete-sequence": "fail",
    },
  },
  {
    id: "deleted-still-listed",
    breaks: "deleted resources stay in query results (RFC 7644 §3.6)",
    quirks: ["deletedStillListed"],
    changes: {
      "delete.after.absent-from-queries": "fail",
      "delete.pingfederate.disable-on-delete-sequence": "fail",
    },
  },
  {
    id: "user-name-reserved-after-delete",
    breaks: "a deleted User's userName stays taken (RFC 7644 §3.6)",
    quirks: ["userNameReservedAfterDelete"],
    changes: {
      "delete.after.user-name-reusable": "warn",
      "delete.pingfederate.disable-on-delete-sequence": "warn",
    },
  },
  {
    id: "delete-unknown-204",
    breaks: "DELETE of an unknown id answers 204 (RFC 7644 §3.6)",
    quirks: ["deleteUnknown204"],
    changes: {
      "delete.after.gone-for-every-operation": "fail",
      "delete.unknown-id.404": "warn",
      "delete.pingfederate.disable-on-delete-sequence": "fail",
    },
  },
];
