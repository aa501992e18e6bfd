// Every code check, by area. Each area folder has an index.ts that lists its checks; this file imports
// them all explicitly (no file-system globbing, so tsc sees every check and a missing export fails to
// compile). `Record<Area, …>` makes adding an area to check.ts fail here until it is registered. The
// property-based round trips (harness/properties/) are listed after each area's own checks.

import { propertyChecksByArea } from "../properties/checks/index.js";
import { checks as authChecks } from "./auth/index.js";
import { checks as bulkChecks } from "./bulk/index.js";
import type { Area } from "./check.js";
import { areas } from "./check.js";
import type { Check } from "./check-context.js";
import { checks as createChecks } from "./create/index.js";
import { checks as cursorChecks } from "./cursor/index.js";
import { checks as deleteChecks } from "./delete/index.js";
import { checks as discoveryChecks } from "./discovery/index.js";
import { checks as errorsChecks } from "./errors/index.js";
import { checks as etagChecks } from "./etag/index.js";
import { checks as filterChecks } from "./filter/index.js";
import { checks as interopChecks } from "./interop/index.js";
import { checks as listChecks } from "./list/index.js";
import { checks as meChecks } from "./me/index.js";
import { checks as pagingChecks } from "./paging/index.js";
import { checks as patchChecks } from "./patch/index.js";
import { checks as putChecks } from "./put/index.js";
import { checks as readChecks } from "./read/index.js";
import { checks as representationChecks } from "./representation/index.js";
import { checks as schemaChecks } from "./schema/index.js";
import { checks as securityChecks } from "./security/index.js";
import { checks as sortChecks } from "./sort/index.js";
import { checks as transportChecks } from "./transport/index.js";

const ownChecks: Readonly<Record<Area, readonly Check[]>> = {
  transport: transportChecks,
  auth: authChecks,
  discovery: discoveryChecks,
  schema: schemaChecks,
  representation: representationChecks,
  create: createChecks,
  read: readChecks,
  list: listChecks,
  filter: filterChecks,
  sort: sortChecks,
  paging: pagingChecks,
  cursor: cursorChecks,
  put: putChecks,
  patch: patchChecks,
  delete: deleteChecks,
  errors: errorsChecks,
  etag: etagChecks,
  bulk: bulkChecks,
  me: meChecks,
  security: securityChecks,
  interop: interopChecks,
};

function withPropertyChecks(own: Readonly<Record<Area, readonly Check[]>>): Record<Area, readonly Check[]> {
  const all = {} as Record<Area, readonly Check[]>;
  for (const area of areas) all[area] = [...own[area], ...(propertyChecksByArea[area] ?? [])];
  return all;
}

export const checksByArea: Readonly<Record<Area, readonly Check[]>> = withPropertyChecks(ownChecks);

/** Every registered code check, in area order then declaration order. */
export function registeredChecks(): readonly Check[] {
  return areas.flatMap((area) => checksByArea[area]);
}
