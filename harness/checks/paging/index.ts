// Checks of the "paging" area (harness/checks/README.md): index-based paging, RFC 7644 §3.4.2.4.
import type { Check } from "../check-context.js";
import {
  countUpperBound,
  countZero,
  itemsPerPage,
  pagingTotalResults,
  pagingWalk,
  partialPageAttributes,
  startIndexBelowOne,
  startIndexOneBased,
} from "./index-paging.check.js";

export const checks: readonly Check[] = [
  countUpperBound,
  startIndexOneBased,
  partialPageAttributes,
  itemsPerPage,
  startIndexBelowOne,
  countZero,
  pagingTotalResults,
  pagingWalk,
];
