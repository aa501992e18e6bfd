// Checks of the "patch" area (harness/checks/README.md): RFC 7644 §3.5.2.
import type { Check } from "../check-context.js";
import {
  addExistingTimestamp,
  addWithoutPath,
  addWithPath,
  removeAbsentValue,
  removeAttribute,
  removeRequired,
  removeRequiresPath,
  removeValuePath,
} from "./add-remove.check.js";
import {
  membersAdd,
  membersAddExisting,
  membersRemoveAbsent,
  membersRemoveAll,
  membersRemoveOne,
  membersReplace,
} from "./members.check.js";
import {
  extensionAddsSchema,
  immutableAddWhenUnset,
  invalidPath,
  mutabilityError,
  pathNotation,
  primaryExclusive,
} from "./paths.check.js";
import {
  replaceComplex,
  replaceMultiValued,
  replaceNoTarget,
  replaceSingle,
  replaceValuePath,
  replaceWithoutPath,
} from "./replace.check.js";
import {
  patchAtomic,
  patchAttributes200,
  patchMalformed,
  patchSequential,
  patchSuccessResponse,
  patchSupported,
} from "./response.check.js";

export const checks: readonly Check[] = [
  patchSupported,
  patchSuccessResponse,
  patchAttributes200,
  patchMalformed,
  patchSequential,
  patchAtomic,
  primaryExclusive,
  extensionAddsSchema,
  pathNotation,
  invalidPath,
  mutabilityError,
  immutableAddWhenUnset,
  addWithPath,
  addWithoutPath,
  addExistingTimestamp,
  removeRequiresPath,
  removeAttribute,
  removeValuePath,
  removeAbsentValue,
  removeRequired,
  replaceSingle,
  replaceWithoutPath,
  replaceMultiValued,
  replaceComplex,
  replaceValuePath,
  replaceNoTarget,
  membersAdd,
  membersRemoveOne,
  membersRemoveAll,
  membersReplace,
  membersAddExisting,
  membersRemoveAbsent,
];
