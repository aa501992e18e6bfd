// Checks of the "sort" area (harness/checks/README.md).
import type { Check } from "../check-context.js";
import {
  sortAscending,
  sortCaseExact,
  sortCaseInsensitive,
  sortDescending,
  sortMissing,
  sortMultiValued,
  sortSubAttribute,
} from "./sort.check.js";

export const checks: readonly Check[] = [
  sortAscending,
  sortDescending,
  sortCaseInsensitive,
  sortCaseExact,
  sortMissing,
  sortMultiValued,
  sortSubAttribute,
];
