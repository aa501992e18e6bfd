// Checks of the "read" area (harness/checks/README.md). List every check of this folder's *.check.ts
// modules here; registry.ts imports this file, so nothing else needs editing.
import type { Check } from "../check-context.js";

export const checks: readonly Check[] = [];
