// Arbitraries derived at run time from the target's own schemas.
export type { ValueOptions, WriteMode } from "./complex-arbitraries.js";
export { attributeArbitrary, resourceReferenceTypes, writable } from "./complex-arbitraries.js";
export type { ReferencePool } from "./reference-pool.js";
export { CreatedPool, emptyPool } from "./reference-pool.js";
export type { ResourceArbitraryOptions, ResourceDraft, UniqueSlot } from "./resource-arbitrary.js";
export { finalizeDraft, resourceArbitrary, slotValue, uniqueSlots } from "./resource-arbitrary.js";
export {
  binaryArbitrary,
  dateTimeArbitrary,
  decimalArbitrary,
  integerArbitrary,
  scalarArbitrary,
  uriArbitrary,
} from "./scalar-arbitraries.js";
export { identifierUnit, textArbitrary, textUnit } from "./text-arbitrary.js";
