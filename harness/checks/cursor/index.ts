// Checks of the "cursor" area (harness/checks/README.md): RFC 9865 cursor-based pagination.
import type { Check } from "../check-context.js";
import {
  cursorCountBound,
  cursorCountZero,
  expiredCursor,
  invalidCount,
  invalidCursor,
  maxPageSize,
} from "./cursor-limits.check.js";
import {
  cursorCharacters,
  cursorSorted,
  cursorTotal,
  cursorWalk,
  firstPage,
  nextUntilLast,
  noNextOnLast,
  noPreviousOnFirst,
  previousCursor,
} from "./cursor-walk.check.js";
import { defaultMethod, explicitMethod, searchBody } from "./method.check.js";
import { paginationAdvertised, paginationAttributes } from "./spc.check.js";

export const checks: readonly Check[] = [
  paginationAttributes,
  paginationAdvertised,
  firstPage,
  nextUntilLast,
  noNextOnLast,
  noPreviousOnFirst,
  previousCursor,
  cursorCountBound,
  cursorCountZero,
  maxPageSize,
  cursorCharacters,
  cursorWalk,
  cursorTotal,
  invalidCursor,
  expiredCursor,
  invalidCount,
  cursorSorted,
  defaultMethod,
  explicitMethod,
  searchBody,
];
