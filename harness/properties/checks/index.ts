// The property-based round-trip checks (issue "property-based round trips"), by area. The registry
// (harness/checks/registry.ts) or each area's index.ts lists them next to the area's own checks.
import type { Area } from "../../checks/check.js";
import type { Check } from "../../checks/check-context.js";
import { createRoundTrip } from "./create-round-trip.check.js";
import { filterOracle } from "./filter-oracle.check.js";
import { cursorWalk, indexWalk } from "./paging-walk.check.js";
import { patchModel } from "./patch-model.check.js";
import { projection } from "./projection.check.js";
import { putRoundTrip } from "./put-round-trip.check.js";

export const propertyChecksByArea: Readonly<Partial<Record<Area, readonly Check[]>>> = {
  create: [createRoundTrip],
  put: [putRoundTrip],
  patch: [patchModel],
  filter: [filterOracle],
  paging: [indexWalk],
  cursor: [cursorWalk],
  read: [projection],
};

export const propertyChecks: readonly Check[] = Object.values(propertyChecksByArea).flat();

export { takeFidelityTable } from "../runner/fidelity-registry.js";
