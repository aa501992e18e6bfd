// Checks of the "bulk" area (harness/checks/README.md): RFC 7644 §3.7.
import type { Check } from "../check-context.js";
import {
  bulkIdEchoed,
  bulkIdReferences,
  bulkResponse,
  bulkResults,
  circularReferences,
  continueOnError,
  errorResults,
  failOnErrors,
  intentPreserved,
  limits413,
  malformedBulk,
  versionPrecondition,
} from "./bulk.check.js";

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
