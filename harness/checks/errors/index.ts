// Checks of the "errors" area (harness/checks/README.md): RFC 7644 §3.12.
import type { Check } from "../check-context.js";
import {
  httpStatusUsed,
  jsonErrorBody,
  scimTypeRegistered,
  statusString,
  unknownEndpoint,
  unsupported501,
} from "./errors.check.js";

export const checks: readonly Check[] = [
  jsonErrorBody,
  statusString,
  scimTypeRegistered,
  httpStatusUsed,
  unknownEndpoint,
  unsupported501,
];
