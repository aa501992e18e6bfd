// Checks of the "put" area (harness/checks/README.md): RFC 7644 §3.5.1.
import type { Check } from "../check-context.js";
import { put200, putNullClears, putReplaces, putReplacesMembers, putSupported } from "./put.check.js";
import {
  putEchoOfGet,
  putImmutableFirst,
  putImmutableMismatch,
  putMissingRequired,
  putNoCreate,
  putReadOnlyIgnored,
} from "./put-rules.check.js";

export const checks: readonly Check[] = [
  putSupported,
  put200,
  putReplaces,
  putReplacesMembers,
  putNullClears,
  putReadOnlyIgnored,
  putEchoOfGet,
  putImmutableMismatch,
  putImmutableFirst,
  putNoCreate,
  putMissingRequired,
];
