// Checks of the "bulk" area (harness/checks/README.md): RFC 7644 §3.7.
import type { Check } from "../check-context.js";
import {
  continueOnError,
  errorResults,
  failOnErrors,
  limits413,
  malformedBulk,
  versionPrecondition,
} from "./bulk-errors.check.js";
import {
  bulkIdEchoed,
  bulkIdReferences,
  bulkResponse,
  bulkResults,
  circularReferences,
  intentPreserved,
} from "./bulk-response.check.js";

export const checks: readonly Check[] = [
  bulkResponse,
  bulkResults,
  bulkIdEchoed,
  bulkIdReferences,
  intentPreserved,
  circularReferences,
  continueOnError,
  failOnErrors,
  errorResults,
  limits413,
  malformedBulk,
  versionPrecondition,
];
