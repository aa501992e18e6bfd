// Checks of the "representation" area (harness/checks/README.md).
import type { Check } from "../check-context.js";
import { attributesDeclared } from "./declared-attributes.check.js";
import { groupMembers, userGroups } from "./groups.check.js";
import { idAssignedByServer, idNotBulkId, idPresent, idStable, idUnique } from "./ids.check.js";
import {
  lastModifiedAdvances,
  lastModifiedInitial,
  metaAssigned,
  metaFromClientIgnored,
  metaLocation,
  metaResourceType,
} from "./meta.check.js";
import { schemasOrder, schemasPresent, schemasValid } from "./schemas.check.js";
import {
  extensionAttributes,
  externalIdClientOnly,
  externalIdPreserved,
  reflectsState,
  requiredExtension,
} from "./values.check.js";

export const checks: readonly Check[] = [
  schemasPresent,
  schemasValid,
  schemasOrder,
  attributesDeclared,
  idPresent,
  idUnique,
  idStable,
  idAssignedByServer,
  idNotBulkId,
  metaAssigned,
  metaFromClientIgnored,
  metaResourceType,
  lastModifiedInitial,
  lastModifiedAdvances,
  metaLocation,
  externalIdPreserved,
  externalIdClientOnly,
  extensionAttributes,
  requiredExtension,
  reflectsState,
  groupMembers,
  userGroups,
];
