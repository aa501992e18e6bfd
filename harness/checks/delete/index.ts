// Checks of the "delete" area (harness/checks/README.md); the PingFederate delete sequence is also a
// fixture case (fixtures/cases/delete/).
import type { Check } from "../check-context.js";
import {
  deleteGroup204,
  deleteUnknown,
  deleteUser204,
  goneForAll,
  omittedFromQueries,
  recreateAllowed,
} from "./delete.check.js";

export const checks: readonly Check[] = [
  deleteUser204,
  deleteGroup204,
  goneForAll,
  omittedFromQueries,
  recreateAllowed,
  deleteUnknown,
];
