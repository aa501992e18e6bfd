// Checks of the "interop" area (harness/checks/README.md): what the Entra ID and Okta provisioning
// clients really send, run only under --profile entra / okta. Request sequences that need no logic are
// fixture cases in fixtures/cases/interop/.
import type { Check } from "../check-context.js";
import {
  bearerToken,
  flattenedKeys,
  groupMembership,
  groupQueries,
  manager,
  throughput,
} from "./entra.check.js";
import { groupPush, groupsResponseTime } from "./okta.check.js";

export const checks: readonly Check[] = [
  flattenedKeys,
  manager,
  groupMembership,
  groupQueries,
  bearerToken,
  throughput,
  groupsResponseTime,
  groupPush,
];
