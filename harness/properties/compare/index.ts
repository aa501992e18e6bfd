// SCIM-aware comparison and the attribute fidelity table (the reporters' stable input).
export type { CompareOptions } from "./compare-resource.js";
export { comparable, compareResource } from "./compare-resource.js";
export type {
  FidelityExample,
  FidelityObservation,
  FidelityRow,
  FidelityTable,
} from "./fidelity-table.js";
export { aggregateFidelity, FidelityRecorder, fidelityTableVersion, troubledRows } from "./fidelity-table.js";
export type { FieldDiff, FieldVerdict, ResourceDiff } from "./resource-diff.js";
export { defects, describeField } from "./resource-diff.js";
