// Checks of the "list" area (harness/checks/README.md).
import type { Check } from "../check-context.js";
import {
  filterMaxResults,
  listResponseUrn,
  noMatch200,
  resourcesWhenNonZero,
  tooMany,
  totalResults,
  unknownParameters,
} from "./list-response.check.js";
import {
  rootQuery,
  rootUndefinedAttribute,
  searchListResponse,
  searchParameters,
  searchRequestSchema,
} from "./search.check.js";

export const checks: readonly Check[] = [
  listResponseUrn,
  totalResults,
  resourcesWhenNonZero,
  noMatch200,
  unknownParameters,
  tooMany,
  filterMaxResults,
  searchListResponse,
  searchParameters,
  searchRequestSchema,
  rootQuery,
  rootUndefinedAttribute,
];
