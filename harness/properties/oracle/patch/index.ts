// The harness's own PATCH model (RFC 7644 §3.5.2) and generated operation lists.
export type { ApplyOptions, PatchOutcome, PatchRefusal } from "./apply-patch.js";
export { applyPatch } from "./apply-patch.js";
export type { PatchArbitraryOptions } from "./patch-arbitrary.js";
export { patchArbitrary } from "./patch-arbitrary.js";
export type { PatchOperation, PatchOpName, PatchPath } from "./patch-ast.js";
export { patchBody, patchOpUrn, printPatchPath } from "./patch-ast.js";
export { PatchModelGap } from "./patch-state.js";
