// The projection oracle (RFC 7644 §3.9, RFC 7643 §7 returned).
export { projectionArbitrary, projectionNames } from "./projection-arbitrary.js";
export type { Presence, ProjectionParams, ProjectionViolation } from "./projection-oracle.js";
export { presenceOf, projectionViolations } from "./projection-oracle.js";
