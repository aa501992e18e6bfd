// Checks of the "auth" area (harness/checks/README.md).
import type { Check } from "../check-context.js";
import {
  malformedAuthorization,
  missingCredentials,
  spcPublic,
  unauthorizedErrorBody,
  unknownToken,
  wwwAuthenticate,
} from "./unauthenticated.check.js";

export const checks: readonly Check[] = [
  missingCredentials,
  unknownToken,
  malformedAuthorization,
  wwwAuthenticate,
  unauthorizedErrorBody,
  spcPublic,
];
