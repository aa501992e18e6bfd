// Mutants: Entra ID and Okta expectations, and a PingFederate users-only connection.
import type { Mutant } from "../mutant.js";

export const interopMutants: readonly Mutant[] = [
  {
    id: "strict-rfc-server",
    breaks: "implements RFC 7644 exactly and none of the Entra/Okta dialects (interop only)",
    quirks: ["strictRfc"],
    changes: {
      "interop.entra.patch-flattened-keys": "fail",
      "interop.entra.manager": "fail",
      "interop.entra.group-membership": "fail",
      "interop.okta.group-push": "fail",
      "interop.entra.add-filtered-path-creates-item": "fail",
      "interop.entra.null-or-empty-clears": "fail",
      "interop.entra.patch-capitalised-ops": "fail",
      "interop.entra.patch-string-booleans": "fail",
      "interop.entra.soft-delete": "fail",
    },
  },
  {
    id: "inactive-hidden",
    breaks: "inactive users disappear from GET and filters (Entra/Okta soft delete)",
    quirks: ["inactiveHidden"],
    changes: {
      "interop.entra.patch-string-booleans": "fail",
      "interop.entra.soft-delete": "fail",
      "interop.okta.deactivate-reactivate": "fail",
    },
  },
  {
    id: "groups-need-other-credentials",
    breaks: "the bearer token is refused on /Groups (Entra single token)",
    quirks: ["groupsNeedOtherAuth"],
    changes: {
      "interop.entra.group-membership": "skip",
      "interop.entra.group-queries": "skip",
      "interop.entra.bearer-token": "fail",
      "interop.okta.groups-response-time": "fail",
      "interop.okta.group-push": "skip",
    },
  },
  {
    id: "throttled",
    breaks: "more than 20 requests a second are answered 429 (Entra load)",
    quirks: ["throttled"],
    // A rate limit answers 429 to whatever else runs at the same time: only the load check runs.
    scope: ["interop.entra.throughput"],
    changes: {
      "interop.entra.throughput": "fail",
    },
  },
  {
    id: "slow-groups",
    breaks: "GET /Groups takes 700 ms (Okta timing)",
    quirks: ["slowGroups"],
    changes: {
      "interop.okta.groups-response-time": "fail",
    },
  },
  {
    id: "list-omits-name",
    breaks: "list entries omit name (Okta profile listing)",
    quirks: ["listOmitsName"],
    changes: {
      "interop.okta.first-user-profile": "fail",
    },
  },
  {
    id: "users-only",
    breaks: "a users-only connection: no Group resource type (PingFederate); group checks skip",
    quirks: ["usersOnly"],
    changes: {
      "discovery.schemas.group-schema": "skip",
      "representation.group.members": "skip",
      "representation.user.groups": "skip",
      "create.group.status-201": "skip",
      "create.group.location-header": "skip",
      "create.group.with-members": "skip",
      "read.group.get-by-id": "skip",
      "read.group.unknown-id-404": "skip",
      "put.values.group-members-replaced": "skip",
      "patch.members.add": "skip",
      "patch.members.remove-one": "skip",
      "patch.members.remove-all": "skip",
      "patch.members.replace": "skip",
      "patch.members.add-existing": "skip",
      "patch.members.remove-absent": "skip",
      "delete.group.status-204": "skip",
    },
  },
];
