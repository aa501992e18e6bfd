// Checks of the "discovery" area (harness/checks/README.md). List every check of this folder's *.check.ts
// modules here; registry.ts imports this file, so nothing else needs editing.
import type { Check } from "../check-context.js";
import {
  attributeDefinitions,
  complexSubAttributes,
  groupSchema,
  referenceTypes,
  userSchema,
} from "./definitions.check.js";
import {
  discoveryIgnoresPaging,
  discoveryReadOnly,
  resourceTypeById,
  resourceTypeEndpointAnswers,
  resourceTypeUnknownId,
  schemasList,
} from "./endpoints.check.js";
import { resourceTypeSchemasResolve, resourceTypesListResponse } from "./resource-types.check.js";
import { discoveryFilterForbidden, messageSchemasHidden } from "./schemas.check.js";
import {
  spcAuthenticationSchemes,
  spcFeatureAttributes,
  spcSchemasUrn,
} from "./service-provider-config.check.js";

export const checks: readonly Check[] = [
  spcSchemasUrn,
  spcFeatureAttributes,
  spcAuthenticationSchemes,
  resourceTypesListResponse,
  resourceTypeSchemasResolve,
  messageSchemasHidden,
  discoveryFilterForbidden,
  resourceTypeEndpointAnswers,
  schemasList,
  resourceTypeById,
  resourceTypeUnknownId,
  discoveryIgnoresPaging,
  discoveryReadOnly,
  attributeDefinitions,
  complexSubAttributes,
  referenceTypes,
  userSchema,
  groupSchema,
];
