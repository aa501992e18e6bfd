// Checks of the "create" area (harness/checks/README.md); fixture cases live in fixtures/cases/create/.
import type { Check } from "../check-context.js";
import {
  failedCreateLeavesNothing,
  malformedBody,
  missingRequired400,
  missingRequiredRejected,
} from "./create-errors.check.js";
import { createGroup201, createGroupLocation, createGroupWithMembers } from "./create-group.check.js";
import {
  createUser201,
  createUserBody,
  createUserReadOnlyIgnored,
  createUserRoundTrip,
  duplicateUserName,
  duplicateUserNameCase,
  unknownAttributes,
} from "./create-user.check.js";

export const checks: readonly Check[] = [
  createUser201,
  createUserBody,
  createUserReadOnlyIgnored,
  createUserRoundTrip,
  duplicateUserName,
  duplicateUserNameCase,
  unknownAttributes,
  missingRequiredRejected,
  missingRequired400,
  malformedBody,
  failedCreateLeavesNothing,
  createGroup201,
  createGroupLocation,
  createGroupWithMembers,
];
