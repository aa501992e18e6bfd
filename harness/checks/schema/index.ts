// Checks of the "schema" area (harness/checks/README.md): attribute characteristics as they show on
// the wire (RFC 7643 §2, §7).
import type { Check } from "../check-context.js";
import {
  binaryBase64,
  booleanAndInteger,
  dateTimeFormat,
  multiValuedArrays,
  referenceUris,
} from "./encoding.check.js";
import { canonicalValues, noDuplicateValues, primaryAtMostOnce } from "./multi-valued.check.js";
import { mutabilityEnforced, neverReturned, nullUnassigned, returnedRequest } from "./mutability.check.js";
import { memberOrder, nameSyntax, namesCaseInsensitive } from "./names.check.js";
import { noNestedComplex, referencesResolve } from "./references.check.js";
import {
  caseExactPreserved,
  changePassword,
  typeMismatch,
  uniquenessServer,
  userNameUniqueOnUpdate,
} from "./uniqueness.check.js";

export const checks: readonly Check[] = [
  namesCaseInsensitive,
  nameSyntax,
  memberOrder,
  booleanAndInteger,
  dateTimeFormat,
  binaryBase64,
  referenceUris,
  multiValuedArrays,
  primaryAtMostOnce,
  noDuplicateValues,
  canonicalValues,
  nullUnassigned,
  mutabilityEnforced,
  neverReturned,
  returnedRequest,
  caseExactPreserved,
  userNameUniqueOnUpdate,
  uniquenessServer,
  typeMismatch,
  changePassword,
  referencesResolve,
  noNestedComplex,
];
