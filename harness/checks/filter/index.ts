// Checks of the "filter" area (harness/checks/README.md): RFC 7644 §3.4.2.2 on four Users each check
// creates for itself.
import type { Check } from "../check-context.js";
import {
  filterImplicitValue,
  filterLogic,
  filterMultiValuedAny,
  filterPaths,
  filterPrecedence,
  filterValuePathSameValue,
  filterValuePathSupported,
} from "./logic.check.js";
import {
  filterCaseExactFalse,
  filterCaseExactFalseBeyondAscii,
  filterCaseExactTrue,
  filterEq,
  filterNamesCaseInsensitive,
  filterOrdering,
  filterOrderingBoolean,
  filterPresent,
  filterStringOperators,
} from "./operators.check.js";
import {
  filterComparisonValues,
  filterDefaulted,
  filterInvalidSyntax,
  filterSchemas,
  filterUnknownAttribute,
  filterUnknownOperator,
} from "./values.check.js";

export const checks: readonly Check[] = [
  filterEq,
  filterNamesCaseInsensitive,
  filterCaseExactFalse,
  filterCaseExactFalseBeyondAscii,
  filterCaseExactTrue,
  filterStringOperators,
  filterPresent,
  filterOrdering,
  filterOrderingBoolean,
  filterLogic,
  filterPrecedence,
  filterPaths,
  filterMultiValuedAny,
  filterImplicitValue,
  filterValuePathSupported,
  filterValuePathSameValue,
  filterComparisonValues,
  filterUnknownOperator,
  filterInvalidSyntax,
  filterUnknownAttribute,
  filterDefaulted,
  filterSchemas,
];
