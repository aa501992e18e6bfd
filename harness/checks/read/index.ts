// Checks of the "read" area (harness/checks/README.md).
import type { Check } from "../check-context.js";
import { defaultAttributes, getGroup, getUser, unknownGroup, unknownUser } from "./get.check.js";
import {
  attributesParameter,
  caseInsensitiveProjection,
  excludedAttributesParameter,
  projectionOnList,
  projectionOnSearch,
  projectionOnWrite,
  subAttributeProjection,
  urnQualifiedProjection,
} from "./projection.check.js";

export const checks: readonly Check[] = [
  getUser,
  getGroup,
  unknownUser,
  unknownGroup,
  defaultAttributes,
  attributesParameter,
  excludedAttributesParameter,
  subAttributeProjection,
  urnQualifiedProjection,
  caseInsensitiveProjection,
  projectionOnList,
  projectionOnSearch,
  projectionOnWrite,
];
